import type { FastifyInstance, FastifyPluginAsync, FastifyReply } from 'fastify';
import { registerAsanaAppComponentRoutes } from '../asana/app-components/app-component-routes';
import {
  adminOperations,
  answerHandshake,
  buildAdminOpenApiDocument,
  checkPeerMessageHeader,
  describeNode,
  ExalateError,
  exchangeBasePath,
  handshakeRequestSchema,
  isAdminPage,
  nextPageLink,
  maximumPeerMessageBytes,
  peerMessageSchema,
  readAdminQuery,
  receivePeerMessage,
  signatureHeader,
  type ChangeIntakeV1,
  type NodeContext,
} from '../../core';
import { authenticateAdmin, type AzureDevOpsAppTokenAccess } from './admin-authentication';
import { registerAdminCors } from './admin-cors';
import { azureDevOpsAdministratorCheck } from './azure-devops-administrators';
import { registerChangeHookRoute } from './change-hooks';
import { sendError, toExalateError } from './errors';
import { registerOperationRoutes, type NodeOperations } from './operations/operation-routes';
import { RateLimiter } from './rate-limiter';
import { readJsonBody } from '../incoming-request';
import { NodeTrackerConnection } from './tracker-connection/node-tracker-connection';
import { registerTrackerSignInRoutes } from './tracker-connection/sign-in-routes';
import { EntrySessions } from './jira-server-entry/entry-sessions';
import { registerJiraServerEntryRoutes, type JiraServerEntryOptions } from './jira-server-entry/entry-routes';
import { registerJiraServerItemSurfaceRoutes } from './jira-server-entry/item-surface-routes';

export const adminBasePath = '/api/v1';
/** Admin and peer requests are small; 256 KB leaves room for scripts later and stops abuse early. */
export const bodyLimitBytes = 256 * 1024;
/** Peer messages carry attachment content: one attachment at the cap fits (see message-size.ts). */
export const peerMessageLimitBytes = maximumPeerMessageBytes;

export interface NodeRouteOptions {
  readonly context: NodeContext;
  /** The tracker's change intake, behind `/hooks/change`. */
  readonly changeIntake: ChangeIntakeV1;
  readonly adminToken: string;
  /**
   * Only a public node answers its peers. A private node mounts no exchange routes at all: it has
   * nothing that a peer could call.
   */
  readonly servesPeers: boolean;
  /** /healthz, /readyz and /metrics, when the node has them. */
  readonly operations?: NodeOperations;
  /** Let the Azure DevOps hub in with its app token (see admin-authentication.ts). */
  readonly azureDevOpsAppTokens?: AzureDevOpsAppTokenAccess | undefined;
  /**
   * Pages of other origins that may call the admin API from a browser (CORS): the Azure DevOps
   * hub is served from the Marketplace's CDN, not from the node.
   */
  readonly consoleOrigins?: readonly string[];
  /** Let Jira administrators in from Jira's Manage apps through Jira's OAuth 2.0 provider (Jira Server/DC nodes). */
  readonly jiraServerEntry?: JiraServerEntryOptions | undefined;
}

/** The node's HTTP surface, mountable at any prefix (`/` for a node, `/<instance>/node` in the sandbox). */
export function nodeRoutes(options: NodeRouteOptions): FastifyPluginAsync {
  return async (app) => {
    const { context } = options;
    app.removeAllContentTypeParsers();
    // No limit here: each route sets its own (admin calls are small, peer messages may carry files).
    app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'string' }, (_request, body, done) => done(null, body));
    app.setErrorHandler((error, _request, reply) => sendError(reply, toExalateError(error as Error, context.logger)));
    app.setNotFoundHandler((request, reply) =>
      sendError(reply, new ExalateError('not_found', `There is no ${request.method} ${request.url.split('?')[0]} on this node.`)),
    );
    registerAdminCors(app, adminBasePath, options.consoleOrigins ?? []);
    const jiraServerSessions = options.jiraServerEntry === undefined ? undefined : new EntrySessions(context.store, context.secrets, context.clock);
    registerAdminApi(app, options, jiraServerSessions);
    if (options.operations) registerOperationRoutes(app, options.operations);
    // The tracker's own events: on a private node they come from inside its network, never from the peer.
    registerChangeHookRoute(app, options);
    // Asana's OAuth sign-in comes back to the node through the admin's browser.
    registerTrackerSignInRoutes(app, context);
    // A Jira administrator opening Exalate from Jira's Manage apps: Jira says who it is.
    if (options.jiraServerEntry !== undefined && jiraServerSessions !== undefined)
      registerJiraServerEntryRoutes(app, context, options.jiraServerEntry, jiraServerSessions);
    // The page the Jira DC plugin's issue panel frames: the Exalate surface.
    registerJiraServerItemSurfaceRoutes(app, context, jiraServerSessions !== undefined);
    // Asana's app components (the task widget, the modal form, the rule action) call the node as their app server.
    const asanaClientSecret = context.trackerConnection instanceof NodeTrackerConnection ? context.trackerConnection.asanaClientSecret() : undefined;
    if (asanaClientSecret !== undefined) registerAsanaAppComponentRoutes(app, { context, clientSecret: asanaClientSecret });
    if (options.servesPeers) registerExchangeApi(app, context);
  };
}

/**
 * Calls where a wrong guess is the attack: accepting an invitation (admin side) and the handshake
 * (peer side). Ten failed attempts at once, then ten a minute, per caller; successes are free.
 */
const guardedCalls = new Set(['POST /connections/accept', 'POST /exchange/v1/handshake']);

function rateLimited(limiter: RateLimiter, key: string, reply: FastifyReply): FastifyReply | undefined {
  const waitSeconds = limiter.waitFor(key);
  if (waitSeconds === 0) return undefined;
  reply.header('retry-after', String(waitSeconds));
  return sendError(
    reply,
    new ExalateError(
      'rate_limited',
      `Too many attempts from this address. Wait ${waitSeconds} seconds, then try again with the invitation code exactly as the initiator sent it.`,
      { isRetryable: true },
    ),
  );
}

function registerAdminApi(
  app: FastifyInstance,
  { context, adminToken, azureDevOpsAppTokens }: NodeRouteOptions,
  jiraServerSessions: EntrySessions | undefined,
): void {
  const limiter = new RateLimiter(10, 10);
  // The hub's app tokens are let in only for administrators of the node's own organization.
  const azureDevOpsAdministrators = azureDevOpsAppTokens === undefined ? undefined : azureDevOpsAdministratorCheck(context);
  app.get(`${adminBasePath}/openapi.json`, async (request) =>
    buildAdminOpenApiDocument(adminOperations, `${request.protocol}://${request.host}${request.url.replace(/\/openapi\.json$/, '')}`),
  );
  for (const operation of adminOperations) {
    app.route({
      method: operation.method,
      bodyLimit: bodyLimitBytes,
      url: `${adminBasePath}${operation.path.replace(/\{(\w+)\}/g, ':$1')}`,
      handler: async (request, reply) => {
        if (guardedCalls.has(`${operation.method} ${operation.path}`)) {
          const limited = rateLimited(limiter, `${request.ip} ${operation.path}`, reply);
          if (limited) return limited;
        }
        const authenticated = await authenticateAdmin(request.headers.authorization, {
          adminToken,
          azureDevOpsAppTokens,
          azureDevOpsAdministrators,
          jiraServerSessions,
          now: () => context.clock.now(),
        });
        if ('refused' in authenticated) {
          context.logger.warn('admin call refused', { path: operation.path, reason: authenticated.reason });
          if (authenticated.refused.httpStatus === 401) reply.header('www-authenticate', 'Bearer');
          return sendError(reply, authenticated.refused);
        }
        const body = readJsonBody(request.body, operation.body);
        if (!body.ok) return sendError(reply, body.error);
        const query = readAdminQuery(operation, request.query);
        if (!query.ok) return sendError(reply, query.error);
        const result = await operation.run(context, { params: request.params as Record<string, string>, body: body.value, query: query.value });
        if (!result.ok) {
          if (guardedCalls.has(`${operation.method} ${operation.path}`) && result.error.httpStatus < 500) limiter.take(`${request.ip} ${operation.path}`);
          return sendError(reply, result.error);
        }
        if (!isAdminPage(result.value)) return reply.code(operation.successStatus).send(result.value);
        if (result.value.nextQuery) reply.header('link', nextPageLink(request.url, result.value.nextQuery));
        return reply.code(operation.successStatus).send(result.value.items);
      },
    });
  }
}

function registerExchangeApi(app: FastifyInstance, context: NodeContext): void {
  const limiter = new RateLimiter(10, 10);
  app.get(`${exchangeBasePath}/info`, async () => {
    if (context.settings.nodeUrl === null) throw new ExalateError('not_found', 'This node is private.');
    return describeNode(context, context.settings.nodeUrl);
  });
  app.post(`${exchangeBasePath}/handshake`, { bodyLimit: bodyLimitBytes }, async (request, reply) => {
    const limited = rateLimited(limiter, `${request.ip} handshake`, reply);
    if (limited) return limited;
    const body = readJsonBody(request.body, handshakeRequestSchema);
    if (!body.ok) return sendError(reply, body.error);
    const answer = await answerHandshake(context, body.value);
    if (answer.ok) return reply.code(200).send(answer.value);
    limiter.take(`${request.ip} handshake`);
    return sendError(reply, answer.error);
  });
  app.post<{ Params: { id: string } }>(
    `${exchangeBasePath}/connections/:id/messages`,
    {
      bodyLimit: peerMessageLimitBytes,
      // Runs before the body is read: a request without a valid signature from this connection's
      // peer is answered 401 while its body is still on the wire, so strangers cannot make the node
      // hold megabytes each. A too-large body from the peer is then refused by its Content-Length (413).
      onRequest: async (request, reply) => {
        const token = request.headers[signatureHeader];
        const header = await checkPeerMessageHeader(context, request.params.id, typeof token === 'string' ? token : undefined);
        if (!header.ok) return sendError(reply.header('connection', 'close'), header.error);
      },
    },
    async (request, reply) => {
      const token = request.headers[signatureHeader];
      const raw = typeof request.body === 'string' ? request.body : '';
      const answer = await receivePeerMessage(context, request.params.id, typeof token === 'string' ? token : undefined, raw, (text) =>
        readJsonBody(text, peerMessageSchema),
      );
      return answer.ok ? reply.code(200).send(answer.value) : sendError(reply, answer.error);
    },
  );
}

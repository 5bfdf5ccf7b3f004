import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { NodeContext } from '../../../core';
import { exalateAdminPageRoutes, jiraServerEntryCallbackPath, jiraServerEntryPath, type ExalateAdminPageRoute } from '../../jira-server/plugin-addresses';
import { RateLimiter } from '../rate-limiter';
import { renderSignInPage } from '../tracker-connection/sign-in-page';
import { applyConsolePagePolicy } from '../ui/console-page-policy';
import type { EntrySessions } from './entry-sessions';
import { servesJiraServerPlugin } from './serves-jira-server-plugin';
import { renderSessionHandOverPage } from './session-hand-over-page';
import { jiraIssueKeySchema } from './item-surface-routes';

/**
 * A Jira administrator opening Exalate from Jira (the plugin's Manage apps section links here) is
 * let into the console without a pasted token: the node asks Jira who is coming, through Jira's own
 * OAuth 2.0 provider (docs/decisions/2026-12-06-jira-server-admin-entry.md).
 * - `GET {node}/jira-server/enter?page=connections`: a random single-use `state` and a PKCE verifier
 *   (RFC 7636, S256) are made and bound to this browser by an HttpOnly cookie; the browser goes to
 *   `{jira}/rest/oauth2/latest/authorize`, where Jira knows its user by the Jira session.
 * - `GET {node}/jira-server/enter/callback?code&state`: the state must be one this node made, unused,
 *   under ten minutes old and back in the browser that left. The code (Jira's short-lived, single-use
 *   ticket) is traded with the client secret and the verifier; with the access token the node asks
 *   `GET /rest/api/2/myself` and `GET /rest/api/2/mypermissions?permissions=ADMINISTER`, as that person,
 *   then forgets the token. Only a Jira administrator gets a console session (entry-sessions.ts).
 */
export interface JiraServerEntryOptions {
  /** The incoming application link's client id and secret (JIRA_SERVER_OAUTH_CLIENT_ID, …_SECRET). */
  readonly clientId: string;
  readonly clientSecret: string;
  /** The node's console page, absolute: where an administrator lands, on the page they chose. */
  readonly consoleUrl: string;
  /** How the node calls Jira's token endpoint and REST API; the global fetch unless a test injects one. */
  readonly fetch?: typeof fetch;
}

const cookieName = 'exalate_jira_entry';
const flowLifetimeMs = 10 * 60_000;
/**
 * Anyone can open the entry, so what an anonymous caller can make the node spend is bounded: ten
 * entries at once per address, then six a minute (a person opens it a few times a day), and Jira's
 * address is asked of the tracker once a minute at most, so entries cost no Jira calls. Ten
 * thousand open flows (about 2 MB) take over a hundred addresses at that pace to fill.
 */
export const entriesPerAddress = { capacity: 10, refillPerMinute: 6 } as const;
const keptFlows = 10_000;
const jiraUrlLifetimeMs = 60_000;

interface EntryFlow {
  readonly browserKey: string;
  readonly verifier: string;
  readonly page: ExalateAdminPageRoute;
  /** Set when the entry began in an issue's Exalate panel (`page=item`): the session goes back to that panel. */
  readonly issueKey: string | null;
  readonly jiraUrl: string;
  readonly expiresAt: number;
}

const tokenAnswerSchema = z.looseObject({ access_token: z.string().min(1) });
const myselfSchema = z.looseObject({ name: z.string().min(1), displayName: z.string().optional() });
const permissionsSchema = z.looseObject({ permissions: z.looseObject({ ADMINISTER: z.looseObject({ havePermission: z.boolean() }) }) });

const random = () => randomBytes(32).toString('base64url');

function queryValue(request: FastifyRequest, name: string): string | undefined {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

function sendPage(reply: FastifyReply, status: number, title: string, message: string): FastifyReply {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
    .header('x-frame-options', 'DENY')
    .type('text/html; charset=utf-8')
    .send(renderSignInPage({ title, message, isError: status >= 400 }));
}

function sendHandOverPage(reply: FastifyReply, page: { readonly html: string; readonly script: string }): FastifyReply {
  return applyConsolePagePolicy(reply, { inlineScripts: [page.script], frameAncestors: [] })
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .type('text/html; charset=utf-8')
    .send(page.html);
}

const openAgain = 'Open Exalate again from Jira: Administration (⚙) → Manage apps → Exalate → Connections.';

export function registerJiraServerEntryRoutes(app: FastifyInstance, context: NodeContext, options: JiraServerEntryOptions, sessions: EntrySessions): void {
  const nodeUrl = context.settings.nodeUrl;
  if (nodeUrl === null || !servesJiraServerPlugin[context.tracker.kind]) return;
  const redirectUri = `${nodeUrl}${jiraServerEntryCallbackPath}`;
  const call = options.fetch ?? ((input: string, init?: RequestInit) => fetch(input, init));
  const flows = new Map<string, EntryFlow>();
  const entries = new RateLimiter(entriesPerAddress.capacity, entriesPerAddress.refillPerMinute, () => context.clock.now());
  let knownJiraUrl: { readonly url: string; readonly until: number } | null = null;
  const jiraUrlNow = async (): Promise<string> => {
    const now = context.clock.now();
    if (knownJiraUrl !== null && knownJiraUrl.until > now) return knownJiraUrl.url;
    const url = (await context.tracker.describeInstance()).url.replace(/\/+$/, '');
    knownJiraUrl = { url, until: now + jiraUrlLifetimeMs };
    return url;
  };
  const cookiePath = `${app.prefix}${jiraServerEntryPath}`;
  const cookie = (request: FastifyRequest, value: string, maxAgeSeconds: number) =>
    `${cookieName}=${value}; Path=${cookiePath}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${request.protocol === 'https' ? '; Secure' : ''}`;

  app.get(jiraServerEntryPath, async (request, reply) => {
    const waitSeconds = entries.take(request.ip);
    if (waitSeconds > 0) {
      void reply.header('retry-after', String(waitSeconds));
      return sendPage(
        reply,
        429,
        'Exalate is catching its breath',
        `Exalate was opened from this address many times in a short while. Wait ${waitSeconds} seconds, then open it again from Jira. Nothing was changed.`,
      );
    }
    const page = exalateAdminPageRoutes.find(([route]) => route === queryValue(request, 'page'))?.[0] ?? 'connections';
    let issueKey: string | null = null;
    if (queryValue(request, 'page') === 'item') {
      const key = jiraIssueKeySchema.safeParse(queryValue(request, 'issueKey'));
      if (!key.success)
        return sendPage(
          reply,
          400,
          'Exalate does not know which issue you came from',
          `The address names no issue (or a malformed key). Nothing was changed. Open the issue in Jira and choose "Sign in to Exalate" in its Exalate panel again.`,
        );
      issueKey = key.data;
    }
    let jiraUrl: string;
    try {
      jiraUrl = await jiraUrlNow();
    } catch (error) {
      return sendPage(
        reply,
        503,
        'Exalate cannot ask Jira who you are',
        `${error instanceof Error ? error.message : String(error)} Ask whoever runs the node to connect it to Jira (General settings → Tracker connection, or TRACKER_URL and TRACKER_AUTH).`,
      );
    }
    const now = context.clock.now();
    for (const [state, flow] of flows) if (flow.expiresAt < now) flows.delete(state);
    if (flows.size >= keptFlows) flows.delete(flows.keys().next().value ?? '');
    const state = random();
    const flow: EntryFlow = { browserKey: random(), verifier: random(), page, issueKey, jiraUrl, expiresAt: now + flowLifetimeMs };
    flows.set(state, flow);
    const authorize = new URL(`${jiraUrl}/rest/oauth2/latest/authorize`);
    authorize.search = new URLSearchParams({
      client_id: options.clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      // READ is enough for myself and mypermissions; the person's own rights still bound it.
      scope: 'READ',
      state,
      code_challenge: createHash('sha256').update(flow.verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();
    // SameSite=Lax: the cookie comes back on Jira's top-level redirect to the callback, and only then.
    return reply
      .header('set-cookie', cookie(request, flow.browserKey, flowLifetimeMs / 1000))
      .header('cache-control', 'no-store')
      .redirect(authorize.toString(), 302);
  });

  app.get(jiraServerEntryCallbackPath, async (request, reply) => {
    void reply.header('set-cookie', cookie(request, '', 0));
    const state = queryValue(request, 'state') ?? '';
    const flow = flows.get(state);
    // Consumed whatever happens next: a state, like Jira's code, works once.
    flows.delete(state);
    if (flow === undefined)
      return sendPage(
        reply,
        400,
        'Exalate did not let you in',
        `This answer from Jira does not match an entry this node started, or it was used already. Nothing was changed. ${openAgain}`,
      );
    if (flow.expiresAt < context.clock.now())
      return sendPage(reply, 400, 'Exalate did not let you in', `The way through Jira took longer than ten minutes. ${openAgain}`);
    if (readCookie(request.headers.cookie, cookieName) !== flow.browserKey)
      return sendPage(
        reply,
        400,
        'Exalate did not let you in',
        `This entry was started in another browser, or this browser did not keep the node's cookie. ${openAgain}`,
      );
    const denied = queryValue(request, 'error');
    if (denied !== undefined)
      return sendPage(
        reply,
        403,
        'Exalate did not let you in',
        `Jira answered "${denied.slice(0, 60).replace(/[^\w .-]/g, '')}" instead of letting the node know who you are. ${openAgain}`,
      );

    const person = await askJiraWhoIsComing(call, flow, queryValue(request, 'code') ?? '', { ...options, redirectUri });
    if (!person.ok) {
      context.logger.warn('Jira entry refused', { reason: person.reason });
      return sendPage(reply, person.status, 'Exalate did not let you in', person.message);
    }
    if (!person.isAdministrator) {
      context.logger.warn('Jira entry refused', { reason: `${person.user} is not a Jira administrator` });
      return sendPage(
        reply,
        403,
        'Exalate is for Jira administrators',
        `Jira says your account (${person.user}) does not have the Jira Administrators global permission, so Exalate's settings are closed to it. Ask a Jira administrator to grant it (Administration → System → Global permissions), or to set up the connection for you.`,
      );
    }
    const session = await sessions.issue(person.user, person.displayName);
    context.logger.info('Jira administrator entered', { user: person.user });
    // From an issue's panel: the panel (a frame in Jira, of the node's origin) opened this window and waits for the session.
    if (flow.issueKey !== null)
      return sendHandOverPage(reply, renderSessionHandOverPage({ session: session.token, issueKey: flow.issueKey, nodeOrigin: new URL(nodeUrl).origin }));
    return reply
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .redirect(`${options.consoleUrl}#exalate-session=${encodeURIComponent(session.token)}&page=${flow.page}`, 302);
  });
}

type JiraAnswer =
  | { readonly ok: true; readonly user: string; readonly displayName: string; readonly isAdministrator: boolean }
  | { readonly ok: false; readonly status: number; readonly message: string; readonly reason: string };

async function askJiraWhoIsComing(
  call: (input: string, init?: RequestInit) => Promise<Response>,
  flow: EntryFlow,
  code: string,
  options: JiraServerEntryOptions & { readonly redirectUri: string },
): Promise<JiraAnswer> {
  const refused = (status: number, reason: string, message: string): JiraAnswer => ({ ok: false, status, reason, message });
  try {
    const exchanged = await call(`${flow.jiraUrl}/rest/oauth2/latest/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uri: options.redirectUri,
        code_verifier: flow.verifier,
      }).toString(),
      redirect: 'manual',
    });
    if (exchanged.status === 401)
      return refused(
        503,
        'Jira refused the client id or secret',
        `Jira did not recognise this node's OAuth client. Ask whoever runs the node to check JIRA_SERVER_OAUTH_CLIENT_ID and JIRA_SERVER_OAUTH_CLIENT_SECRET against Jira's incoming application link. ${openAgain}`,
      );
    if (!exchanged.ok)
      return refused(
        400,
        `the token endpoint answered ${exchanged.status}`,
        `Jira did not accept the answer it gave your browser (it may be forged, used already or expired). Nothing was changed. ${openAgain}`,
      );
    const token = tokenAnswerSchema.safeParse(await exchanged.json().catch(() => null));
    if (!token.success) return refused(502, 'the token endpoint answered without an access token', `Jira's answer carried no access token. ${openAgain}`);
    const asPerson = { headers: { authorization: `Bearer ${token.data.access_token}`, accept: 'application/json' }, redirect: 'manual' as const };
    const [myself, permissions] = await Promise.all([
      call(`${flow.jiraUrl}/rest/api/2/myself`, asPerson),
      call(`${flow.jiraUrl}/rest/api/2/mypermissions?permissions=ADMINISTER`, asPerson),
    ]);
    const who = myselfSchema.safeParse(myself.ok ? await myself.json().catch(() => null) : null);
    const rights = permissionsSchema.safeParse(permissions.ok ? await permissions.json().catch(() => null) : null);
    if (!who.success || !rights.success)
      return refused(
        502,
        `myself answered ${myself.status}, mypermissions ${permissions.status}`,
        `Jira did not say who you are (it answered ${myself.status} and ${permissions.status}). ${openAgain}`,
      );
    return {
      ok: true,
      user: who.data.name,
      displayName: who.data.displayName ?? who.data.name,
      isAdministrator: rights.data.permissions.ADMINISTER.havePermission,
    };
  } catch (error) {
    const said = error instanceof Error ? error.message : String(error);
    return refused(503, `Jira could not be reached: ${said}`, `The node could not reach Jira at ${flow.jiraUrl} (${said}). Try again in a minute.`);
  }
}

import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { readQueryParameter } from '../../emulator-kit';
import type { AsanaEmulatorState } from './asana-emulator-state';
import type { AsanaWebhookRecord } from './asana-records';
import type { AsanaRouteKit } from './asana-route-kit';

type GidRequest = FastifyRequest<{ Params: { gid: string } }>;

/** The Events API answers at most 100 events and says `has_more` (developers.asana.com/docs/events). */
const eventsPerAnswer = 100;
/** The target must answer the handshake quickly; Asana gives up on a slow one. */
const handshakeTimeoutMs = 5_000;

const filterSchema = z.looseObject({
  resource_type: z.string().optional(),
  resource_subtype: z.string().optional(),
  action: z.string().optional(),
  fields: z.array(z.string()).optional(),
});

/** Sync tokens are opaque to clients; here they are the hex of "resource:sequence". */
const tokenOf = (resource: string, sequence: number): string => Buffer.from(`${resource}:${sequence}`, 'utf8').toString('hex');
function readToken(token: string): { resource: string; sequence: number } | undefined {
  if (!/^[0-9a-f]+$/.test(token)) return undefined;
  const [resource, sequence] = Buffer.from(token, 'hex').toString('utf8').split(':');
  return resource === undefined || sequence === undefined || !/^\d+$/.test(sequence) ? undefined : { resource, sequence: Number(sequence) };
}

/**
 * Webhooks with the X-Hook-Secret handshake (developers.asana.com/docs/webhooks-guide): before
 * `POST /webhooks` answers, Asana POSTs to the target with an `X-Hook-Secret` header and creates
 * the webhook only if the target answers 200 or 204 echoing that header. And the Events API, whose
 * sync tokens say where a reader left off; a missing or too old token is answered 412 with a fresh one.
 */
export function registerAsanaHookRoutes(instance: FastifyInstance, state: AsanaEmulatorState, kit: AsanaRouteKit): void {
  const onRequest = [...kit.onRequest];
  const resourceExists = (gid: string): boolean =>
    state.projects.some((project) => project.gid === gid) || state.find('tasks', gid) !== undefined || state.findWorkspace(gid) !== undefined;
  const representWebhook = (webhook: AsanaWebhookRecord) => {
    const project = state.projects.find((candidate) => candidate.gid === webhook.resourceGid);
    const task = state.find('tasks', webhook.resourceGid);
    return {
      gid: webhook.gid,
      resource_type: 'webhook',
      active: true,
      resource: {
        gid: webhook.resourceGid,
        resource_type: project !== undefined ? 'project' : task !== undefined ? 'task' : 'workspace',
        name: project?.name ?? task?.name ?? state.findWorkspace(webhook.resourceGid)?.name ?? '',
      },
      target: webhook.target,
      created_at: webhook.createdAt,
      filters: webhook.filters,
      delivery_retry_count: 0,
    };
  };

  instance.post('/api/1.0/webhooks', { onRequest }, async (request, reply) => {
    const data = kit.data(request, reply);
    if (data === undefined) return reply;
    const resource = typeof data['resource'] === 'string' ? data['resource'] : '';
    const target = typeof data['target'] === 'string' ? data['target'] : '';
    if (!resourceExists(resource)) return kit.refuse(reply, 400, `resource: Not a recognized ID: ${resource}`);
    if (!/^https?:\/\/\S+$/.test(target)) return kit.refuse(reply, 400, 'target: Not a valid URL');
    const filters = z.array(filterSchema).safeParse(data['filters'] ?? []);
    if (!filters.success) return kit.refuse(reply, 400, 'filters: Not a valid list of filters');
    if (state.findWorkspace(resource) !== undefined && filters.data.length === 0)
      return kit.refuse(reply, 400, 'filters: Webhooks on a workspace need filters.');

    const secret = randomBytes(32).toString('hex');
    let echoed: string | null = null;
    let status = 0;
    try {
      const answer = await fetch(target, { method: 'POST', headers: { 'X-Hook-Secret': secret }, signal: AbortSignal.timeout(handshakeTimeoutMs) });
      status = answer.status;
      echoed = answer.headers.get('X-Hook-Secret');
      await answer.arrayBuffer().catch(() => undefined);
    } catch {
      return kit.refuse(
        reply,
        400,
        `Could not complete activation handshake with target URL. Please ensure that the receiving server is accepting connections and supports SSL. (${target})`,
      );
    }
    if ((status !== 200 && status !== 204) || echoed !== secret) {
      return kit.refuse(
        reply,
        400,
        'Could not complete activation handshake with target URL. The target must answer 200 or 204 with the X-Hook-Secret header it received.',
      );
    }
    const webhook: AsanaWebhookRecord = { gid: state.nextGid(), resourceGid: resource, target, secret, filters: filters.data, createdAt: state.now() };
    state.save('webhooks', webhook);
    return reply.code(201).send({ data: representWebhook(webhook), 'X-Hook-Secret': secret });
  });

  instance.get('/api/1.0/webhooks', { onRequest }, async (request, reply) => {
    const workspace = readQueryParameter(request, 'workspace');
    if (workspace === undefined || state.findWorkspace(workspace) === undefined) return kit.refuse(reply, 400, 'workspace: Missing input');
    const resource = readQueryParameter(request, 'resource');
    return kit.page(
      request,
      reply,
      state
        .list('webhooks')
        .filter((webhook) => resource === undefined || webhook.resourceGid === resource)
        .map(representWebhook),
      (full) => full,
    );
  });

  instance.get('/api/1.0/webhooks/:gid', { onRequest }, async (request, reply) => {
    const webhook = state.find('webhooks', (request as GidRequest).params.gid);
    return webhook === undefined
      ? kit.refuse(reply, 404, `webhook: Unknown object: ${(request as GidRequest).params.gid}`)
      : kit.one(request, representWebhook(webhook));
  });

  instance.delete('/api/1.0/webhooks/:gid', { onRequest }, async (request, reply) => {
    return state.remove('webhooks', (request as GidRequest).params.gid)
      ? { data: {} }
      : kit.refuse(reply, 404, `webhook: Unknown object: ${(request as GidRequest).params.gid}`);
  });

  instance.get('/api/1.0/events', { onRequest }, async (request, reply) => {
    const resource = readQueryParameter(request, 'resource') ?? '';
    if (!resourceExists(resource)) return kit.refuse(reply, 400, `resource: Not a recognized ID: ${resource}`);
    const offered = readToken(readQueryParameter(request, 'sync') ?? '');
    const oldest = state.events[0]?.sequence ?? state.lastEventSequence + 1;
    if (offered === undefined || offered.resource !== resource || offered.sequence < oldest - 1 || offered.sequence > state.lastEventSequence) {
      return reply.code(412).send({
        errors: [
          {
            message:
              'Sync token invalid or too old. If you are attempting to keep resources in sync, you must fetch the full dataset for this query now and use the new sync token for the next sync.',
          },
        ],
        sync: tokenOf(resource, state.lastEventSequence),
      });
    }
    const pending = state.events.filter((event) => event.sequence > offered.sequence && event.concerns.includes(resource));
    const answered = pending.slice(0, eventsPerAnswer);
    const last = answered.length === pending.length ? state.lastEventSequence : (answered[answered.length - 1]?.sequence ?? offered.sequence);
    return { data: answered.map((event) => event.body), sync: tokenOf(resource, last), has_more: pending.length > answered.length };
  });
}

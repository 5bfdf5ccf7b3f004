import Fastify, { type FastifyInstance, type FastifyPluginAsync, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { parseJson } from '../../../core';
import { readQueryList } from '../../emulator-kit';
import type { AsanaRouteKit } from './asana-route-kit';

/** "The maximum number of actions allowed in a single batch request is 10" (asana.yaml, Batch API). */
const maximumActions = 10;

/** BatchRequestAction (asana.yaml): tolerant of fields Asana ignores, strict on the two it requires. */
const actionSchema = z.looseObject({
  relative_path: z.string(),
  method: z.enum(['get', 'post', 'put', 'delete', 'patch', 'head']),
  data: z.record(z.string(), z.unknown()).optional(),
  options: z
    .looseObject({
      limit: z.number().int().optional(),
      offset: z.union([z.string(), z.number()]).optional(),
      fields: z.array(z.string()).optional(),
    })
    .optional(),
});
type BatchAction = z.infer<typeof actionSchema>;
const batchRequestSchema = z.looseObject({ data: z.looseObject({ actions: z.array(z.unknown()) }) });

/** BatchResponse (asana.yaml): what one action answered. */
interface BatchResult {
  readonly status_code: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/**
 * `POST /batch` (asana.yaml, "Batch API"): up to ten actions, each dispatched to the endpoint its
 * `relative_path` and `method` name, answered 200 with one result per action in order. No actions,
 * more than ten, or a malformed action refuse the whole request with 400; a nested batch or an
 * attachment upload is refused for that action alone, as Asana does. The whole request passes the
 * token check and the rate limiter once, before any action runs: over the limit nothing runs (429).
 *
 * Actions go to `actionRoutes`, the same routes on the same state in a server of their own on the
 * loopback, as Asana's internal dispatch reaches its endpoints: whatever watches this emulator's
 * own traffic (benchmarks counting calls, the sandbox's persistence) sees one request.
 */
export function registerAsanaBatchRoute(instance: FastifyInstance, kit: AsanaRouteKit, actionRoutes: () => FastifyPluginAsync): void {
  const prefix = instance.prefix;
  let actionServer: Promise<{ readonly server: FastifyInstance; readonly origin: string }> | undefined;
  const server = () =>
    (actionServer ??= (async () => {
      // trustProxy: the caller's host and scheme pass through, so links (permalink_url, next_page.uri) name this emulator.
      const inner = Fastify({ logger: false, trustProxy: true });
      await inner.register(actionRoutes(), { prefix });
      await inner.listen({ host: '127.0.0.1', port: 0 });
      const address = inner.server.address();
      if (address === null || typeof address === 'string') throw new Error('The batch action server did not report a TCP address.');
      return { server: inner, origin: `http://127.0.0.1:${address.port}` };
    })());
  instance.addHook('onClose', async () => {
    if (actionServer !== undefined) await (await actionServer).server.close();
  });

  instance.post('/api/1.0/batch', { onRequest: [...kit.onRequest] }, async (request, reply) => {
    const parsed = batchRequestSchema.safeParse(request.body);
    if (!parsed.success) return kit.refuse(reply, 400, 'data: Missing input. Send { "data": { "actions": [ … ] } }.');
    const offered = parsed.data.data.actions;
    if (offered.length === 0) return kit.refuse(reply, 400, 'actions: A batch request must contain at least one action.');
    if (offered.length > maximumActions)
      return kit.refuse(reply, 400, `actions: A batch request may contain at most ${maximumActions} actions; this one has ${offered.length}.`);
    const actions: BatchAction[] = [];
    for (const [index, candidate] of offered.entries()) {
      const action = actionSchema.safeParse(candidate);
      if (!action.success)
        return kit.refuse(reply, 400, `actions[${index}]: An action needs a relative_path and a method (get, post, put, delete, patch or head).`);
      actions.push(action.data);
    }
    const { origin } = await server();
    // Asana runs the actions in parallel, with no order among them; the results keep the actions' order.
    const results = await Promise.all(actions.map((action) => dispatch(origin, request, prefix, action)));
    return { data: results.map((result) => selectResultFields(request, result)) };
  });
}

async function dispatch(origin: string, outer: FastifyRequest, prefix: string, action: BatchAction): Promise<BatchResult> {
  const refusal = refusalOf(action);
  if (refusal !== undefined) return { status_code: 400, headers: {}, body: { errors: [{ message: refusal }] } };
  const method = action.method.toUpperCase() as 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD';
  const writes = method === 'POST' || method === 'PUT' || method === 'PATCH';
  const query = new URLSearchParams();
  // For reads `data` holds the query parameters; for writes it is the body's `data`.
  if (!writes) for (const [name, value] of Object.entries(action.data ?? {})) if (value !== undefined && value !== null) query.set(name, queryValue(value));
  if (action.options?.limit !== undefined) query.set('limit', String(action.options.limit));
  if (action.options?.offset !== undefined) query.set('offset', String(action.options.offset));
  if (action.options?.fields !== undefined && action.options.fields.length > 0) query.set('opt_fields', action.options.fields.join(','));
  const search = query.size > 0 ? `?${query.toString()}` : '';
  const authorization = outer.headers.authorization;
  const response = await fetch(`${origin}${prefix}/api/1.0${action.relative_path}${search}`, {
    method,
    headers: {
      'x-forwarded-host': outer.host,
      'x-forwarded-proto': outer.protocol,
      ...(authorization === undefined ? {} : { authorization }),
      ...(writes ? { 'content-type': 'application/json' } : {}),
    },
    ...(writes ? { body: JSON.stringify({ data: action.data ?? {} }) } : {}),
  });
  const location = response.headers.get('location');
  const text = await response.text();
  return { status_code: response.status, headers: location === null ? {} : { location }, body: text === '' ? {} : readBody(text) };
}

/** Asana's restrictions on what an action may do (asana.yaml, Batch API, "Restrictions"). */
function refusalOf(action: BatchAction): string | undefined {
  const path = action.relative_path;
  if (!path.startsWith('/')) return `relative_path: "${path}" must start with "/", relative to the API's base URL (for example /tasks/123).`;
  if (path.includes('?')) return 'relative_path: Query parameters are not accepted here; put them in data.';
  if (/^\/batch(\/|$)/.test(path)) return 'Nested calls to the batch API are not allowed.';
  if (action.method === 'post' && /^\/(attachments|tasks\/[^/]+\/attachments)\/?$/.test(path))
    return 'Uploading attachments is not supported through the batch API; upload the file with its own POST /attachments request.';
  return undefined;
}

function readBody(text: string): unknown {
  const parsed = parseJson(text, z.unknown());
  return parsed.ok ? parsed.value : { errors: [{ message: text }] };
}

function queryValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(',');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** `opt_fields` of `/batch` itself picks among body, headers and status_code (asana.yaml, createBatchRequest). */
function selectResultFields(request: FastifyRequest, result: BatchResult): Partial<BatchResult> {
  const requested = readQueryList(request, 'opt_fields');
  if (requested.length === 0) return result;
  return Object.fromEntries(Object.entries(result).filter(([field]) => requested.includes(field)));
}

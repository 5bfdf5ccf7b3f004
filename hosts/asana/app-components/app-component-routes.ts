import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { describeItemTwins, ExalateError, type NodeContext, type Result } from '../../../core';
import { sendAppComponentError, toAppComponentError } from '../errors';
import { inProcessAdminCalls, type AdminCalls } from './admin-calls';
import { appComponentPaths, appComponentsBasePath, readTwinResourceUrl, twinResourceUrl } from './app-component-addresses';
import type { AttachedResource, RanAction } from './app-component-shapes';
import { asanaSignatureHeader, verifyAsanaRequest, type VerifiedAsanaRequest } from './asana-request-signature';
import { exalateTaskForm, taskFormChoices, taskFormValuesSchema, type TaskAction, type TaskFormChoices, type TaskFormValues } from './exalate-task-form';
import { exalateWidget } from './exalate-widget';
import { readRuleAction, ruleActionForm, ruleActionValuesSchema, saveRuleAction } from './exalate-rule-action';
import { ReplayGuard } from './replay-guard';
import { TaskSurface } from './task-surface';
import { taskSurfaceWords as words } from './task-surface-words';

/** The only origin whose pages call the app server: Asana's web app (developers.asana.com/docs/security). */
export const asanaOrigin = 'https://app.asana.com';

/**
 * Asana gives up on an on-change or on-submit callback after 10 seconds (asana-app-components.yaml:
 * "The request is subject to a 10-second timeout"). The node answers within 8, leaving room for
 * the network: what takes longer is reported as still under way rather than left to time out.
 */
export const asanaAnswerBudgetMs = 8_000;

/** How long an idempotency key of a rule run is remembered: Asana retries a failed run within hours, not days. */
const idempotencyMemoryMs = 24 * 60 * 60_000;

export interface AppComponentRouteOptions {
  readonly context: NodeContext;
  /** The Asana app's client secret (ASANA_CLIENT_SECRET): Asana signs its requests with it. */
  readonly clientSecret: string;
  /** The admin operations the components use; the node's own by default. */
  readonly admin?: AdminCalls;
  readonly answerBudgetMs?: number;
}

type Fields = VerifiedAsanaRequest['fields'];
const text = (fields: Fields, name: string): string | undefined => (typeof fields[name] === 'string' && fields[name] !== '' ? fields[name] : undefined);

/**
 * The node as Asana's app server (App Components, developers.asana.com/docs/app-components): the
 * Exalate widget on a task, the "Exalate this task" modal form, and the "Exalate with connection"
 * rule action. Every request is checked as Asana signs it before anything else is read, a signed
 * request that changes something works once, and only Asana's origin is answered for CORS.
 */
export function registerAsanaAppComponentRoutes(app: FastifyInstance, options: AppComponentRouteOptions): void {
  void app.register(async (scope) => {
    // Whatever a route throws reaches Asana in its own error shape ({ "error": "…" }), whose words
    // Asana shows to the person in the task or the rule; a refusal by Fastify keeps its status.
    scope.setErrorHandler((thrown, _request, reply) => {
      const status = (thrown as { statusCode?: unknown }).statusCode;
      return sendAppComponentError(reply, toAppComponentError(thrown), typeof status === 'number' && status < 500 ? status : undefined);
    });
    registerRoutes(scope, options);
  });
}

function registerRoutes(app: FastifyInstance, options: AppComponentRouteOptions): void {
  const { context, clientSecret } = options;
  const surface = new TaskSurface(options.admin ?? inProcessAdminCalls(context));
  const usedSignatures = new ReplayGuard();
  const ruleRuns = new ReplayGuard<RanAction>();
  /** Runs still at work, by idempotency key: Asana's retry of a run that outlived its answer joins it instead of exalating again. */
  const runsInFlight = new Map<string, Promise<Result<unknown>>>();
  const startRun = (idempotencyKey: string, connectionId: string, task: string): Promise<Result<unknown>> => {
    const run = surface
      .exalate(connectionId, task)
      .then((result) => {
        const now = context.clock.now();
        if (result.ok) ruleRuns.remember(idempotencyKey, now + idempotencyMemoryMs, now, { action_result: 'ok' });
        return result;
      })
      .finally(() => runsInFlight.delete(idempotencyKey));
    runsInFlight.set(idempotencyKey, run);
    return run;
  };
  const budgetMs = options.answerBudgetMs ?? asanaAnswerBudgetMs;
  const prefix = app.prefix;
  const appServerUrl = (request: FastifyRequest) => `${request.protocol}://${request.host}${prefix}`;
  const callbacks = (request: FastifyRequest, change: string, submit: string) => ({
    change: `${appServerUrl(request)}${change}`,
    submit: `${appServerUrl(request)}${submit}`,
  });

  registerAsanaCors(app);

  /** Checks the signature, the expiry and (for what changes something) that it was not used before; a refusal is 401 and changes nothing. */
  const verified = (request: FastifyRequest, reply: FastifyReply): VerifiedAsanaRequest | undefined => {
    const header = request.headers[asanaSignatureHeader];
    const signed =
      request.method === 'GET'
        ? { method: 'GET' as const, queryString: queryStringOf(request) }
        : { method: 'POST' as const, body: typeof request.body === 'string' ? request.body : '' };
    const now = context.clock.now();
    const checked = verifyAsanaRequest(signed, typeof header === 'string' ? header : undefined, clientSecret, now);
    if (!checked.ok) {
      context.logger.warn('Asana app component request refused', { path: request.url.split('?')[0], reason: checked.error.message });
      void sendAppComponentError(reply, checked.error);
      return undefined;
    }
    if (request.method !== 'GET' && !usedSignatures.remember(checked.value.signature, checked.value.expiresAt, now)) {
      context.logger.warn('Asana app component request replayed', { path: request.url.split('?')[0] });
      void sendAppComponentError(reply, new ExalateError('unauthorized', 'This signed request was used already; Asana signs every request anew.'));
      return undefined;
    }
    return checked.value;
  };

  const answer = async <T>(reply: FastifyReply, work: () => Promise<Result<T>>, status = 200): Promise<FastifyReply> => {
    const result = await work();
    return result.ok ? reply.code(status).send(result.value) : sendAppComponentError(reply, result.error);
  };

  const taskOf = (fields: Fields): Result<string> => {
    const task = text(fields, 'task');
    return task === undefined
      ? { ok: false, error: new ExalateError('invalid_request', 'The request names no task; Asana sends the task it was made on.') }
      : { ok: true, value: task };
  };

  const formChoices = async (task: string): Promise<Result<TaskFormChoices>> => {
    const twins = await surface.twins(task);
    if (!twins.ok) return twins;
    const exalate = await surface.exalateChoices(task);
    if (!exalate.ok) return exalate;
    return { ok: true, value: taskFormChoices(twins.value, exalate.value) };
  };

  const formCallbacks = (request: FastifyRequest) => callbacks(request, appComponentPaths.formChange, appComponentPaths.formSubmit);

  app.get(appComponentPaths.widgetMetadata, async (request, reply) => {
    const fields = verified(request, reply);
    if (!fields) return reply;
    return answer(reply, async () => {
      const task = taskOf(fields.fields);
      if (!task.ok) return task;
      const resource = readTwinResourceUrl(text(fields.fields, 'resource_url') ?? '');
      if (!resource || resource.taskGid !== task.value)
        return { ok: false, error: new ExalateError('invalid_request', 'This attachment is not an Exalate twin of this task; remove it from the task.') };
      const twins = await surface.twins(task.value);
      if (!twins.ok) return twins;
      const twin = twins.value.find((candidate) => candidate.connectionId === resource.connectionId);
      if (twin) return { ok: true, value: exalateWidget(twin, twin.connectionName) };
      const connection = await surface.connection(resource.connectionId);
      return { ok: true, value: exalateWidget(undefined, connection.ok ? connection.value.name : 'a deleted connection') };
    });
  });

  app.get(appComponentPaths.formMetadata, async (request, reply) => {
    const fields = verified(request, reply);
    if (!fields) return reply;
    return answer(reply, async () => {
      const task = taskOf(fields.fields);
      if (!task.ok) return task;
      const choices = await formChoices(task.value);
      return choices.ok ? { ok: true, value: exalateTaskForm(choices.value, {}, formCallbacks(request)) } : choices;
    });
  });

  app.post(appComponentPaths.formChange, async (request, reply) => {
    const fields = verified(request, reply);
    if (!fields) return reply;
    return answer(reply, () =>
      withinBudget(budgetMs, async () => {
        const task = taskOf(fields.fields);
        if (!task.ok) return task;
        const choices = await formChoices(task.value);
        return choices.ok ? { ok: true, value: exalateTaskForm(choices.value, readValues(fields.fields), formCallbacks(request)) } : choices;
      }),
    );
  });

  app.post(appComponentPaths.formSubmit, async (request, reply) => {
    const fields = verified(request, reply);
    if (!fields) return reply;
    const task = taskOf(fields.fields);
    if (!task.ok) return sendAppComponentError(reply, task.error);
    const submitted = await withinBudget(budgetMs, () => submitTaskForm(task.value, readValues(fields.fields), request));
    if (submitted.ok) return reply.code(200).send(submitted.value);
    if (!('form' in submitted.error)) return sendAppComponentError(reply, submitted.error);
    // A choice the node refuses comes back as the form with the reason on its field (Asana's 400 answer); a remote key already connected keeps 409.
    return reply.code(submitted.error.error.httpStatus === 409 ? 409 : 400).send(submitted.error.form);
  });

  /** Exalate, Connect, Sync now or Unexalate, as chosen in the form; a refusal is shown on the field it concerns. */
  async function submitTaskForm(
    task: string,
    values: TaskFormValues,
    request: FastifyRequest,
  ): Promise<Result<AttachedResource, ExalateError | { readonly error: ExalateError; readonly form: unknown }>> {
    const choices = await formChoices(task);
    if (!choices.ok) return choices;
    const refuse = (error: ExalateError, field: 'action' | 'connection' | 'remote_key') => ({
      ok: false as const,
      error: { error, form: exalateTaskForm(choices.value, values, formCallbacks(request), { [field]: error.message }) },
    });
    // What was chosen, strictly: a form left open while the task changed must not do something else than it says.
    const action: TaskAction | undefined = values.action;
    if (action === undefined) return refuse(new ExalateError('invalid_request', words.chooseAction), 'action');
    const offered = choices.value.offered[action];
    const chosen = offered.options.find((option) => option.id === values.connection);
    if (!chosen)
      return refuse(
        new ExalateError('invalid_request', offered.options.length === 0 ? (offered.reason ?? words.chooseOffered) : words.chooseOffered),
        offered.options.length === 0 ? 'action' : 'connection',
      );
    const remoteKey = values.remote_key?.trim() ?? '';
    if (action === 'connect' && remoteKey === '') return refuse(new ExalateError('invalid_request', words.remoteKeyMissing), 'remote_key');
    const done =
      action === 'exalate' || action === 'sync'
        ? await surface.exalate(chosen.id, task)
        : action === 'connect'
          ? await surface.connect(chosen.id, task, remoteKey)
          : await surface.unexalate(chosen.id, task);
    if (!done.ok) return refuse(done.error, action === 'connect' ? 'remote_key' : 'connection');
    const twins = await surface.twins(task);
    const remote = twins.ok ? (twins.value.find((twin) => twin.connectionId === chosen.id)?.remoteKey ?? null) : null;
    return {
      ok: true,
      value: {
        resource_name: words.resourceName(chosen.label, action === 'connect' ? remoteKey : remote),
        resource_url: twinResourceUrl(appServerUrl(request), chosen.id, task),
      },
    };
  }

  const ruleCallbacks = (request: FastifyRequest) => callbacks(request, appComponentPaths.ruleActionChange, appComponentPaths.ruleActionSubmit);

  app.get(appComponentPaths.ruleActionMetadata, async (request, reply) => {
    const fields = verified(request, reply);
    if (!fields) return reply;
    return answer(reply, async () => {
      const connections = await surface.activeConnections();
      if (!connections.ok) return connections;
      const action = text(fields.fields, 'action');
      const saved = action === undefined ? undefined : await readRuleAction(context.store, action);
      return { ok: true, value: ruleActionForm(connections.value, saved?.ok ? saved.value.connectionId : undefined, ruleCallbacks(request)) };
    });
  });

  app.post(appComponentPaths.ruleActionChange, async (request, reply) => {
    const fields = verified(request, reply);
    if (!fields) return reply;
    return answer(reply, () =>
      withinBudget(budgetMs, async () => {
        const connections = await surface.activeConnections();
        return connections.ok
          ? { ok: true, value: ruleActionForm(connections.value, readRuleValues(fields.fields).connection, ruleCallbacks(request)) }
          : connections;
      }),
    );
  });

  app.post(appComponentPaths.ruleActionSubmit, async (request, reply) => {
    const fields = verified(request, reply);
    if (!fields) return reply;
    const action = text(fields.fields, 'action');
    if (action === undefined)
      return sendAppComponentError(reply, new ExalateError('invalid_request', 'The request names no rule action; Asana sends the id of the action it saved.'));
    const connections = await surface.activeConnections();
    if (!connections.ok) return sendAppComponentError(reply, connections.error);
    const chosen = readRuleValues(fields.fields).connection;
    if (!connections.value.some((connection) => connection.id === chosen)) {
      return reply.code(400).send(ruleActionForm(connections.value, chosen, ruleCallbacks(request), words.chooseOffered));
    }
    await saveRuleAction(context.store, action, chosen ?? '');
    return reply.code(200).send({});
  });

  app.post(appComponentPaths.ruleActionRun, async (request, reply) => {
    const fields = verified(request, reply);
    if (!fields) return reply;
    const idempotencyKey = text(fields.fields, 'idempotency_key');
    const action = text(fields.fields, 'action');
    const task = text(fields.fields, 'target_object');
    if (idempotencyKey === undefined || action === undefined || task === undefined) {
      return sendAppComponentError(
        reply,
        new ExalateError('invalid_request', 'A rule run names its action, its target task and an idempotency key; this one does not.'),
      );
    }
    const now = context.clock.now();
    // A retry of a run that happened (a new signature, the same key) is answered as before and runs nothing again.
    const earlier = ruleRuns.recall(idempotencyKey, now);
    if (earlier) return reply.code(200).send(earlier);
    const saved = await readRuleAction(context.store, action);
    // 410: the action is gone here (Asana's answer for an action that no longer exists).
    if (!saved.ok) return sendAppComponentError(reply, saved.error, 410);
    // 410 only when the rule's connection is gone (the action can never run again); a task that cannot be read is that run's own 404.
    const connection = await surface.connection(saved.value.connectionId);
    if (!connection.ok)
      return sendAppComponentError(
        reply,
        new ExalateError('not_found', `The connection this rule exalates with no longer exists. Edit the rule in Asana and choose another connection.`),
        410,
      );
    const running = runsInFlight.get(idempotencyKey) ?? startRun(idempotencyKey, saved.value.connectionId, task);
    const ran = await withinBudget(budgetMs, () => running);
    if (!ran.ok) return sendAppComponentError(reply, ran.error);
    const result: RanAction = { action_result: 'ok' };
    return reply.code(200).send(result);
  });

  // The widget's link: the twin's remote item, for the person who clicked it in Asana (a plain
  // navigation, so unsigned: anyone may call it). It reads only this node's own records, never
  // Asana, so calls from anywhere cannot spend the node's Asana quota.
  app.get<{ Params: { connectionId: string; task: string } }>(`${appComponentPaths.twin}/:connectionId/:task`, async (request, reply) => {
    const twins = await describeItemTwins(context, request.params.task);
    const twin = twins.find((candidate) => candidate.connectionId === request.params.connectionId);
    if (twin?.remoteUrl) return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').redirect(twin.remoteUrl, 302);
    return reply
      .code(404)
      .header('cache-control', 'no-store')
      .type('text/plain; charset=utf-8')
      .send(twin ? `${words.widgetWaitingForKey}: the other side has not told which item it is yet. Try again in a moment.` : words.widgetUnexalatedFooter);
  });
}

function readValues(fields: Fields): TaskFormValues {
  const parsed = taskFormValuesSchema.safeParse(fields['values'] ?? {});
  return parsed.success ? parsed.data : {};
}

function readRuleValues(fields: Fields): { readonly connection?: string | undefined } {
  const parsed = ruleActionValuesSchema.safeParse(fields['values'] ?? {});
  return parsed.success ? parsed.data : {};
}

/** The query string exactly as it arrived: what Asana signed, before any decoding or reordering. */
function queryStringOf(request: FastifyRequest): string {
  const url = request.raw.url ?? '';
  const at = url.indexOf('?');
  return at < 0 ? '' : url.slice(at + 1);
}

/** Answers within Asana's wait; work still running then finishes on its own, and the person is told so. */
async function withinBudget<T, E>(budgetMs: number, work: () => Promise<Result<T, E>>): Promise<Result<T, E | ExalateError>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Result<T, ExalateError>>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          ok: false,
          error: new ExalateError(
            'tracker_unavailable',
            'Exalate is still working on this task: Asana waits only 10 seconds. Open the task again in a minute to see its state.',
            { isRetryable: true },
          ),
        }),
      budgetMs,
    );
  });
  try {
    return await Promise.race([work(), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * CORS for Asana's web app alone: its pages call the app server from https://app.asana.com with
 * the signature header. Any other origin gets no CORS headers, so a browser keeps the answer from it.
 */
function registerAsanaCors(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (!path.includes(`${appComponentsBasePath}/`) || request.headers.origin !== asanaOrigin) return;
    reply.header('access-control-allow-origin', asanaOrigin);
    reply.header('vary', 'origin');
    if (request.method === 'OPTIONS') {
      reply.header('access-control-allow-methods', 'GET, POST');
      reply.header('access-control-allow-headers', `content-type, ${asanaSignatureHeader}`);
      reply.header('access-control-max-age', '600');
      return reply.code(204).send();
    }
  });
  // Preflights need a route to reach the hook above; it answers them. Other origins get a bare 204 without CORS headers.
  app.options(`${appComponentsBasePath}/*`, async (_request, reply) => reply.code(204).send());
}

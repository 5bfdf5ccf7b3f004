import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import { readSandboxFaultPlan, sandboxFaultPoints, type SandboxFaultPlan } from './sandbox-fault-plan';
import type { SandboxInstanceDefinition } from './sandbox-instances';

const privateAzureDevOps: SandboxInstanceDefinition = { id: 'azure-devops-private', tracker: 'azure-devops', public: false, title: 'Azure DevOps Server' };
const publicJira: SandboxInstanceDefinition = { id: 'jira-cloud', tracker: 'jira-cloud', public: true, title: 'Jira Cloud' };

describe('SANDBOX_KILL_AT', () => {
  it('reads a step and a count, and nothing when unset', () => {
    expect(readSandboxFaultPlan('tracker-write:3')).toEqual({ step: 'tracker-write', count: 3 });
    expect(readSandboxFaultPlan(' receipts:1 ')).toEqual({ step: 'receipts', count: 1 });
    expect(readSandboxFaultPlan(undefined)).toBeUndefined();
    expect(readSandboxFaultPlan('')).toBeUndefined();
  });

  it.each(['tracker-writes:3', 'receipts', 'receipts:0', 'peer-answer:-1', 'peer-answer:2x'])('refuses %s, naming the steps it knows', (text) => {
    expect(() => readSandboxFaultPlan(text)).toThrow(/tracker-write, peer-answer, receipts/);
  });
});

/** The sandbox's wiring in small: a tracker scope whose first onSend hook persists, then the fault points. */
async function sandboxLike(plan: SandboxFaultPlan, node: (events: string[]) => FastifyPluginAsync, definition: SandboxInstanceDefinition) {
  const events: string[] = [];
  const points = sandboxFaultPoints(plan, (reason) => events.push(`killed: ${reason}`));
  const app = Fastify();
  await app.register(
    async (scope) => {
      scope.addHook('onSend', async (request, _reply, payload) => {
        if (request.method === 'POST') events.push('persisted');
        return payload;
      });
      points.watchTracker(scope, definition);
      scope.post('/:organization/:project/_apis/wit/workitems/:id', async (request, reply) =>
        (request.body as { valid?: boolean }).valid === false ? reply.code(400).send({ message: 'invalid' }) : { id: 1 },
      );
      scope.post('/:organization/:project/_apis/wit/wiql', async () => ({ workItems: [] }));
    },
    { prefix: `/${definition.id}/tracker` },
  );
  await app.register(points.watchNode(node(events), definition), { prefix: `/${definition.id}/node` });
  const origin = await app.listen({ port: 0, host: '127.0.0.1' });
  apps.push(app);
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  return { post, events };
}
const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

/** A node's exchange route as the node mounts it: the body read as text; what it handled goes to `events`. */
const exchangeNode =
  (events: string[]): FastifyPluginAsync =>
  async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    scope.post('/exchange/v1/connections/:id/messages', async (request) => {
      const message = JSON.parse(request.body as string) as { type: string; give?: unknown[] };
      events.push(`handled ${message.type}`);
      return message.type === 'poll' ? { type: 'envelopes', envelopes: message.give ?? [] } : { type: 'delivered', ids: [] };
    });
  };

describe('the sandbox kills itself at the planned step', () => {
  it('tracker-write: at the n-th work item a private Azure DevOps stored, after its state is written', async () => {
    const { post, events } = await sandboxLike({ step: 'tracker-write', count: 2 }, () => async () => undefined, privateAzureDevOps);
    const create = (body: unknown) => post('/azure-devops-private/tracker/acme/Fabrikam/_apis/wit/workitems/$Task', body);
    expect((await create({ valid: false })).status).toBe(400);
    await post('/azure-devops-private/tracker/acme/Fabrikam/_apis/wit/wiql', { query: 'x' });
    await create({});
    expect(events.filter((event) => event.startsWith('killed'))).toEqual([]);
    await create({});
    expect(events.slice(-2)).toEqual(['persisted', expect.stringMatching(/^killed: .*at tracker-write:2 \(azure-devops-private stored a new work item\)/)]);
  });

  it('tracker-write: never on a public instance, whose tracker the private side does not write', async () => {
    const { post, events } = await sandboxLike({ step: 'tracker-write', count: 1 }, () => async () => undefined, publicJira);
    await post('/jira-cloud/tracker/acme/Fabrikam/_apis/wit/workitems/$Task', {});
    expect(events).toEqual(['persisted']);
  });

  it('peer-answer: after a public node answered a poll with changes, not an empty answer', async () => {
    const { post, events } = await sandboxLike({ step: 'peer-answer', count: 1 }, exchangeNode, publicJira);
    const poll = (give: unknown[]) => post('/jira-cloud/node/exchange/v1/connections/c1/messages', { type: 'poll', acknowledged: [], waitMs: 0, give });
    await poll([]);
    await poll([{ kind: 'applied' }]);
    expect(events).toEqual(['handled poll', 'handled poll']);
    const answer = await poll([{ kind: 'change' }]);
    expect(answer.body).toEqual({ type: 'envelopes', envelopes: [{ kind: 'change' }] });
    expect(events.slice(2)).toEqual(['handled poll', expect.stringMatching(/at peer-answer:1 \(jira-cloud answered a poll with changes\)/)]);
  });

  it('receipts: when a public node receives receipts, before its handler stores them', async () => {
    const { post, events } = await sandboxLike({ step: 'receipts', count: 1 }, exchangeNode, publicJira);
    const deliver = (envelopes: unknown[]) => post('/jira-cloud/node/exchange/v1/connections/c1/messages', { type: 'deliver', envelopes });
    await deliver([{ kind: 'change' }]);
    await deliver([{ kind: 'applied' }]);
    // The kill comes before the handler: in the real process, the receipts are never stored.
    expect(events).toEqual(['handled deliver', expect.stringMatching(/at receipts:1 \(jira-cloud received receipts\)/), 'handled deliver']);
  });
});

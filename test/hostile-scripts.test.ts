import { MemoryTracker } from './fakes/memory-tracker';
import { startTestNode, type TestNode } from './support/test-node';
import { waitFor } from './support/wait-for';
import { trackerItem } from './fakes/tracker-item';

const hostileScripts: [string, string][] = [
  ['an endless loop', 'replica.summary = issue.summary;\nwhile (true) {}'],
  ['a memory bomb', 'const hoard = [];\nwhile (true) { hoard.push(new Array(100000).fill("x")); }'],
  ['deep recursion', 'function dive(n) { return dive(n + 1) + 1; }\nreplica.summary = dive(0);'],
  ['a throw', 'replica.summary = issue.summary;\nthrow new Error("no thanks");'],
  ['reaching for process', 'replica.summary = process.env.HOME;'],
  ['reaching for require', 'const fs = require("fs");\nreplica.summary = fs.readFileSync("/etc/passwd", "utf8");'],
  ['reaching for fetch', 'fetch("http://127.0.0.1:1/steal");\nreplica.summary = "sent";'],
  ['the Function constructor', 'const host = (function () {}).constructor("return process")();\nreplica.summary = String(host.pid);'],
  ['prototype pollution', 'Object.prototype.summary = "polluted";\n({}).constructor.prototype.status = "polluted";\nthrow new Error("after polluting");'],
];

describe('hostile scripts are stopped, and everything else keeps working', () => {
  let jira: MemoryTracker;
  let ado: MemoryTracker;
  let publicNode: TestNode;
  let privateNode: TestNode;
  const connect = async (name: string) => {
    const initiated = await publicNode.admin('POST', '/connections/initiate', {
      destinationUrl: null,
      mode: 'script',
      localName: 'jira',
      remoteName: 'ado',
      name,
      projectKey: 'SUP',
    });
    await privateNode.admin('POST', '/connections/accept', { invitationCode: initiated.body.invitationCode, projectKey: 'SUP' });
    return initiated.body.connection.id as string;
  };
  const addIssue = (key: string, summary: string) => {
    jira.items.set(key, trackerItem({ key, summary }));
  };

  beforeAll(async () => {
    jira = new MemoryTracker('jira-cloud');
    ado = new MemoryTracker('azure-devops');
    const timing = { reconcileIntervalMs: 60_000, pollWaitMs: 1000 };
    publicNode = await startTestNode({ name: 'jira', isPublic: true, tracker: jira, sync: timing });
    privateNode = await startTestNode({ name: 'ado', isPublic: false, tracker: ado, sync: timing });
  });
  afterAll(async () => {
    await Promise.all([publicNode.close(), privateNode.close()]);
  });

  it('refuses to save a script that does not compile, with its line', async () => {
    const id = await connect('syntax');
    const rules = (await publicNode.admin('GET', `/connections/${id}/rules`)).body;
    const refused = await publicNode.admin('PUT', `/connections/${id}/rules`, {
      outgoing: 'replica.summary = issue.summary;\nreplica.status = ;',
      incoming: rules.incoming,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/line 2/);
    expect((await publicNode.admin('GET', `/connections/${id}/rules`)).body.outgoing).toBe(rules.outgoing);
  });

  it.each(hostileScripts)('stops %s with an error naming the connection and line, while another connection syncs', async (name, script) => {
    const hostile = await connect(`hostile ${name}`);
    const healthy = await connect(`healthy ${name}`);
    const incoming = (await publicNode.admin('GET', `/connections/${hostile}/rules`)).body.incoming;
    expect((await publicNode.admin('PUT', `/connections/${hostile}/rules`, { outgoing: script, incoming })).status).toBe(200);
    const key = `SUP-${hostileScripts.findIndex(([each]) => each === name) + 100}`;
    addIssue(key, `healthy ${name}`);

    const [hostileAnswer, healthyAnswer, list] = await Promise.all([
      publicNode.admin('POST', `/connections/${hostile}/sync`, { issueKey: key }),
      publicNode.admin('POST', `/connections/${healthy}/sync`, { issueKey: key }),
      publicNode.admin('GET', '/connections'),
    ]);
    expect(hostileAnswer.status).toBe(422);
    expect(hostileAnswer.body.error.code).toBe('script_failed');
    expect(healthyAnswer.status).toBe(202);
    expect(list.status).toBe(200);

    const errors = (await publicNode.admin('GET', '/errors')).body as { connectionId: string; itemKey: string; message: string; line: number | null }[];
    const recorded = errors.find((error) => error.connectionId === hostile && error.itemKey === key)!;
    expect(recorded.message).toContain(`Connection "hostile ${name}"`);
    expect(recorded.message).toMatch(/outgoing script/);
    if (name !== 'an endless loop' && name !== 'a memory bomb') expect(recorded.line).toBeGreaterThan(0);
    await waitFor('the healthy connection to deliver', () => [...ado.items.values()].some((item) => item.summary === `healthy ${name}`));
    // Nothing the hostile run did is seen by the runs after it, in whichever of the pool's workers
    // they land: a script reads what any object inherits (the host's own objects live outside the
    // sandbox, so looking at them would prove nothing).
    const probe = { outgoing: 'replica.summary = JSON.stringify([({}).summary, ({}).constructor.prototype.status]);', incoming: incoming };
    for (let run = 0; run < 4; run++) {
      const seen = await publicNode.admin('POST', `/connections/${healthy}/test-run`, { issueKey: key, rules: probe });
      expect(seen.status).toBe(200);
      expect(seen.body.replica.summary).toBe('[null,null]');
    }
  });

  it('sends an item held back by an outgoing script error when the admin fixes the script and presses Retry', async () => {
    // The reconciler runs once a minute here, and the item is not edited again: only Retry can send it.
    const id = await connect('fixed and retried');
    const rules = (await publicNode.admin('GET', `/connections/${id}/rules`)).body;
    const broken = 'replica.summary = issue.summary;\nthrow new Error("The partner needs a Region");';
    expect((await publicNode.admin('PUT', `/connections/${id}/rules`, { outgoing: broken, incoming: rules.incoming })).status).toBe(200);
    addIssue('SUP-300', 'held back by a script');
    expect((await publicNode.admin('POST', `/connections/${id}/sync`, { issueKey: 'SUP-300' })).status).toBe(422);
    const outbound = () => publicNode.context.store.listQueue({ connectionId: id, direction: 'outbound', states: ['queued', 'in_flight', 'done'], limit: 10 });
    expect(await outbound()).toEqual([]);

    expect((await publicNode.admin('PUT', `/connections/${id}/rules`, { outgoing: rules.outgoing, incoming: rules.incoming })).status).toBe(200);
    const errors = (await publicNode.admin('GET', '/errors')).body as { id: string; connectionId: string; itemKey: string }[];
    const held = errors.find((error) => error.connectionId === id && error.itemKey === 'SUP-300')!;
    expect((await publicNode.admin('POST', `/errors/${held.id}/retry`)).status).toBe(202);

    expect((await outbound()).map((entry) => entry.itemKey)).toEqual(['SUP-300']);
    await waitFor('the retried item on the other side', () => [...ado.items.values()].some((item) => item.summary === 'held back by a script'));
    const left = (await publicNode.admin('GET', '/errors')).body as { connectionId: string }[];
    expect(left.filter((error) => error.connectionId === id)).toEqual([]);
  });

  it("does not send this tracker's item of the same key when the error is about the peer's item", async () => {
    const id = await connect('peer item error');
    addIssue('SUP-301', 'a local issue no trigger names');
    const now = Date.now();
    await publicNode.context.store.enqueue({
      connectionId: id,
      direction: 'inbound',
      itemKey: 'SUP-301',
      envelope: { kind: 'unlinked', id: 'env-peer-301', sourceKey: 'SUP-301', createdAt: now },
      state: 'failed',
      attempts: 1,
      nextAttemptAt: now,
      lastError: 'too large',
      createdAt: now,
      updatedAt: now,
    });
    const recorded = await publicNode.context.store.recordError({
      id: 'err-peer-301',
      scope: 'item',
      connectionId: id,
      itemKey: 'SUP-301',
      code: 'message_too_large',
      message: 'too large',
      line: null,
      occurrences: 1,
      createdAt: now,
      updatedAt: now,
      resolvedAt: null,
    });
    expect((await publicNode.admin('POST', `/errors/${recorded.id}/retry`)).status).toBe(202);
    expect(await publicNode.context.store.listQueue({ connectionId: id, direction: 'outbound', states: ['queued', 'in_flight', 'done'], limit: 10 })).toEqual(
      [],
    );
  });
});

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
});

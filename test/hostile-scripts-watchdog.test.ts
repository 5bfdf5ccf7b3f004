import type { ScriptSandboxV1 } from '../core';
import { createWorkerScriptSandbox } from '../hosts/node/script-sandbox/worker-script-sandbox';
import { MemoryTracker } from './fakes/memory-tracker';
import { startTestNode, type TestNode } from './support/test-node';
import { trackerItem } from './fakes/tracker-item';

/**
 * Scripts that stall inside one built-in, where QuickJS's interrupt handler is not called: on a
 * node that ran scripts on its event loop, the first held every other request of the process for
 * about 20 s on a 100 ms limit, and the sort finished past its limit without any error.
 */
const stalls: [string, string][] = [
  ['a long indexOf on a huge string', 'const text = "a".repeat(1 << 20);\nreplica.summary = String(text.indexOf("a".repeat(1 << 12) + "b"));'],
  ['a long includes on a huge string', 'const text = "a".repeat(1 << 20);\nreplica.summary = String(text.includes("a".repeat(1 << 12) + "b"));'],
  // Each sort of these 300,000 values takes about a third of a second inside one built-in; a dozen
  // keeps the run well past the limit on a fast machine too.
  [
    'sorting a huge array',
    'const list = JSON.parse("[" + "9182736450".repeat(30000).split("").join(",") + "]");\nfor (let round = 0; round < 12; round++) {\n  list.sort();\n  list.reverse();\n}\nreplica.summary = String(list.length);',
  ],
  ['a regular expression with catastrophic backtracking', 'const text = "a".repeat(40) + "!";\nreplica.summary = String(/^(a+)+$/.test(text));'],
];

/**
 * A time limit ten times the default: the GET below must be answered inside the window in which
 * the script is stuck, and a loaded CI machine may take tens of milliseconds to answer it. The
 * order asserted is then the sandbox's doing, not the machine's speed.
 */
const timeLimitMilliseconds = 1000;

/** The node's sandbox, telling the test when it hands the next run to its worker. */
function announcingSandbox(inner: ScriptSandboxV1): { sandbox: ScriptSandboxV1; nextRunStarts(): Promise<void> } {
  let announce: (() => void) | null = null;
  return {
    sandbox: {
      run(program) {
        announce?.();
        announce = null;
        return inner.run(program);
      },
      dispose: () => inner.dispose(),
    },
    nextRunStarts: () => new Promise<void>((resolve) => (announce = resolve)),
  };
}

describe('a script stuck inside a built-in is stopped at its time limit, and the node keeps answering meanwhile', () => {
  const jira = new MemoryTracker('jira-cloud');
  // One worker, so the run after a stopped one can only succeed on the worker that replaced it.
  const scripts = announcingSandbox(createWorkerScriptSandbox({ workers: 1, limits: { timeoutMilliseconds: timeLimitMilliseconds } }));
  let publicNode: TestNode;
  let privateNode: TestNode;

  const connect = async (name: string): Promise<string> => {
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

  beforeAll(async () => {
    jira.items.set('SUP-1', trackerItem({ key: 'SUP-1', summary: 'Printer on fire' }));
    publicNode = await startTestNode({ name: 'jira', isPublic: true, tracker: jira, scripts: scripts.sandbox });
    privateNode = await startTestNode({ name: 'ado', isPublic: false, tracker: new MemoryTracker('azure-devops') });
  });
  afterAll(async () => {
    await Promise.all([publicNode.close(), privateNode.close()]);
  });

  it.each(stalls)('%s: GET /connections answers while it runs, the test run fails with the time-limit error, the next run works', async (name, script) => {
    const id = await connect(`stall: ${name}`);
    const incoming = (await publicNode.admin('GET', `/connections/${id}/rules`)).body.incoming as string;
    expect((await publicNode.admin('PUT', `/connections/${id}/rules`, { outgoing: script, incoming })).status).toBe(200);

    const answered: string[] = [];
    const runStarts = scripts.nextRunStarts();
    const testRunSentAt = performance.now();
    const testRun = publicNode.admin('POST', `/connections/${id}/test-run`, { issueKey: 'SUP-1' }).then((answer) => {
      answered.push('test run');
      return { answer, milliseconds: performance.now() - testRunSentAt };
    });
    await runStarts;
    const listSentAt = performance.now();
    const list = await publicNode.admin('GET', '/connections');
    const listMilliseconds = performance.now() - listSentAt;
    answered.push('connections');
    const stopped = await testRun;
    console.log(
      `${name}: GET /connections answered in ${listMilliseconds.toFixed(1)} ms while the script ran; the test run answered after ${stopped.milliseconds.toFixed(0)} ms (limit ${timeLimitMilliseconds} ms)`,
    );

    expect(list.status).toBe(200);
    expect((list.body as { id: string }[]).map((connection) => connection.id)).toContain(id);
    expect(answered).toEqual(['connections', 'test run']);
    expect(stopped.answer.status).toBe(422);
    expect(stopped.answer.body.error.code).toBe('script_failed');
    expect(stopped.answer.body.error.message).toMatch(new RegExp(`ran past its time limit.*stopped after ${timeLimitMilliseconds} ms`));

    const next = await publicNode.admin('POST', `/connections/${id}/test-run`, {
      issueKey: 'SUP-1',
      rules: { outgoing: 'replica.summary = issue.summary.toUpperCase();', incoming },
    });
    expect(next.status).toBe(200);
    expect(next.body.replica).toMatchObject({ summary: 'PRINTER ON FIRE' });
  });

  it('still stops an ordinary endless loop and a memory bomb with their own errors', async () => {
    const id = await connect('loop and memory');
    const incoming = (await publicNode.admin('GET', `/connections/${id}/rules`)).body.incoming as string;
    const loop = await publicNode.admin('POST', `/connections/${id}/test-run`, {
      issueKey: 'SUP-1',
      rules: { outgoing: 'replica.summary = issue.summary;\nwhile (true) {}', incoming },
    });
    expect(loop.status).toBe(422);
    expect(loop.body.error.message).toMatch(new RegExp(`ran past its time limit.*stopped after ${timeLimitMilliseconds} ms`));
    const bomb = await publicNode.admin('POST', `/connections/${id}/test-run`, {
      issueKey: 'SUP-1',
      rules: { outgoing: 'const hoard = [];\nwhile (true) { hoard.push(new Array(100000).fill("x")); }', incoming },
    });
    expect(bomb.status).toBe(422);
    expect(bomb.body.error.message).toMatch(/ran out of memory/);
    const next = await publicNode.admin('POST', `/connections/${id}/test-run`, {
      issueKey: 'SUP-1',
      rules: { outgoing: 'replica.summary = issue.summary;', incoming },
    });
    expect(next.body.replica).toMatchObject({ summary: 'Printer on fire' });
  });
});

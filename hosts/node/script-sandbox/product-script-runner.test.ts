import fc from 'fast-check';
import {
  basicModeScripts,
  createQuickJsSandbox,
  defaultScripts,
  executeIncomingScript,
  executeOutgoingScript,
  richTextFromPlain,
  trackerKinds,
  type ScriptConnection,
  type ScriptSandboxV1,
  type TrackerItem,
  type TrackerKind,
} from '../../../core';
import { createWorkerScriptSandbox } from './worker-script-sandbox';

/**
 * The node runs the product's own scripts (default and Basic mode, word for word) in V8 instead of
 * the QuickJS interpreter. That is only sound if nobody can tell: for every pair of trackers and
 * both directions, the V8 run must answer exactly what the interpreter answers, on any item.
 */
describe("the product's own scripts outside the interpreter", () => {
  const interpreter = createQuickJsSandbox({ limits: { timeoutMilliseconds: 10_000 } });
  const node = createWorkerScriptSandbox({ limits: { timeoutMilliseconds: 10_000 } });
  afterAll(() => {
    interpreter.dispose();
    node.dispose();
  });

  const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('', ' ', 'To Do', '<b>x</b>', '\\', '"quoted"', '__proto__'));
  const status = fc.oneof(fc.constantFrom('To Do', 'In Progress', 'Done', 'New', 'Active', 'Closed', 'Resolved', 'Open', 'Completed', 'Incomplete'), text);
  const priority = fc.oneof(fc.constant(null), fc.constantFrom('Highest', 'High', 'Medium', 'Low', 'Lowest', '1', '2', '3', '4'), text);
  const person = fc.option(fc.record({ email: fc.option(fc.emailAddress()), displayName: text, id: fc.string({ minLength: 1 }) }));
  const when = fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((date) => date.toISOString());
  const item = (key: string): fc.Arbitrary<TrackerItem> =>
    fc.record({
      key: fc.constant(key),
      projectKey: fc.constantFrom('SUP', 'OPS'),
      type: fc.oneof(fc.constantFrom('Task', 'Bug', 'Story', 'Epic', 'Issue', 'User Story'), text),
      summary: text,
      description: text.map((plain) => richTextFromPlain(plain)),
      status,
      priority,
      labels: fc.array(text, { maxLength: 3 }),
      assignee: person,
      reporter: person,
      comments: fc.array(
        fc.record({ id: fc.string({ minLength: 1 }), author: person, body: text.map((plain) => richTextFromPlain(plain)), created: when, updated: when }),
        { maxLength: 3 },
      ),
      attachments: fc.array(
        fc.record({ id: fc.string({ minLength: 1 }), filename: text, mimeType: fc.constantFrom('text/plain', 'image/png'), size: fc.nat(), created: when }),
        { maxLength: 2 },
      ),
      // Names that reach objects' own machinery: one run must not change what the next one sees.
      customFields: fc.dictionary(
        fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'Severity', 'Team'),
        fc.oneof(text, fc.integer(), fc.constant(null)),
        {
          maxKeys: 3,
        },
      ),
      parentKey: fc.option(fc.constantFrom('SUP-1', 'OPS-9')),
      updated: when,
      url: fc.constantFrom('', 'https://example.test/browse/SUP-7'),
    });

  const connectionOf = (local: TrackerKind, remote: TrackerKind): ScriptConnection => ({
    name: 'support_to_dev',
    localName: 'support',
    remoteName: 'dev',
    localTracker: local,
    remoteTracker: remote,
  });

  const outgoingOn = (sandbox: ScriptSandboxV1, script: string, local: TrackerKind, remote: TrackerKind, issue: TrackerItem) =>
    executeOutgoingScript(sandbox, {
      script,
      issue: { ...issue, comments: issue.comments.map((comment) => ({ ...comment, syncedFrom: null })) },
      connection: connectionOf(local, remote),
    });

  const scriptSets = [
    ['default', defaultScripts],
    ['Basic mode', basicModeScripts],
  ] as const;

  for (const [setName, scriptsOf] of scriptSets) {
    it(`answers as the interpreter does for the ${setName} scripts of every pair of trackers`, async () => {
      for (const local of trackerKinds) {
        for (const remote of trackerKinds) {
          const scripts = scriptsOf(local, remote);
          await fc.assert(
            fc.asyncProperty(item('SUP-7'), fc.option(item('DEV-3'), { nil: null }), async (remoteItem, localItem) => {
              // What the other side would send: its own outgoing run, in the interpreter.
              const sent = await outgoingOn(interpreter, scriptsOf(remote, local).outgoing, remote, local, remoteItem);
              const outgoing = await Promise.all([interpreter, node].map((sandbox) => outgoingOn(sandbox, scripts.outgoing, local, remote, remoteItem)));
              expect(outgoing[1]).toEqual(outgoing[0]);
              if (!sent.ok || sent.value.replica === null) return;
              const incomingInput = {
                script: scripts.incoming,
                issue: localItem,
                replica: sent.value.replica,
                previous: null,
                firstSync: localItem === null,
                connection: connectionOf(local, remote),
                commentLinks: [],
                attachmentLinks: [],
                syncedKeys: [],
                defaultProjectKey: 'DEV',
              };
              const incoming = await Promise.all([interpreter, node].map((sandbox) => executeIncomingScript(sandbox, incomingInput)));
              expect(incoming[1]).toEqual(incoming[0]);
            }),
            { numRuns: 12 },
          );
        }
      }
    }, 120_000);
  }

  it('runs a script that differs from the product by one line in the interpreter, with its limits', async () => {
    const script = `${defaultScripts('jira-cloud', 'azure-devops').outgoing}\nwhile (true) {}`;
    const issue: TrackerItem = fc.sample(item('SUP-7'), { numRuns: 1, seed: 7 })[0]!;
    const run = await executeOutgoingScript(createWorkerScriptSandbox({ limits: { timeoutMilliseconds: 200 } }), {
      script,
      issue: { ...issue, comments: [] },
      connection: connectionOf('jira-cloud', 'azure-devops'),
    });
    expect(run.ok ? 'ran' : run.error.details?.['kind']).toBe('timeout');
  });

  it('leaves output over the limit to the interpreter, which refuses it in its own words', async () => {
    const limits = { outputCharacters: 200, timeoutMilliseconds: 10_000 };
    const issue: TrackerItem = { ...fc.sample(item('SUP-7'), { numRuns: 1, seed: 3 })[0]!, summary: 'x'.repeat(500) };
    const runs = await Promise.all(
      [createQuickJsSandbox({ limits }), createWorkerScriptSandbox({ limits })].map((sandbox) =>
        outgoingOn(sandbox, defaultScripts('jira-cloud', 'asana').outgoing, 'jira-cloud', 'asana', issue).finally(() => sandbox.dispose()),
      ),
    );
    expect(runs[0]!.ok).toBe(false);
    expect(runs[1]).toEqual(runs[0]);
  });
});

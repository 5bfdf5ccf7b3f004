import { defaultScripts } from './default-scripts';
import { createQuickJsSandbox } from './quickjs-sandbox';
import { testRunScripts } from './test-run-scripts';
import { checkScriptSyntax } from './check-script';
import { connectionBetween, sampleItems } from './test-fixtures';

const sandbox = createQuickJsSandbox();
afterAll(() => sandbox.dispose());

const connection = connectionBetween('jira-cloud', 'azure-devops');
const scripts = defaultScripts('jira-cloud', 'azure-devops');

describe('test run', () => {
  it('shows the replica the outgoing script would send', async () => {
    const result = await testRunScripts(sandbox, { outgoing: scripts.outgoing, issue: sampleItems['jira-cloud'], connection });
    expect(result.ok && result.value).toMatchObject({
      replica: { key: 'SUP-12', summary: 'Export fails for large files', status: { name: 'In Progress' } },
      plan: null,
    });
  });

  it('shows what the incoming script would change for a given replica, with its console output', async () => {
    const replica = { key: '42', summary: 'Renamed in Azure DevOps', status: { name: 'Closed' } };
    const incoming = `console.log('status', replica.status?.name);\n${scripts.incoming}`;
    const result = await testRunScripts(sandbox, { incoming, issue: sampleItems['jira-cloud'], connection, replica });
    expect(result.ok && result.value).toEqual({
      replica: null,
      plan: expect.objectContaining({ create: null, changes: { summary: 'Renamed in Azure DevOps', status: 'Done' } }),
      logs: { outgoing: [], incoming: ['status Closed'] },
    });
  });

  it('shows what a first sync would create', async () => {
    const replica = { key: '42', summary: 'From Azure DevOps', type: 'Bug' };
    const result = await testRunScripts(sandbox, { incoming: scripts.incoming, issue: sampleItems['jira-cloud'], connection, replica, firstSync: true });
    expect(result.ok && result.value.plan?.create).toEqual({ projectKey: 'SUP', type: 'Bug', summary: 'From Azure DevOps' });
  });

  it('feeds the outgoing replica to the incoming script when no replica is given', async () => {
    const result = await testRunScripts(sandbox, { ...scripts, issue: sampleItems['jira-cloud'], connection });
    expect(result.ok && result.value.plan?.changes).toEqual({});
  });

  it("returns the failing script's error with its line", async () => {
    const result = await testRunScripts(sandbox, {
      outgoing: scripts.outgoing,
      incoming: 'const x = 1;\nissue.summary = replica.nope.summary;',
      issue: sampleItems['jira-cloud'],
      connection,
    });
    expect(result.ok ? null : [result.error.code, result.error.details]).toEqual([
      'script_failed',
      { kind: 'thrown', script: 'incoming script', line: 2, column: expect.any(Number) },
    ]);
  });

  it('checks a script for syntax before it is saved, without running it', async () => {
    await expect(checkScriptSyntax(sandbox, { text: scripts.incoming, direction: 'incoming' })).resolves.toEqual({ ok: true, value: undefined });
    await expect(checkScriptSyntax(sandbox, { text: 'for (;;) {}', direction: 'outgoing' })).resolves.toEqual({ ok: true, value: undefined });
    const broken = await checkScriptSyntax(sandbox, { text: 'replica.summary = issue.summary;\nif (issue.status {', direction: 'outgoing' });
    expect(broken.ok ? null : [broken.error.kind, broken.error.line, broken.error.scriptName]).toEqual(['syntax', 2, 'outgoing script']);
  });
});

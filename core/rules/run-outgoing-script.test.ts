import { createQuickJsSandbox } from './quickjs-sandbox';
import { runOutgoingScript, executeOutgoingScript } from './run-outgoing-script';
import { connectionBetween, outgoingItemOf, sampleItems } from './test-fixtures';

const sandbox = createQuickJsSandbox();
afterAll(() => sandbox.dispose());

const item = outgoingItemOf(sampleItems['azure-devops'], { '501': 'remote-comment-7' });
const connection = connectionBetween('azure-devops', 'jira-cloud');

function run(script: string) {
  return runOutgoingScript(sandbox, { script, issue: item, connection });
}

describe('outgoing script', () => {
  it('builds the replica from the local item, under any of its names', async () => {
    const result = await run(
      "replica.summary = workItem.summary;\nreplica.status = issue.status;\nreplica.priority = entity.priority;\nreplica.areaPath = workItem.areaPath;\nreplica.criteria = workItem['System.IterationPath'];",
    );
    expect(result).toEqual({
      ok: true,
      value: {
        key: '42',
        summary: item.summary,
        status: { name: 'Active' },
        priority: { name: '2' },
        areaPath: 'Platform\\Export',
        criteria: 'Platform\\Sprint 4',
        customFields: {},
      },
    });
  });

  it('sends nothing when the replica stays empty or the script returns early', async () => {
    await expect(run('// nothing to send')).resolves.toEqual({ ok: true, value: null });
    await expect(run("if (issue.type === 'User Story') return;\nreplica.summary = issue.summary;")).resolves.toEqual({ ok: true, value: null });
  });

  it('marks comments created here by sync with echoOf, so the other side skips them', async () => {
    const result = await run('replica.comments = issue.comments;');
    const comments = result.ok ? result.value?.comments : undefined;
    expect(comments?.map((comment) => ({ id: comment.id, echoOf: comment.echoOf, annotated: 'syncedFrom' in comment }))).toEqual([
      { id: '501', echoOf: 'remote-comment-7', annotated: false },
    ]);
  });

  it('copies custom fields as raw values, whichever way the script writes them', async () => {
    const result = await run(
      "replica.customFields['Area'] = workItem.customFields['System.AreaPath'];\nreplica.customFields['Plain'] = 'text';\nreplica.customFields['Unset'].value = null;",
    );
    expect(result.ok && result.value?.customFields).toEqual({ Area: 'Platform\\Export', Plain: 'text', Unset: null });
  });

  it('says which replica field is wrong', async () => {
    const result = await run('replica.status = 42;');
    expect(result.ok ? null : [result.error.code, result.error.message]).toEqual([
      'script_failed',
      expect.stringMatching(/^The outgoing script produced a value the sync cannot use: replica\.status: /),
    ]);
  });

  it('refuses a replica over the message size with replica_too_large', async () => {
    const result = await run("replica.description = 'x'.repeat(1100 * 1024);");
    expect(result.ok ? null : result.error.code).toBe('replica_too_large');
  });

  it('refuses incoming-only helpers', async () => {
    const result = await run('replica.summary = issue.summary;\nsyncHelper.unlinkAfterProcessing();');
    expect(result.ok ? null : result.error.message).toBe(
      'The outgoing script threw an error at line 2: TypeError: syncHelper.unlinkAfterProcessing: works in the incoming script only.',
    );
  });

  it('hands back console output', async () => {
    const result = await executeOutgoingScript(sandbox, {
      script: "console.log('building', issue.key, { labels: issue.labels });\nreplica.summary = issue.summary;",
      issue: item,
      connection,
    });
    expect(result.ok && result.value.logs).toEqual(['building 42 {"labels":["export","needs review"]}']);
  });
});

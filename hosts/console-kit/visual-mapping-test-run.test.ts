import { defaultVisualMapping, mappingSeenFrom } from '../../core/mapping';
import { err, ok } from './browser-core';
import type { AdminFailure } from './admin-failure';
import type { ConsoleClient } from './operation-client';
import type { VisualMappingAnswer } from './visual-mapping-answers';
import { answerOfView } from './visual-mapping-editing-answer';
import { mappingTestRunWords, runMappingTest, testedMappingOf } from './visual-mapping-test-run';

const view = answerOfView(mappingSeenFrom(defaultVisualMapping('jira-cloud', 'azure-devops'), 'initiator'));
const agreed = { version: 3, view, publishedBy: 'ana', publishedAt: '2026-12-01T10:00:00Z', approvedBy: 'bo', approvedAt: '2026-12-01T11:00:00Z' };
const draft = { view: { ...view, version: 4 }, savedAt: '2026-12-02T08:00:00Z', savedBy: 'ana' };
const proposal = { proposalId: 'p4', version: 4, view, publishedBy: 'ana', publishedAt: '2026-12-02T09:00:00Z', basedOnVersion: 3 };
const shown = (change: Partial<Pick<VisualMappingAnswer, 'draft' | 'outgoingProposal'>> = {}) => ({ agreed, draft: null, outgoingProposal: null, ...change });

/** A client that answers the test run as told, and keeps what it was asked. */
function clientAnswering(answer: Awaited<ReturnType<ConsoleClient['testRunMapping']>>) {
  const asked: { connectionId: string; issueKey: string }[] = [];
  const client: Pick<ConsoleClient, 'testRunMapping'> = {
    testRunMapping: async (connectionId, issueKey) => {
      asked.push({ connectionId, issueKey });
      return answer;
    },
  };
  return { client, asked };
}

describe('which mapping a test run tries', () => {
  it('is the draft when there is one, else the version awaiting approval, else the one that runs', () => {
    expect(testedMappingOf(shown({ draft, outgoingProposal: proposal }))).toEqual({ kind: 'draft', version: 4 });
    expect(testedMappingOf(shown({ outgoingProposal: proposal }))).toEqual({ kind: 'awaiting', version: 4 });
    expect(testedMappingOf(shown())).toEqual({ kind: 'agreed', version: 3 });
  });

  it('is named under the field, in the words of the tracker the admin is in', () => {
    expect(mappingTestRunWords.help('azure-devops', testedMappingOf(shown()))).toBe(
      'A test run tries the scripts compiled from version 3 (running now) on one work item. It writes nothing.',
    );
    expect(mappingTestRunWords.help('jira-cloud', testedMappingOf(shown({ draft })))).toContain('from your draft on one issue');
    expect(mappingTestRunWords.label('jira-cloud')).toBe('Issue key for a test run');
  });
});

describe('a test run from the mapping editor', () => {
  const tested = testedMappingOf(shown({ draft }));

  it('asks the node for the item typed, trimmed, and shows the replica it answers', async () => {
    const { client, asked } = clientAnswering(ok({ replica: { summary: 'Printer on fire' }, incoming: null }));
    const outcome = await runMappingTest(client, 'c1', '  SUP-7 ', { tested, unsaved: false });
    expect(asked).toEqual([{ connectionId: 'c1', issueKey: 'SUP-7' }]);
    expect(JSON.parse(outcome?.result ?? 'null')).toEqual({ replica: { summary: 'Printer on fire' }, incoming: null });
    expect(outcome?.notice).toEqual({ kind: 'success', text: expect.stringMatching(/^Test run on SUP-7 with your draft: .*Nothing was written\.$/) });
  });

  it('says that changes not saved are not part of it', async () => {
    const { client } = clientAnswering(ok({ replica: {} }));
    const outcome = await runMappingTest(client, 'c1', 'SUP-7', { tested, unsaved: true });
    expect(outcome?.notice?.text).toMatch(/Changes you have not saved are not part of it: save the draft to try them\.$/);
  });

  it('shows the node’s refusal in its words, and no result', async () => {
    const failure: AdminFailure = { status: 404, code: 'not_found', message: 'There is no item "SUP-404" in this tracker, or this node may not read it.' };
    const { client } = clientAnswering(err(failure));
    const outcome = await runMappingTest(client, 'c1', 'SUP-404', { tested, unsaved: false });
    expect(outcome).toEqual({ result: null, notice: { kind: 'error', text: failure.message } });
  });

  it('asks nothing when no key is typed', async () => {
    const { client, asked } = clientAnswering(ok({}));
    expect(await runMappingTest(client, 'c1', '   ', { tested, unsaved: false })).toBeNull();
    expect(asked).toEqual([]);
  });
});

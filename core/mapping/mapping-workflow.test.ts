import { defaultVisualMapping } from './default-visual-mapping';
import {
  agreedVersion,
  awaitingFrom,
  decideProposal,
  proposeRollBack,
  publishDraft,
  receiveDecision,
  receiveProposal,
  saveDraft,
  startWorkflow,
  type MappingWorkflow,
} from './mapping-workflow';

const initial = defaultVisualMapping('jira-cloud', 'azure-devops');
const start = (): MappingWorkflow => startWorkflow(initial, { publishedBy: 'jira', approvedBy: 'ado', at: 1 });
const withoutComments = { ...initial, comments: { toAcceptor: false, toInitiator: true } };

function published(workflow: MappingWorkflow, proposalId: string) {
  const result = publishDraft(saveDraft(workflow, withoutComments, 'Alice', 2), 'initiator', { proposalId, publishedBy: 'Alice', now: 3 });
  if (!result.ok) throw result.error;
  return result.value;
}

describe('the mapping workflow on one side', () => {
  it('publishes nothing without a draft, and one proposal at a time', () => {
    expect(publishDraft(start(), 'initiator', { proposalId: 'p1', publishedBy: 'Alice', now: 2 })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining('no draft') },
    });
    const once = published(start(), 'p1');
    expect(once.proposal).toMatchObject({ version: 2, basedOnVersion: 1 });
    expect(once.workflow.draft).toBeNull();
    const again = publishDraft(saveDraft(once.workflow, initial, 'Alice', 4), 'initiator', { proposalId: 'p2', publishedBy: 'Alice', now: 5 });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('still awaiting approval') } });
    expect(agreedVersion(once.workflow).version).toBe(1);
  });

  it('switches when the approval arrives, and ignores a decision about a proposal it does not await', () => {
    const { workflow } = published(start(), 'p1');
    expect(receiveDecision(workflow, 'initiator', { proposalId: 'other', decision: 'approved', decidedBy: 'Bob', reason: null }, 9)).toBe(workflow);
    const approved = receiveDecision(workflow, 'initiator', { proposalId: 'p1', decision: 'approved', decidedBy: 'Bob', reason: null }, 9);
    expect(agreedVersion(approved)).toMatchObject({ version: 2, decidedBy: 'Bob', mapping: { comments: { toAcceptor: false } } });
    expect(approved.versions.map((version) => version.state)).toEqual(['superseded', 'agreed']);
    // The same approval again changes nothing.
    expect(receiveDecision(approved, 'initiator', { proposalId: 'p1', decision: 'declined', decidedBy: 'Bob', reason: null }, 10)).toBe(approved);
  });

  it('when both sides publish at once, approving the other side’s proposal declines this side’s, which was made on the old version', () => {
    const mine = published(start(), 'mine');
    const theirs = receiveProposal(mine.workflow, 'initiator', { ...mine.proposal, proposalId: 'theirs', publishedBy: 'Bob' }, 5);
    expect(theirs.reply).toBeNull();
    const decided = decideProposal(theirs.workflow, 'initiator', { proposalId: 'theirs', decision: 'approved', decidedBy: 'Alice', now: 6 });
    if (!decided.ok) throw decided.error;
    expect(agreedVersion(decided.value.workflow).proposalId).toBe('theirs');
    expect(decided.value.workflow.versions.find((version) => version.proposalId === 'mine')).toMatchObject({
      state: 'declined',
      reason: expect.stringContaining('Version 2 was agreed first'),
    });
    expect(awaitingFrom(decided.value.workflow, 'initiator')).toBeNull();
  });

  it('declines on arrival a proposal made on another version than the one running, and says why', () => {
    const received = receiveProposal(
      start(),
      'acceptor',
      { proposalId: 'old', version: 3, basedOnVersion: 2, mapping: { ...initial, version: 3 }, publishedBy: 'Bob', publishedAt: 4 },
      5,
    );
    expect(received.reply).toMatchObject({ proposalId: 'old', decision: 'declined', reason: expect.stringContaining('version 1 runs now') });
    expect(awaitingFrom(received.workflow, 'initiator')).toBeNull();
    expect(decideProposal(received.workflow, 'acceptor', { proposalId: 'old', decision: 'approved', decidedBy: 'Bob', now: 6 })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  });

  it('rolls back by proposing an earlier version’s content as the next version, never the one running', () => {
    const { workflow } = published(start(), 'p1');
    const agreed = receiveDecision(workflow, 'initiator', { proposalId: 'p1', decision: 'approved', decidedBy: 'Bob', reason: null }, 9);
    expect(proposeRollBack(agreed, 'initiator', 2, { proposalId: 'r', publishedBy: 'Alice', now: 10 })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(proposeRollBack(agreed, 'initiator', 7, { proposalId: 'r', publishedBy: 'Alice', now: 10 })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const rolledBack = proposeRollBack(agreed, 'initiator', 1, { proposalId: 'r', publishedBy: 'Alice', now: 10 });
    if (!rolledBack.ok) throw rolledBack.error;
    expect(rolledBack.value.proposal).toMatchObject({ version: 3, basedOnVersion: 2, mapping: { ...initial, version: 3 } });
    expect(agreedVersion(rolledBack.value.workflow).version).toBe(2);
  });
});

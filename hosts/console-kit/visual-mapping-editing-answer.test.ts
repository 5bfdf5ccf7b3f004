import { defaultVisualMapping, defaultVocabularyOf, mappingSeenFrom } from '../../core/mapping';
import type { VisualMappingAnswer } from './visual-mapping-answers';
import { changeFieldRow } from './visual-mapping-editing';
import { answerOfView, canRollBackTo, offeredValuesOf, standingOf, startingViewOf, valueMapKindsOf, viewOfAnswer } from './visual-mapping-editing-answer';

const agreedView = answerOfView(mappingSeenFrom(defaultVisualMapping('jira-cloud', 'azure-devops'), 'initiator'));
/** As the node answers it: the lists its tracker read now. */
const vocabularyAnswer = (tracker: 'jira-cloud' | 'azure-devops') => {
  const vocabulary = defaultVocabularyOf(tracker);
  return { fields: [...vocabulary.fields], statuses: [...vocabulary.statuses], priorities: [...vocabulary.priorities], types: [...vocabulary.types] };
};
const jira = vocabularyAnswer('jira-cloud');
const ado = vocabularyAnswer('azure-devops');

function answer(change: Partial<VisualMappingAnswer> = {}): VisualMappingAnswer {
  return {
    side: 'initiator',
    agreed: { version: 1, view: agreedView, publishedBy: 'ana', publishedAt: '2026-12-01T10:00:00Z', approvedBy: 'bo', approvedAt: '2026-12-01T11:00:00Z' },
    draft: null,
    outgoingProposal: null,
    incomingProposal: null,
    history: [],
    values: { local: jira, remote: ado },
    unmapped: [],
    compiled: { outgoing: '// outgoing', incoming: '// incoming' },
    ...change,
  };
}

describe('the view to edit', () => {
  const draftView = answerOfView(changeFieldRow(viewOfAnswer(agreedView)!, 0, { direction: 'to-remote' }));
  const proposal = { proposalId: 'p1', version: 2, view: draftView, publishedBy: 'ana', publishedAt: '2026-12-02T09:00:00Z', basedOnVersion: 1 };

  it('is this side’s draft when there is one', () => {
    expect(startingViewOf(answer({ draft: { view: draftView, savedAt: '2026-12-02T08:00:00Z', savedBy: 'ana' } }))?.fields[0]?.direction).toBe('to-remote');
  });

  it('is what this side published while it waits, else the running version', () => {
    expect(startingViewOf(answer({ outgoingProposal: proposal }))?.fields[0]?.direction).toBe('to-remote');
    expect(startingViewOf(answer())?.fields[0]?.direction).toBe('both');
  });

  it('is refused when a side names a tracker this console does not know', () => {
    expect(viewOfAnswer({ ...agreedView, remote: { tracker: 'linear', filter: null } })).toBeNull();
  });
});

describe('what a pair may name', () => {
  it('is each side’s live values, plus a value a pair still names that is gone, so the select shows it', () => {
    const view = viewOfAnswer(agreedView)!;
    const renamed = { ...view, values: { ...view.values, status: [...view.values.status, { local: 'Triage', remote: 'New', direction: 'both' as const }] } };
    const offered = offeredValuesOf(answer(), renamed, 'status');
    expect(offered.local).toEqual([...jira.statuses, 'Triage']);
    expect(offered.remote).toEqual(ado.statuses);
  });

  it('has no priority map when one side has no priorities and no pair names one', () => {
    const asanaSide = answer({ values: { local: jira, remote: { ...ado, priorities: [] } } });
    const view = viewOfAnswer(agreedView)!;
    const withoutPairs = { ...view, values: { ...view.values, priority: [] } };
    expect(valueMapKindsOf(asanaSide, withoutPairs)).toEqual(['status', 'type']);
    expect(valueMapKindsOf(answer(), withoutPairs)).toEqual(['status', 'priority', 'type']);
  });
});

describe('where the mapping stands', () => {
  it('asks this side to decide on the other side’s proposal, and says what runs meanwhile', () => {
    const incoming = { proposalId: 'p9', version: 3, view: agreedView, publishedBy: 'bo', publishedAt: '2026-12-03T09:00:00Z', basedOnVersion: 1, diff: [] };
    const [banner] = standingOf(answer({ incomingProposal: incoming }));
    expect(banner?.kind).toBe('decide');
    expect(banner?.text).toMatch(/other side proposed version 3.*Version 1 keeps running until you approve/);
  });

  it('says this side’s proposal awaits the other side', () => {
    const outgoing = { proposalId: 'p2', version: 2, view: agreedView, publishedBy: 'ana', publishedAt: '2026-12-02T09:00:00Z', basedOnVersion: 1 };
    expect(standingOf(answer({ outgoingProposal: outgoing }))).toEqual([
      { kind: 'waiting', text: expect.stringMatching(/^Version 2 awaits the other side's approval/) },
    ]);
    expect(standingOf(answer())).toEqual([]);
  });

  it('offers roll back only to an earlier version both sides ran', () => {
    const entry = (version: number, state: VisualMappingAnswer['history'][number]['state']) => ({
      version,
      state,
      publishedBy: 'ana',
      publishedAt: '2026-12-01T10:00:00Z',
      decidedBy: null,
      decidedAt: null,
      fromSide: 'local' as const,
      view: agreedView,
    });
    const current = answer({ agreed: { ...answer().agreed, version: 3 } });
    expect(canRollBackTo(entry(2, 'superseded'), current)).toBe(true);
    expect(canRollBackTo(entry(3, 'agreed'), current)).toBe(false);
    expect(canRollBackTo(entry(4, 'declined'), current)).toBe(false);
    expect(canRollBackTo(entry(5, 'awaiting'), current)).toBe(false);
  });
});

import { trackerKinds, valueMapKinds, type MappingView, type TrackerKind, type ValueMapKind } from './browser-core';
import type { MappingViewAnswer, VisualMappingAnswer } from './visual-mapping-answers';
import type { OfferedFields, ViewSideName } from './visual-mapping-editing';
import { mappingWords, whenWords } from './visual-mapping-editing-words';

/**
 * What the editor makes of the node's answer (`GET /connections/{id}/visual-mapping`): the view to
 * start editing from, the values to choose from, and the words for where the mapping stands
 * between the two sides.
 */

const knownTrackers: readonly string[] = trackerKinds;
const isTracker = (value: string): value is TrackerKind => knownTrackers.includes(value);

/** A view as the editor works on it; null when a side names a tracker this console does not know (a newer node). */
export function viewOfAnswer(answer: MappingViewAnswer): MappingView | null {
  const { local, remote } = answer;
  if (!isTracker(local.tracker) || !isTracker(remote.tracker)) return null;
  return { ...answer, local: { tracker: local.tracker, filter: local.filter }, remote: { tracker: remote.tracker, filter: remote.filter } };
}

/** The view as the node takes it back (`PUT …/visual-mapping/draft`). */
export function answerOfView(view: MappingView): MappingViewAnswer {
  const pairs = (kind: ValueMapKind) => view.values[kind].map((pair) => ({ ...pair }));
  return {
    ...view,
    local: { ...view.local },
    remote: { ...view.remote },
    fields: view.fields.map((row) => ({ ...row })),
    values: { status: pairs('status'), priority: pairs('priority'), type: pairs('type') },
    comments: { ...view.comments },
    attachments: { ...view.attachments },
  };
}

/**
 * This side's draft when it has one (work not published yet), else what this side published and
 * waits for approval, else the version both sides run: the admin goes on from their latest word.
 */
export function startingViewOf(answer: VisualMappingAnswer): MappingView | null {
  return viewOfAnswer(answer.draft?.view ?? answer.outgoingProposal?.view ?? answer.agreed.view);
}

const valueListOf: Readonly<Record<ValueMapKind, 'statuses' | 'priorities' | 'types'>> = { status: 'statuses', priority: 'priorities', type: 'types' };

export function offeredFieldsOf(answer: Pick<VisualMappingAnswer, 'values'>): OfferedFields {
  return { local: answer.values.local.fields, remote: answer.values.remote.fields };
}

/**
 * The values a pair may name on each side: the tracker's live list, plus any value a pair of this
 * view names that the list lacks (a renamed status), so the select still shows what is mapped and
 * the problem beside it explains it.
 */
export function offeredValuesOf(
  answer: Pick<VisualMappingAnswer, 'values'>,
  view: MappingView,
  kind: ValueMapKind,
): Readonly<Record<ViewSideName, readonly string[]>> {
  const list = (side: ViewSideName) => {
    const live = answer.values[side][valueListOf[kind]];
    const named = view.values[kind].map((pair) => pair[side]).filter((value) => !live.includes(value));
    return [...live, ...new Set(named)];
  };
  return { local: list('local'), remote: list('remote') };
}

/** The value maps worth showing: a tracker without priorities (Asana) on either side has no priority map to edit. */
export function valueMapKindsOf(answer: Pick<VisualMappingAnswer, 'values'>, view: MappingView): readonly ValueMapKind[] {
  return valueMapKinds.filter(
    (kind) => view.values[kind].length > 0 || (answer.values.local[valueListOf[kind]].length > 0 && answer.values.remote[valueListOf[kind]].length > 0),
  );
}

export interface StandingBanner {
  readonly kind: 'waiting' | 'decide' | 'draft';
  readonly text: string;
}

/** Where the mapping stands between the sides, in one sentence the editor shows above the table. */
export function standingOf(answer: VisualMappingAnswer): readonly StandingBanner[] {
  const banners: StandingBanner[] = [];
  const running = answer.agreed.version;
  const incoming = answer.incomingProposal;
  if (incoming !== null)
    banners.push({
      kind: 'decide',
      text: `The other side proposed version ${incoming.version} (published by ${incoming.publishedBy}, ${whenWords(incoming.publishedAt)}). Review the changes below, then approve or decline them. Version ${running} keeps running until you approve.`,
    });
  const outgoing = answer.outgoingProposal;
  if (outgoing !== null)
    banners.push({
      kind: 'waiting',
      text: `Version ${outgoing.version} awaits the other side's approval (published by ${outgoing.publishedBy}, ${whenWords(outgoing.publishedAt)}). Version ${running} keeps running until they approve.`,
    });
  if (answer.draft !== null) banners.push({ kind: 'draft', text: mappingWords.draftFrom(answer.draft.savedBy, whenWords(answer.draft.savedAt)) });
  return banners;
}

export const historyStateWords: Readonly<Record<VisualMappingAnswer['history'][number]['state'], string>> = {
  agreed: 'Running',
  superseded: 'Replaced',
  declined: 'Declined',
  awaiting: 'Awaiting approval',
};

/** An earlier version that both sides once ran may be brought back; the running one, a declined or a waiting one may not. */
export function canRollBackTo(entry: VisualMappingAnswer['history'][number], answer: Pick<VisualMappingAnswer, 'agreed'>): boolean {
  return entry.state === 'superseded' && entry.version !== answer.agreed.version;
}

/** "Published by ana (this side) 2026-12-07 10:02 · approved by bo 10:40". */
export function historyLineOf(entry: VisualMappingAnswer['history'][number]): string {
  const by = `Published by ${entry.publishedBy} (${entry.fromSide === 'local' ? 'this side' : 'the other side'}) ${whenWords(entry.publishedAt)}`;
  if (entry.decidedBy === null) return by;
  const decision = entry.state === 'declined' ? 'declined' : 'approved';
  return `${by} · ${decision} by ${entry.decidedBy} ${whenWords(entry.decidedAt)}`;
}

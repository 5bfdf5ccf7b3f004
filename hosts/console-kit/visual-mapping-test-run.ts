import type { AdminFailure } from './admin-failure';
import type { Result, TrackerKind } from './browser-core';
import type { ConsoleClient } from './operation-client';
import { trackerWords } from './tracker-words';
import type { VisualMappingAnswer } from './visual-mapping-answers';
import type { MappingNotice } from './use-visual-mapping';

/** Which mapping a test run tries: the one the editor opens on, as the node picks it for `draft: true`. */
export type TestedMapping =
  | { readonly kind: 'draft'; readonly version: number }
  | { readonly kind: 'awaiting'; readonly version: number }
  | { readonly kind: 'agreed'; readonly version: number };

export function testedMappingOf(answer: Pick<VisualMappingAnswer, 'agreed' | 'draft' | 'outgoingProposal'>): TestedMapping {
  if (answer.draft) return { kind: 'draft', version: answer.draft.view.version };
  if (answer.outgoingProposal) return { kind: 'awaiting', version: answer.outgoingProposal.version };
  return { kind: 'agreed', version: answer.agreed.version };
}

function testedMappingWords(tested: TestedMapping): string {
  if (tested.kind === 'draft') return 'your draft';
  if (tested.kind === 'awaiting') return `version ${tested.version} (awaiting the other side's approval)`;
  return `version ${tested.version} (running now)`;
}

export const mappingTestRunWords = {
  label: (tracker: TrackerKind) => `${trackerWords[tracker].itemKeyLabel} for a test run`,
  example: (tracker: TrackerKind) => trackerWords[tracker].itemKeyExample,
  button: 'Test run',
  result: 'Test run result',
  help: (tracker: TrackerKind, tested: TestedMapping) =>
    `A test run tries the scripts compiled from ${testedMappingWords(tested)} on one ${trackerWords[tracker].item}. It writes nothing.`,
  done: (itemKey: string, tested: TestedMapping, unsaved: boolean) =>
    `Test run on ${itemKey} with ${testedMappingWords(tested)}: the result shows the replica this side would send and the changes it would make here. Nothing was written.` +
    (unsaved ? ' Changes you have not saved are not part of it: save the draft to try them.' : ''),
} as const;

export interface MappingTestRunOutcome {
  /** The node's answer, as text to read (the replica and the planned changes); null when it refused. */
  readonly result: string | null;
  readonly notice: MappingNotice;
}

/**
 * Test-runs the mapping the editor opens on, on one item. The node compiles the scripts itself
 * from what it stores: a Visual connection never runs scripts sent by a console.
 */
export async function runMappingTest(
  client: Pick<ConsoleClient, 'testRunMapping'>,
  connectionId: string,
  itemKey: string,
  shown: { readonly tested: TestedMapping; readonly unsaved: boolean },
): Promise<MappingTestRunOutcome | null> {
  const key = itemKey.trim();
  if (key === '') return null;
  const answer: Result<Readonly<Record<string, unknown>>, AdminFailure> = await client.testRunMapping(connectionId, key);
  if (!answer.ok) return { result: null, notice: { kind: 'error', text: answer.error.message } };
  return {
    result: JSON.stringify(answer.value, null, 2),
    notice: { kind: 'success', text: mappingTestRunWords.done(key, shown.tested, shown.unsaved) },
  };
}

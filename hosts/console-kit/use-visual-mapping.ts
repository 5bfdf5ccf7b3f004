import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AdminFailure } from './admin-failure';
import type { ConsoleConnection } from './admin-answers';
import { mappingFromView, unmappedValues, type MappingView, type Result, type TrackerVocabularyNow, type ValueMapKind } from './browser-core';
import type { ConsoleClient } from './operation-client';
import type { VisualMappingAnswer } from './visual-mapping-answers';
import { viewsDiffer, type ViewSideName } from './visual-mapping-editing';
import { answerOfView, startingViewOf } from './visual-mapping-editing-answer';
import { placeProblems, problemCount, problemsOfDetails, unmappedByKind, type PlacedProblems } from './visual-mapping-editing-problems';
import { mappingWords, whenWords } from './visual-mapping-editing-words';

export type MappingNotice = { readonly kind: 'success' | 'error'; readonly text: string } | null;
export type MappingBusy = 'saving' | 'publishing' | 'approving' | 'declining' | 'rolling-back' | null;

export interface VisualMappingEditor {
  /** null until the node answers (or when it could not: `notice` says why). */
  readonly answer: VisualMappingAnswer | null;
  /** The view being edited: the draft, or the running version, with the admin's changes. */
  readonly view: MappingView | null;
  readonly unsaved: boolean;
  /** There is something to publish: a saved draft, or changes (saved first). */
  readonly canPublish: boolean;
  readonly busy: MappingBusy;
  readonly notice: MappingNotice;
  /** The last refusal's problems, beside the rows they name; null when the last save was not refused. */
  readonly problems: PlacedProblems | null;
  /** The live values no pair of the edited view places, by map and side: flagged "Not mapped". */
  readonly unmapped: Readonly<Record<ValueMapKind, Readonly<Record<ViewSideName, readonly string[]>>>>;
  edit(change: (view: MappingView) => MappingView): void;
  saveDraft(): Promise<void>;
  /** Saves what is shown first when it differs from the draft, then publishes it to the other side. */
  publish(): Promise<void>;
  approve(): Promise<void>;
  decline(): Promise<void>;
  rollBack(version: number): Promise<void>;
  dismissNotice(): void;
}

const noUnmapped = { status: { local: [], remote: [] }, priority: { local: [], remote: [] }, type: { local: [], remote: [] } } as const;

/**
 * A Visual connection's mapping editor, the same in every console: load the mapping, keep the
 * admin's edits, save them as this side's draft (the node checks them against both trackers and
 * names every problem, which the editor shows beside its row), publish the draft to the other
 * side, decide on the other side's proposal, and roll back to an earlier version.
 */
export function useVisualMapping(client: ConsoleClient, connection: Pick<ConsoleConnection, 'id'>): VisualMappingEditor {
  const [answer, setAnswer] = useState<VisualMappingAnswer | null>(null);
  const [view, setView] = useState<MappingView | null>(null);
  const [saved, setSaved] = useState<MappingView | null>(null);
  const [busy, setBusy] = useState<MappingBusy>(null);
  const [notice, setNotice] = useState<MappingNotice>(null);
  const [problems, setProblems] = useState<PlacedProblems | null>(null);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  /** Reads the mapping again; `keepEdits` keeps what the admin changed but did not save (after a refusal, say). */
  const load = useCallback(
    async (keepEdits: boolean) => {
      const loaded = await client.getVisualMapping(connection.id);
      if (!mounted.current) return false;
      if (!loaded.ok) {
        setNotice({ kind: 'error', text: loaded.error.message });
        return false;
      }
      const starting = startingViewOf(loaded.value);
      if (starting === null) {
        setNotice({
          kind: 'error',
          text: 'This mapping names a tracker this console does not know. Check that the console and the node are the same version.',
        });
        return false;
      }
      setAnswer(loaded.value);
      setSaved(starting);
      if (!keepEdits) setView(starting);
      return true;
    },
    [client, connection.id],
  );

  useEffect(() => {
    void load(false);
  }, [load]);

  const unmapped = useMemo(() => {
    if (answer === null || view === null) return noUnmapped;
    const vocabulary = (side: ViewSideName): TrackerVocabularyNow => answer.values[side];
    const bySide =
      view.side === 'initiator'
        ? { initiator: vocabulary('local'), acceptor: vocabulary('remote') }
        : { initiator: vocabulary('remote'), acceptor: vocabulary('local') };
    return unmappedByKind(view, unmappedValues(mappingFromView(view), bySide));
  }, [answer, view]);

  /** One request at a time; its outcome becomes the notice, and a refusal naming problems is placed beside the rows. */
  const run = async <T>(
    state: Exclude<MappingBusy, null>,
    request: () => Promise<Result<T, AdminFailure>>,
    success: (value: T) => string,
    shown: MappingView | null,
  ): Promise<boolean> => {
    setBusy(state);
    setNotice(null);
    const outcome = await request();
    if (!mounted.current) return false;
    setBusy(null);
    if (!outcome.ok) {
      const placed = shown === null ? null : placeProblems(shown, problemsOfDetails(outcome.error.details));
      if (placed !== null && problemCount(placed) > 0) {
        setProblems(placed);
        setNotice({ kind: 'error', text: mappingWords.problemsFound(problemCount(placed)) });
      } else setNotice({ kind: 'error', text: outcome.error.message });
      return false;
    }
    setProblems(null);
    await load(false);
    if (mounted.current) setNotice({ kind: 'success', text: success(outcome.value) });
    return true;
  };

  const unsaved = view !== null && saved !== null && viewsDiffer(view, saved);

  const saveDraft = async () => {
    if (view === null) return;
    await run(
      'saving',
      () => client.saveVisualDraft(connection.id, answerOfView(view)),
      (draft) => mappingWords.saved(whenWords(draft.savedAt)),
      view,
    );
  };

  const publish = async () => {
    if (view === null) return;
    if (unsaved) {
      const stored = await run(
        'saving',
        () => client.saveVisualDraft(connection.id, answerOfView(view)),
        () => '',
        view,
      );
      if (!stored) return;
    }
    await run(
      'publishing',
      () => client.publishVisualMapping(connection.id),
      (proposal) => mappingWords.published(proposal.version),
      view,
    );
  };

  const decide = async (decision: 'approve' | 'decline') => {
    const proposal = answer?.incomingProposal;
    if (!proposal) return;
    if (decision === 'approve')
      await run(
        'approving',
        () => client.approveVisualMapping(connection.id, proposal.proposalId),
        () => mappingWords.approved(proposal.version),
        null,
      );
    else
      await run(
        'declining',
        () => client.declineVisualMapping(connection.id, proposal.proposalId),
        () => mappingWords.declined(proposal.version),
        null,
      );
  };

  return {
    answer,
    view,
    unsaved,
    canPublish: view !== null && busy === null && (unsaved || answer?.draft != null),
    busy,
    notice,
    problems,
    unmapped,
    edit: (change) => setView((current) => (current === null ? current : change(current))),
    saveDraft,
    publish,
    approve: () => decide('approve'),
    decline: () => decide('decline'),
    rollBack: async (version) => {
      await run(
        'rolling-back',
        () => client.rollBackVisualMapping(connection.id, version),
        () => mappingWords.rolledBack(version),
        null,
      );
    },
    dismissNotice: () => setNotice(null),
  };
}

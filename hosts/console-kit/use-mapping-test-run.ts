import { useEffect, useRef, useState } from 'react';
import type { TrackerKind } from './browser-core';
import type { ConsoleClient } from './operation-client';
import type { MappingNotice, VisualMappingEditor } from './use-visual-mapping';
import { mappingTestRunWords, runMappingTest, testedMappingOf, type TestedMapping } from './visual-mapping-test-run';

export interface MappingTestRun {
  /** The key of the item to test on, as typed. */
  readonly itemKey: string;
  setItemKey(key: string): void;
  /** Nothing to test on yet, the mapping not read yet, or a run in flight. */
  readonly disabled: boolean;
  readonly running: boolean;
  /** The last run's replica and planned changes, read only; null before a run or after a refusal. */
  readonly result: string | null;
  readonly notice: MappingNotice;
  /** Says which mapping a run tries, under the field. */
  readonly help: string;
  readonly label: string;
  readonly example: string;
  run(): Promise<void>;
  dismissNotice(): void;
}

/** The Compiled scripts tab's Test run, the same in every console: an item key, and the mapping the editor opens on run against it. */
export function useMappingTestRun(client: ConsoleClient, connectionId: string, editor: VisualMappingEditor): MappingTestRun {
  const [itemKey, setItemKey] = useState('');
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const [notice, setNotice] = useState<MappingNotice>(null);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  const tracker: TrackerKind = editor.view?.local.tracker ?? 'jira-cloud';
  const tested: TestedMapping | null = editor.answer === null ? null : testedMappingOf(editor.answer);

  const run = async () => {
    if (tested === null) return;
    setRunning(true);
    setNotice(null);
    const outcome = await runMappingTest(client, connectionId, itemKey, { tested, unsaved: editor.unsaved });
    if (!mounted.current) return;
    setRunning(false);
    if (outcome === null) return;
    setResult(outcome.result);
    setNotice(outcome.notice);
  };

  return {
    itemKey,
    setItemKey,
    disabled: running || tested === null || itemKey.trim() === '',
    running,
    result,
    notice,
    help: tested === null ? '' : mappingTestRunWords.help(tracker, tested),
    label: mappingTestRunWords.label(tracker),
    example: mappingTestRunWords.example(tracker),
    run,
    dismissNotice: () => setNotice(null),
  };
}

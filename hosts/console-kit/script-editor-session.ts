import { useCallback, useEffect, useState } from 'react';
import type { ConsoleClient } from './operation-client';
import { readScriptErrorLine } from './script-editor-error-line';
import type { RulesAnswer } from './sync-answers';

export type ScriptSide = 'outgoing' | 'incoming';

/** The words every console shows above the two editors. */
export const scriptLabels: Readonly<Record<ScriptSide, string>> = {
  outgoing: 'Outgoing sync script',
  incoming: 'Incoming sync script',
};

export type ScriptNotice = { readonly kind: 'success' | 'error'; readonly text: string } | null;

/** An error the node reported on a line of one script: shown under that script, the line marked in it. */
export interface ScriptProblem {
  readonly line: number;
  readonly message: string;
}

export interface ScriptSession {
  /** null until the node sends the scripts. */
  readonly rules: RulesAnswer | null;
  /** The editors hold changes the node has not saved (a test run would not see them). */
  readonly unsaved: boolean;
  readonly busy: 'saving' | 'testing' | null;
  /** The outcome of the last load, save or test run, unless it is a problem on a script's line. */
  readonly notice: ScriptNotice;
  /** The error each script's last answer named a line of, to show under it and mark in it. */
  readonly problems: Readonly<Record<ScriptSide, ScriptProblem | null>>;
  /** The last test run's answer (the replica and the planned changes) as indented JSON. */
  readonly testResult: string | null;
  readonly edit: (side: ScriptSide, text: string) => void;
  readonly save: () => Promise<void>;
  readonly testRun: (itemKey: string) => Promise<void>;
  readonly dismissNotice: () => void;
}

const noProblems = { outgoing: null, incoming: null } as const;

/** The problem a node's message names: on the one script and line it names, or none. */
export function problemsOf(message: string): Readonly<Record<ScriptSide, ScriptProblem | null>> {
  const found = readScriptErrorLine(message);
  return found === null ? noProblems : { ...noProblems, [found.script]: { line: found.line, message } };
}

/** A refusal that names a script's line is shown at that script; any other, as the notice. */
export function noticeOf(message: string): ScriptNotice {
  return readScriptErrorLine(message) === null ? { kind: 'error', text: message } : null;
}

/**
 * Editing a connection's scripts, the same in every console: load them, keep the admin's edits,
 * save (the node refuses a script that does not compile, naming the line), and test-run them on
 * an item without writing anything.
 */
export function useScriptSession(client: ConsoleClient, connectionId: string): ScriptSession {
  const [rules, setRules] = useState<RulesAnswer | null>(null);
  const [saved, setSaved] = useState<RulesAnswer | null>(null);
  const [busy, setBusy] = useState<ScriptSession['busy']>(null);
  const [notice, setNotice] = useState<ScriptNotice>(null);
  const [problems, setProblems] = useState<Readonly<Record<ScriptSide, ScriptProblem | null>>>(noProblems);
  const [testResult, setTestResult] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void client.readRules(connectionId).then((answer) => {
      if (!current) return;
      if (answer.ok) {
        const loaded = { outgoing: answer.value.outgoing, incoming: answer.value.incoming };
        setRules(loaded);
        setSaved(loaded);
      } else setNotice({ kind: 'error', text: answer.error.message });
    });
    return () => {
      current = false;
    };
  }, [client, connectionId]);

  const unsaved = rules !== null && saved !== null && (rules.outgoing !== saved.outgoing || rules.incoming !== saved.incoming);
  const edit = useCallback((side: ScriptSide, text: string) => setRules((before) => (before === null ? before : { ...before, [side]: text })), []);

  const save = async () => {
    if (rules === null) return;
    setBusy('saving');
    setNotice(null);
    const answer = await client.saveRules(connectionId, rules);
    setBusy(null);
    if (answer.ok) setSaved(rules);
    setProblems(answer.ok ? noProblems : problemsOf(answer.error.message));
    setNotice(answer.ok ? { kind: 'success', text: 'The scripts are saved; the next change of each item uses them.' } : noticeOf(answer.error.message));
  };

  const testRun = async (itemKey: string) => {
    const key = itemKey.trim();
    if (key === '') return;
    setBusy('testing');
    setNotice(null);
    // The node tries the text in the editors, saved or not: try first, then save.
    const answer = await client.testRun(connectionId, key, rules ?? undefined);
    setBusy(null);
    setTestResult(answer.ok ? JSON.stringify(answer.value, null, 2) : null);
    setProblems(answer.ok ? noProblems : problemsOf(answer.error.message));
    const success = {
      kind: 'success',
      text: `Test run on ${key}: the result shows the replica and the changes these scripts would make. Nothing was written${unsaved ? ' and nothing is saved yet' : ''}.`,
    } as const;
    setNotice(answer.ok ? success : noticeOf(answer.error.message));
  };

  return { rules, unsaved, busy, notice, problems, testResult, edit, save, testRun, dismissNotice: () => setNotice(null) };
}

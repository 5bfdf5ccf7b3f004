import { useEffect, useRef, useState, type RefObject } from 'react';
import type { ConsoleConnection } from './admin-answers';
import type { ConsoleClient } from './operation-client';
import { useScriptApi } from './script-editor-api';
import type { ScriptApi } from './script-editor-completions';
import { useScriptSession, type ScriptSession } from './script-editor-session';

export interface ScriptsDialogModel {
  readonly session: ScriptSession;
  /** What the editors complete and check against. */
  readonly scriptApi: ScriptApi;
  /** The key of the item to test-run the scripts on, as typed. */
  readonly testKey: string;
  setTestKey(key: string): void;
  /** Nothing to test on yet, or a request in flight. */
  readonly testDisabled: boolean;
  testRun(): Promise<void>;
  /**
   * Where the console shows the notice: a dialog's content scrolls under a fixed footer, so the
   * outcome of Save or Test run is brought into view when it arrives.
   */
  readonly noticeArea: RefObject<HTMLDivElement>;
}

/** A connection's Scripts dialog as every console runs it: the two scripts, their API, and a test run on one item. */
export function useScriptsDialog(client: ConsoleClient, connection: ConsoleConnection): ScriptsDialogModel {
  const session = useScriptSession(client, connection.id);
  const scriptApi = useScriptApi(client);
  const [testKey, setTestKey] = useState('');
  const noticeArea = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (session.notice !== null) noticeArea.current?.scrollIntoView({ block: 'nearest' });
  }, [session.notice]);
  return {
    session,
    scriptApi,
    testKey,
    setTestKey,
    testDisabled: session.busy !== null || testKey.trim() === '',
    testRun: () => session.testRun(testKey),
    noticeArea,
  };
}

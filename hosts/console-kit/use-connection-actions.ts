import { useState } from 'react';
import type { ConsoleConnection } from './admin-answers';
import { describeCheck, describeDeleted, describeStatusChange } from './console-words';
import type { ConsoleClient } from './operation-client';
import type { ScriptNotice } from './script-editor-session';

export type ConnectionNotice = ScriptNotice;

export interface ConnectionActions {
  /** The connection an action is under way on (its buttons are disabled), or null. */
  readonly working: string | null;
  readonly notice: ConnectionNotice;
  readonly dismissNotice: () => void;
  changeStatus(connection: ConsoleConnection, change: 'activate' | 'deactivate'): Promise<void>;
  check(connection: ConsoleConnection): Promise<void>;
  /** `onAnswered` runs once the node has answered, before the notice shows (closing the confirmation). */
  remove(connection: ConsoleConnection, onAnswered?: () => void): Promise<void>;
}

/**
 * A connection row's actions, as every console runs them: one at a time per connection, the
 * outcome in the node's words or ours, the list read again afterwards. Each console only draws it.
 */
export function useConnectionActions(client: ConsoleClient, refresh: () => Promise<unknown>): ConnectionActions {
  const [working, setWorking] = useState<string | null>(null);
  const [notice, setNotice] = useState<ConnectionNotice>(null);

  const run = async (connection: ConsoleConnection, action: () => Promise<ConnectionNotice>) => {
    setWorking(connection.id);
    setNotice(null);
    try {
      setNotice(await action());
    } finally {
      setWorking(null);
      await refresh();
    }
  };

  return {
    working,
    notice,
    dismissNotice: () => setNotice(null),
    changeStatus: (connection, change) =>
      run(connection, async () => {
        const answer = await client.changeConnectionStatus(connection.id, change);
        return answer.ok ? { kind: 'success', text: describeStatusChange(connection, change) } : { kind: 'error', text: answer.error.message };
      }),
    check: (connection) =>
      run(connection, async () => {
        const answer = await client.checkConnection(connection.id);
        return answer.ok
          ? { kind: 'success', text: describeCheck(connection, answer.value.roundTripMs, answer.value.remoteStatus) }
          : { kind: 'error', text: answer.error.message };
      }),
    remove: (connection, onAnswered) =>
      run(connection, async () => {
        const answer = await client.deleteConnection(connection.id);
        onAnswered?.();
        return answer.ok ? { kind: 'success', text: describeDeleted(connection) } : { kind: 'error', text: answer.error.message };
      }),
  };
}

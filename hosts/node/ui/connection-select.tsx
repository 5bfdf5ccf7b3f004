import { useEffect, useId } from 'react';
import { statusWords } from '../../console-kit/console-words';
import type { ConsoleClient } from '../../console-kit/operation-client';
import type { ConsoleConnection } from '../../console-kit/admin-answers';
import type { TrackerKind } from '../../console-kit/browser-core';

/** What a tab about one connection at a time (Triggers, Sync queue) is given by the console. */
export interface PerConnectionTabProps {
  readonly client: ConsoleClient;
  readonly tracker: TrackerKind;
  /** The connection the console has chosen (shared by Triggers and Sync queue), or null at first. */
  readonly connectionId: string | null;
  readonly onChooseConnection: (connectionId: string) => void;
}

export interface ConnectionSelectProps {
  /** null until the list arrives. */
  readonly connections: readonly ConsoleConnection[] | null;
  readonly chosen: string | null;
  readonly onChoose: (connectionId: string) => void;
}

/** The connections a per-connection tab can show: every one but the deleted. */
export function selectableConnections(connections: readonly ConsoleConnection[] | null): readonly ConsoleConnection[] {
  return (connections ?? []).filter((connection) => connection.status !== 'deleted');
}

/** The connection a tab opens on: the one chosen before if it is still there, else the first active one. */
export function defaultConnection(connections: readonly ConsoleConnection[], chosen: string | null): ConsoleConnection | undefined {
  return connections.find((connection) => connection.id === chosen) ?? connections.find((connection) => connection.status === 'active') ?? connections[0];
}

/**
 * Triggers and Sync queue are per connection: this picks one. The choice is the console's, not the
 * tab's, so moving from Triggers to Sync queue keeps the same connection.
 */
export function ConnectionSelect({ connections, chosen, onChoose }: ConnectionSelectProps) {
  const id = useId();
  const usable = selectableConnections(connections);
  const current = defaultConnection(usable, chosen);
  useEffect(() => {
    if (current !== undefined && current.id !== chosen) onChoose(current.id);
  }, [current, chosen, onChoose]);

  if (connections !== null && usable.length === 0) {
    return <p className="message message-info">There is no connection yet. Initiate one, or accept an invitation, on the Connections tab.</p>;
  }
  return (
    <div className="field connection-select">
      <label htmlFor={id} className="field-label">
        Connection
      </label>
      <select id={id} className="input select" value={current?.id ?? ''} disabled={connections === null} onChange={(event) => onChoose(event.target.value)}>
        {connections === null ? <option value="">Loading connections…</option> : null}
        {usable.map((connection) => (
          <option key={connection.id} value={connection.id}>
            {`${connection.name} (${statusWords[connection.status]})`}
          </option>
        ))}
      </select>
    </div>
  );
}

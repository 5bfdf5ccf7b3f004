import { canEditScripts, canShowInvitation, canStartSync, pendingExplanationOf } from '../../console-kit/console-words';
import { canShowWhatSyncs, whatSyncsLabel } from '../../console-kit/what-syncs';
import { canEditMapping, editMappingLabel } from '../../console-kit/visual-mapping-editing-words';
import { invitationCodeWords } from '../../console-kit/use-invitation-code';
import { startSyncLabel } from '../../console-kit/use-start-sync';
import type { ConsoleConnection } from '../../console-kit/admin-answers';
import { trackerDisplayNames, trackerKinds, unknownDestination, wizardModeLabels, type TrackerKind } from '../../console-kit/browser-core';
import { StatusLozenge } from './status-lozenge';

export type ConnectionAction =
  'deactivate' | 'activate' | 'start-sync' | 'show-invitation' | 'edit-scripts' | 'what-syncs' | 'edit-mapping' | 'delete' | 'check';

export interface ConnectionsTableProps {
  readonly connections: readonly ConsoleConnection[];
  /** The connection with a request in flight; its buttons wait. */
  readonly working: string | null;
  readonly onAction: (connection: ConsoleConnection, action: ConnectionAction) => void;
}

const knownTrackers: readonly string[] = trackerKinds;
const isTracker = (value: string): value is TrackerKind => knownTrackers.includes(value);

/**
 * A signed ping needs an address for the other side: a private peer ("unknown") is never called,
 * and a Pending connection has no peer yet.
 */
function canCheck(connection: ConsoleConnection): boolean {
  return connection.destination !== unknownDestination && connection.status !== 'pending';
}

function actionsFor(connection: ConsoleConnection): readonly { action: ConnectionAction; label: string }[] {
  return [
    // The next step comes first: how to start syncing once Active, the code to send while Pending.
    ...(canStartSync(connection) ? [{ action: 'start-sync' as const, label: startSyncLabel }] : []),
    ...(canShowInvitation(connection) ? [{ action: 'show-invitation' as const, label: invitationCodeWords.show }] : []),
    ...(connection.status === 'active' ? [{ action: 'deactivate' as const, label: 'Deactivate' }] : []),
    ...(connection.status === 'deactivated' ? [{ action: 'activate' as const, label: 'Activate' }] : []),
    ...(canEditScripts(connection) ? [{ action: 'edit-scripts' as const, label: 'Edit scripts' }] : []),
    ...(canShowWhatSyncs(connection) ? [{ action: 'what-syncs' as const, label: whatSyncsLabel }] : []),
    ...(canEditMapping(connection) ? [{ action: 'edit-mapping' as const, label: editMappingLabel }] : []),
    ...(canCheck(connection) ? [{ action: 'check' as const, label: 'Check' }] : []),
    { action: 'delete', label: 'Delete' },
  ];
}

/** The Connections tab's table: name, remote side, mode, status and what can be done. */
export function ConnectionsTable({ connections, working, onAction }: ConnectionsTableProps) {
  return (
    <table className="connections-table">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Remote side</th>
          <th scope="col">Mode</th>
          <th scope="col">Status</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {connections.map((connection) => (
          <tr key={connection.id}>
            <th scope="row" className="connection-name">
              <span className="connection-title">{connection.name}</span>
              {connection.description === '' ? null : <span className="cell-detail">{connection.description}</span>}
            </th>
            <td>
              <span className="remote-name">{connection.remoteName}</span>
              <span className={`cell-detail${connection.destination === unknownDestination ? ' is-unknown' : ''}`}>{connection.destination}</span>
              {isTracker(connection.remoteTracker) ? <span className="cell-detail">{trackerDisplayNames[connection.remoteTracker]}</span> : null}
            </td>
            <td>{wizardModeLabels[connection.mode]}</td>
            <td>
              <StatusLozenge status={connection.status} />
              {connection.status === 'pending' ? <span className="cell-detail">{pendingExplanationOf(connection)}</span> : null}
              {connection.statusReason === null ? null : <span className="cell-detail">{connection.statusReason}</span>}
            </td>
            <td className="connection-actions">
              {actionsFor(connection).map(({ action, label }) => (
                <button
                  key={action}
                  type="button"
                  className={`button button-small ${action === 'delete' ? 'button-danger-subtle' : 'button-default'}`}
                  // Each row's buttons say which connection they act on; the visible word leads the name.
                  aria-label={`${label} ${connection.name}`}
                  disabled={working === connection.id}
                  onClick={() => onAction(connection, action)}
                >
                  {label}
                </button>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import type { ConnectionStatus } from '../../console-kit/browser-core';

const statusNames: Readonly<Record<ConnectionStatus, string>> = {
  pending: 'Pending',
  active: 'Active',
  deactivated: 'Deactivated',
  error: 'Error',
  deleted: 'Deleted',
};

/** A connection's status as a lozenge; its colour follows the status, its shape the tracker's theme. */
export function StatusLozenge({ status }: { readonly status: ConnectionStatus }) {
  return <span className={`lozenge lozenge-${status}`}>{statusNames[status]}</span>;
}

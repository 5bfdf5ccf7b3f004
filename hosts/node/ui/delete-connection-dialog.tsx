import { useId } from 'react';
import type { ConsoleConnection } from '../../console-kit/admin-answers';
import { ModalDialog } from './modal-dialog';

export interface DeleteConnectionDialogProps {
  readonly connection: ConsoleConnection;
  readonly busy: boolean;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

/** Delete asks first: it cannot be undone, though the items and their data stay where they are. */
export function DeleteConnectionDialog({ connection, busy, onConfirm, onCancel }: DeleteConnectionDialogProps) {
  const descriptionId = useId();
  return (
    <ModalDialog
      role="alertdialog"
      title="Delete connection?"
      closeLabel="Cancel"
      describedBy={descriptionId}
      busy={busy}
      onDismiss={onCancel}
      className="confirm"
    >
      <div className="modal-body">
        <p id={descriptionId}>
          <strong className="confirm-subject">{connection.name}</strong>
          Synchronization over this connection stops and its twins are unlinked. The issues, work items and tasks on both sides stay as they are. This cannot be
          undone: to sync again, initiate a new connection.
        </p>
      </div>
      <footer className="modal-footer">
        {/* Cancel first and focused: Enter on a confirmation should never destroy by default. */}
        <button type="button" className="button button-subtle" onClick={onCancel} autoFocus>
          Cancel
        </button>
        <button type="button" className="button button-danger" onClick={onConfirm} disabled={busy}>
          Delete
        </button>
      </footer>
    </ModalDialog>
  );
}

import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import type { ConsoleConnection } from '../../console-kit/admin-answers';

/** Deleting unlinks twins and keeps the data (ARCHITECTURE §3): the dialog says so before it happens. */
export function ConfirmDeleteModal({
  connection,
  busy,
  onCancel,
  onConfirm,
}: {
  readonly connection: ConsoleConnection;
  readonly busy: boolean;
  readonly onCancel: () => void;
  readonly onConfirm: () => void;
}) {
  return (
    <Modal onClose={onCancel} width="small" label={`Delete ${connection.name}`}>
      <ModalHeader>
        <ModalTitle appearance="danger">Delete "{connection.name}"?</ModalTitle>
      </ModalHeader>
      <ModalBody>
        The synced items stay in both trackers; they stop syncing and their twins are unlinked. The other side sees the connection as deleted.
      </ModalBody>
      <ModalFooter>
        <Button appearance="subtle" onClick={onCancel}>
          Cancel
        </Button>
        <Button appearance="danger" isLoading={busy} onClick={onConfirm}>
          Delete
        </Button>
      </ModalFooter>
    </Modal>
  );
}

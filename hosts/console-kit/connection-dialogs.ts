import { useState } from 'react';
import type { ConsoleConnection } from './admin-answers';
import type { ConsoleClient } from './operation-client';

/** What every dialog opened from a connection's row is given, in every console. */
export interface ConnectionDialogProps {
  readonly client: ConsoleClient;
  readonly connection: ConsoleConnection;
  readonly onClose: () => void;
}

/** The dialogs a connection's row opens: confirm Delete, Edit scripts (What syncs on a Basic connection, Edit mapping on a Visual one), Show invitation code, Start synchronization. */
export type ConnectionDialog = 'delete' | 'edit-scripts' | 'what-syncs' | 'edit-mapping' | 'show-invitation' | 'start-sync';

export interface ConnectionDialogs {
  /** The connection the dialog is open for, or null when it is closed. */
  openFor(dialog: ConnectionDialog): ConsoleConnection | null;
  open(dialog: ConnectionDialog, connection: ConsoleConnection): void;
  close(): void;
}

/** Which of a row's dialogs is open, and for which connection: one at a time, as each is modal. */
export function useConnectionDialogs(): ConnectionDialogs {
  const [opened, setOpened] = useState<{ readonly dialog: ConnectionDialog; readonly connection: ConsoleConnection } | null>(null);
  return {
    openFor: (dialog) => (opened?.dialog === dialog ? opened.connection : null),
    open: (dialog, connection) => setOpened({ dialog, connection }),
    close: () => setOpened(null),
  };
}

import type { ConsoleConnection, InstanceAnswer } from '../../console-kit/admin-answers';
import type { ConsoleClient } from '../../console-kit/operation-client';
import { useConnectionDialogs } from '../../console-kit/connection-dialogs';
import { useConnectionActions } from '../../console-kit/use-connection-actions';
import { wizardLabels } from '../../console-kit/browser-core';
import { ConnectionsTable, type ConnectionAction } from './connections-table';
import { DeleteConnectionDialog } from './delete-connection-dialog';
import { InvitationCodeDialog } from './invitation-code-dialog';
import { ScriptsDialog } from './scripts-dialog';
import { VisualMappingDialog } from './visual-mapping-dialog';
import { WhatSyncsDialog } from './what-syncs-dialog';
import { StartSyncDialog } from './start-sync-dialog';
import { useConnections } from '../../console-kit/use-connections';
import { WizardDialog } from './wizard-dialog';
import { useWizardLauncher } from '../../console-kit/use-wizard-launcher';

export interface ConnectionsTabProps {
  readonly client: ConsoleClient;
  readonly instance: InstanceAnswer;
}

/** The Connections tab: the list, its actions, and the two wizards that add to it. */
export function ConnectionsTab({ client, instance }: ConnectionsTabProps) {
  const { connections, failure, refresh } = useConnections(client);
  const wizard = useWizardLauncher(client, refresh);
  const dialogs = useConnectionDialogs();

  const { working, notice: banner, dismissNotice, changeStatus, check, remove } = useConnectionActions(client, refresh);
  const confirmDelete = (connection: ConsoleConnection) =>
    remove(connection, () => {
      dialogs.close();
      // The row and its Delete button go away; focus lands on the list's title, not on <body>.
      document.getElementById('connections-heading')?.focus();
    });

  const onAction = (connection: ConsoleConnection, action: ConnectionAction) => {
    if (
      action === 'delete' ||
      action === 'edit-scripts' ||
      action === 'what-syncs' ||
      action === 'edit-mapping' ||
      action === 'show-invitation' ||
      action === 'start-sync'
    )
      dialogs.open(action, connection);
    else if (action === 'check') void check(connection);
    else void changeStatus(connection, action);
  };

  const editingScripts = dialogs.openFor('edit-scripts');
  const showingWhatSyncs = dialogs.openFor('what-syncs');
  const editingMapping = dialogs.openFor('edit-mapping');
  const showingInvitation = dialogs.openFor('show-invitation');
  const startingSync = dialogs.openFor('start-sync');
  const deleting = dialogs.openFor('delete');
  return (
    <section className="panel-section" aria-labelledby="connections-heading">
      <div className="section-header">
        <h2 id="connections-heading" className="section-title" tabIndex={-1}>
          Connections
        </h2>
        <div className="section-actions">
          <button type="button" className="button button-default" onClick={() => wizard.open('accept')}>
            {wizardLabels.acceptInvitation}
          </button>
          <button type="button" className="button button-primary" onClick={() => wizard.open('initiate')}>
            {wizardLabels.initiateConnection}
          </button>
        </div>
      </div>
      <div aria-live="polite" aria-atomic="true">
        {banner === null ? null : (
          <p className={`message message-${banner.kind === 'error' ? 'error' : 'success'} banner`} role={banner.kind === 'error' ? 'alert' : 'status'}>
            {banner.text}
            <button type="button" className="banner-close" aria-label="Dismiss" onClick={dismissNotice}>
              ×
            </button>
          </p>
        )}
      </div>
      {failure === null ? null : (
        <p className="message message-error" role="alert">
          {failure}{' '}
          <button type="button" className="button-link" onClick={() => void refresh()}>
            Try again
          </button>
        </p>
      )}
      {connections === null ? (
        failure === null ? (
          <p className="muted" role="status">
            Loading connections…
          </p>
        ) : null
      ) : connections.length === 0 ? (
        <div className="empty-state">
          <p className="empty-title">No connections yet</p>
          <p className="muted">
            Click <strong>{wizardLabels.initiateConnection}</strong> to invite another instance, or <strong>{wizardLabels.acceptInvitation}</strong> if you
            received an invitation code.
          </p>
        </div>
      ) : (
        <ConnectionsTable connections={connections} working={working} onAction={onAction} />
      )}
      {wizard.wizard === null ? null : <WizardDialog key={wizard.wizard} host={wizard.host} start={() => wizard.start(instance)} />}
      {editingScripts === null ? null : <ScriptsDialog client={client} connection={editingScripts} tracker={instance.tracker} onClose={dialogs.close} />}
      {showingWhatSyncs === null ? null : <WhatSyncsDialog connection={showingWhatSyncs} onClose={dialogs.close} />}
      {editingMapping === null ? null : <VisualMappingDialog client={client} connection={editingMapping} onClose={dialogs.close} />}
      {showingInvitation === null ? null : <InvitationCodeDialog client={client} connection={showingInvitation} onClose={dialogs.close} />}
      {startingSync === null ? null : <StartSyncDialog client={client} connection={startingSync} tracker={instance.tracker} onClose={dialogs.close} />}
      {deleting === null ? null : (
        <DeleteConnectionDialog connection={deleting} busy={working === deleting.id} onCancel={dialogs.close} onConfirm={() => void confirmDelete(deleting)} />
      )}
    </section>
  );
}

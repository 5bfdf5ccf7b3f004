import { Button } from 'azure-devops-ui/Button';
import { ButtonGroup } from 'azure-devops-ui/ButtonGroup';
import { Card } from 'azure-devops-ui/Card';
import { Dialog } from 'azure-devops-ui/Dialog';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { SimpleTableCell, Table, TwoLineTableCell, type ITableColumn } from 'azure-devops-ui/Table';
import { ArrayItemProvider } from 'azure-devops-ui/Utilities/Provider';
import type { ConsoleConnection } from '../../console-kit/admin-answers';
import type { ConnectionsView } from '../../console-kit/use-connections';
import { useConnectionDialogs } from '../../console-kit/connection-dialogs';
import { wizardLabels } from '../../console-kit/browser-core';
import {
  canCheck,
  canEditScripts,
  canShowInvitation,
  canStartSync,
  describeRemoteSide,
  modeWord,
  pendingExplanationOf,
  statusActions,
} from '../../console-kit/console-words';
import { canShowWhatSyncs, whatSyncsLabel } from '../../console-kit/what-syncs';
import { canEditMapping, editMappingLabel } from '../../console-kit/visual-mapping-editing-words';
import type { ConsoleClient } from '../../console-kit/operation-client';
import { useConnectionActions } from '../../console-kit/use-connection-actions';
import { invitationCodeWords } from '../../console-kit/use-invitation-code';
import { startSyncLabel } from '../../console-kit/use-start-sync';
import { InvitationCodePanel } from './invitation-code-panel';
import { NoticeCard } from './notice-card';
import { ScriptsPanel } from './scripts-panel';
import { StartSyncPanel } from './start-sync-panel';
import { ConnectionStatus } from './status-cell';
import { VisualMappingPanel } from './visual-mapping-panel';
import { WhatSyncsPanel } from './what-syncs-panel';

/** The Connections tab: every connection with its remote side, mode, status and actions. */
export function ConnectionsTab({ client, connections }: { readonly client: ConsoleClient; readonly connections: ConnectionsView }) {
  const dialogs = useConnectionDialogs();

  const { working, notice, dismissNotice, changeStatus, check, remove } = useConnectionActions(client, connections.refresh);

  const columns: ITableColumn<ConsoleConnection>[] = [
    {
      id: 'name',
      name: 'Name',
      width: -20,
      renderCell: (_row, column, tableColumn, connection) => (
        <TwoLineTableCell
          key={column}
          columnIndex={column}
          tableColumn={tableColumn}
          line1={<span className="font-weight-semibold">{connection.name}</span>}
          line2={<span className="secondary-text">{connection.description || 'No description'}</span>}
        />
      ),
    },
    // The remote side's URL is long: it wraps rather than hiding the part that tells sides apart.
    {
      id: 'remote',
      name: 'Remote side',
      width: -23,
      renderCell: (_row, column, tableColumn, connection) => (
        <SimpleTableCell key={column} columnIndex={column} tableColumn={tableColumn} contentClassName="exalate-wrap">
          {describeRemoteSide(connection)}
        </SimpleTableCell>
      ),
    },
    {
      id: 'mode',
      name: 'Mode',
      width: -7,
      renderCell: (_row, column, tableColumn, connection) => (
        <SimpleTableCell key={column} columnIndex={column} tableColumn={tableColumn}>
          {modeWord(connection.mode)}
        </SimpleTableCell>
      ),
    },
    {
      id: 'status',
      name: 'Status',
      width: -10,
      renderCell: (_row, column, tableColumn, connection) => (
        <TwoLineTableCell
          key={column}
          columnIndex={column}
          tableColumn={tableColumn}
          line1={<ConnectionStatus status={connection.status} />}
          line2={connection.status === 'pending' ? <span className="secondary-text exalate-wrap">{pendingExplanationOf(connection)}</span> : null}
        />
      ),
    },
    {
      id: 'actions',
      name: 'Actions',
      width: -40,
      renderCell: (_row, column, tableColumn, connection) => (
        <SimpleTableCell key={column} columnIndex={column} tableColumn={tableColumn}>
          <ButtonGroup className="flex-wrap">
            {/* The next step first: how to start syncing once Active, the code to send while Pending. */}
            {canStartSync(connection) ? (
              <Button
                text={startSyncLabel}
                primary
                ariaLabel={`${startSyncLabel} ${connection.name}`}
                disabled={working === connection.id}
                onClick={() => dialogs.open('start-sync', connection)}
              />
            ) : null}
            {canShowInvitation(connection) ? (
              <Button
                text={invitationCodeWords.show}
                ariaLabel={`${invitationCodeWords.show} ${connection.name}`}
                disabled={working === connection.id}
                onClick={() => dialogs.open('show-invitation', connection)}
              />
            ) : null}
            {statusActions(connection).map((change) => (
              <Button
                key={change}
                text={change === 'activate' ? 'Activate' : 'Deactivate'}
                disabled={working === connection.id}
                onClick={() => void changeStatus(connection, change)}
              />
            ))}
            {canEditScripts(connection) ? (
              <Button
                text="Edit scripts"
                ariaLabel={`Edit scripts of ${connection.name}`}
                disabled={working === connection.id}
                onClick={() => dialogs.open('edit-scripts', connection)}
              />
            ) : null}
            {canShowWhatSyncs(connection) ? (
              <Button
                text={whatSyncsLabel}
                ariaLabel={`${whatSyncsLabel} of ${connection.name}`}
                disabled={working === connection.id}
                onClick={() => dialogs.open('what-syncs', connection)}
              />
            ) : null}
            {canEditMapping(connection) ? (
              <Button
                text={editMappingLabel}
                ariaLabel={`${editMappingLabel} of ${connection.name}`}
                disabled={working === connection.id}
                onClick={() => dialogs.open('edit-mapping', connection)}
              />
            ) : null}
            {canCheck(connection) ? <Button text="Check" disabled={working === connection.id} onClick={() => void check(connection)} /> : null}
            <Button text="Delete" subtle disabled={working === connection.id} onClick={() => dialogs.open('delete', connection)} />
          </ButtonGroup>
        </SimpleTableCell>
      ),
    },
  ];

  const editing = dialogs.openFor('edit-scripts');
  const showingWhatSyncs = dialogs.openFor('what-syncs');
  const editingMapping = dialogs.openFor('edit-mapping');
  const showingInvitation = dialogs.openFor('show-invitation');
  const startingSync = dialogs.openFor('start-sync');
  const deleting = dialogs.openFor('delete');
  return (
    <div className="flex-column">
      <NoticeCard notice={notice} onDismiss={dismissNotice} />
      {connections.failure === null ? null : <MessageCard severity={MessageCardSeverity.Error}>{connections.failure}</MessageCard>}
      {connections.connections !== null && connections.connections.length === 0 ? (
        <Card className="exalate-empty">
          <div className="flex-column">
            <h2 className="title-m">No connections yet</h2>
            <p className="secondary-text">
              Select <strong>{wizardLabels.initiateConnection}</strong> to invite another instance, or <strong>{wizardLabels.acceptInvitation}</strong> if you
              received an invitation code.
            </p>
          </div>
        </Card>
      ) : (
        <Card className="bolt-table-card" contentProps={{ contentPadding: false }}>
          <Table<ConsoleConnection>
            ariaLabel="Connections"
            columns={columns}
            itemProvider={new ArrayItemProvider([...(connections.connections ?? [])])}
            showLines
            role="table"
          />
        </Card>
      )}
      {editing === null ? null : <ScriptsPanel client={client} connection={editing} onClose={dialogs.close} />}
      {showingWhatSyncs === null ? null : <WhatSyncsPanel connection={showingWhatSyncs} onClose={dialogs.close} />}
      {editingMapping === null ? null : <VisualMappingPanel client={client} connection={editingMapping} onClose={dialogs.close} />}
      {showingInvitation === null ? null : <InvitationCodePanel client={client} connection={showingInvitation} onClose={dialogs.close} />}
      {startingSync === null ? null : <StartSyncPanel client={client} connection={startingSync} onClose={dialogs.close} />}
      {deleting === null ? null : (
        <Dialog
          titleProps={{ text: `Delete "${deleting.name}"?` }}
          footerButtonProps={[
            { text: 'Cancel', onClick: dialogs.close },
            // The dialog closes at once; the row's buttons show the deletion under way.
            {
              text: 'Delete',
              danger: true,
              onClick: () => {
                dialogs.close();
                void remove(deleting);
              },
            },
          ]}
          onDismiss={dialogs.close}
        >
          The synced work items stay in both trackers; they stop syncing and their twins are unlinked.
        </Dialog>
      )}
    </div>
  );
}

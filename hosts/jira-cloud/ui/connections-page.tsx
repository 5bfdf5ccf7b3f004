import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import EmptyState from '@atlaskit/empty-state';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import type { InstanceAnswer } from '../../console-kit/admin-answers';
import { wizardLabels } from '../../console-kit/browser-core';
import { useConnectionDialogs } from '../../console-kit/connection-dialogs';
import { useConnections } from '../../console-kit/use-connections';
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
import { useWizardLauncher } from '../../console-kit/use-wizard-launcher';
import { ConfirmDeleteModal } from './confirm-delete-modal';
import { InvitationCodeModal } from './invitation-code-modal';
import { NoticeBanner } from './notice-banner';
import { PageFrame } from './page-frame';
import { RulesModal } from './rules-modal';
import { StartSyncModal } from './start-sync-modal';
import { StatusLozenge } from './status-lozenge';
import { VisualMappingModal } from './visual-mapping-modal';
import { WhatSyncsModal } from './what-syncs-modal';
import { WizardModal } from './wizard-modal';

/** Connections: the list with its actions, and the Initiate Connection and Accept Invitation wizards. */
export function ConnectionsPage({ client, instance }: { readonly client: ConsoleClient; readonly instance: InstanceAnswer }) {
  const { connections, failure, refresh } = useConnections(client);
  const wizard = useWizardLauncher(client, refresh);
  const dialogs = useConnectionDialogs();
  const { working, notice, changeStatus, check, remove } = useConnectionActions(client, refresh);

  const head = { cells: ['Name', 'Remote side', 'Mode', 'Status', 'Actions'].map((title) => ({ key: title, content: title })) };
  const rows = (connections ?? []).map((connection) => ({
    key: connection.id,
    cells: [
      {
        key: 'name',
        content: (
          <Stack>
            <Text weight="medium">{connection.name}</Text>
            {connection.description ? (
              <Text size="small" color="color.text.subtlest">
                {connection.description}
              </Text>
            ) : null}
          </Stack>
        ),
      },
      { key: 'remote', content: describeRemoteSide(connection) },
      { key: 'mode', content: modeWord(connection.mode) },
      {
        key: 'status',
        content: (
          <Stack space="space.050">
            <StatusLozenge status={connection.status} />
            {connection.status === 'pending' ? (
              <Text size="small" color="color.text.subtlest">
                {pendingExplanationOf(connection)}
              </Text>
            ) : null}
          </Stack>
        ),
      },
      {
        key: 'actions',
        content: (
          <Inline space="space.050" shouldWrap>
            {/* The next step first: how to start syncing once Active, the code to send while Pending. */}
            {canStartSync(connection) ? (
              <Button
                spacing="compact"
                appearance="primary"
                aria-label={`${startSyncLabel} ${connection.name}`}
                isDisabled={working === connection.id}
                onClick={() => dialogs.open('start-sync', connection)}
              >
                {startSyncLabel}
              </Button>
            ) : null}
            {canShowInvitation(connection) ? (
              <Button
                spacing="compact"
                aria-label={`${invitationCodeWords.show} ${connection.name}`}
                isDisabled={working === connection.id}
                onClick={() => dialogs.open('show-invitation', connection)}
              >
                {invitationCodeWords.show}
              </Button>
            ) : null}
            {statusActions(connection).map((change) => (
              <Button key={change} spacing="compact" isDisabled={working === connection.id} onClick={() => void changeStatus(connection, change)}>
                {change === 'activate' ? 'Activate' : 'Deactivate'}
              </Button>
            ))}
            {canEditScripts(connection) ? (
              <Button
                spacing="compact"
                aria-label={`Edit scripts ${connection.name}`}
                isDisabled={working === connection.id}
                onClick={() => dialogs.open('edit-scripts', connection)}
              >
                Edit scripts
              </Button>
            ) : null}
            {canShowWhatSyncs(connection) ? (
              <Button
                spacing="compact"
                aria-label={`${whatSyncsLabel} ${connection.name}`}
                isDisabled={working === connection.id}
                onClick={() => dialogs.open('what-syncs', connection)}
              >
                {whatSyncsLabel}
              </Button>
            ) : null}
            {canEditMapping(connection) ? (
              <Button
                spacing="compact"
                aria-label={`${editMappingLabel} ${connection.name}`}
                isDisabled={working === connection.id}
                onClick={() => dialogs.open('edit-mapping', connection)}
              >
                {editMappingLabel}
              </Button>
            ) : null}
            {canCheck(connection) ? (
              <Button spacing="compact" isDisabled={working === connection.id} onClick={() => void check(connection)}>
                Check
              </Button>
            ) : null}
            <Button spacing="compact" appearance="subtle" isDisabled={working === connection.id} onClick={() => dialogs.open('delete', connection)}>
              Delete
            </Button>
          </Inline>
        ),
      },
    ],
  }));

  const actions = (
    <Inline space="space.100">
      <Button onClick={() => wizard.open('accept')}>{wizardLabels.acceptInvitation}</Button>
      <Button appearance="primary" onClick={() => wizard.open('initiate')}>
        {wizardLabels.initiateConnection}
      </Button>
    </Inline>
  );
  const editing = dialogs.openFor('edit-scripts');
  const showingWhatSyncs = dialogs.openFor('what-syncs');
  const editingMapping = dialogs.openFor('edit-mapping');
  const showingInvitation = dialogs.openFor('show-invitation');
  const startingSync = dialogs.openFor('start-sync');
  const deleting = dialogs.openFor('delete');
  return (
    <PageFrame title="Connections" actions={actions}>
      <NoticeBanner notice={notice} />
      {failure === null ? null : <SectionMessage appearance="error">{failure}</SectionMessage>}
      {connections !== null && connections.length === 0 ? (
        <EmptyState
          header="No connections yet"
          description={`Click ${wizardLabels.initiateConnection} to invite another instance, or ${wizardLabels.acceptInvitation} if you received an invitation code.`}
          headingLevel={2}
        />
      ) : (
        <Box>
          <DynamicTable label="Connections of this Jira site" head={head} rows={rows} isLoading={connections === null && failure === null} rowsPerPage={20} />
        </Box>
      )}
      {wizard.wizard === null ? null : <WizardModal key={wizard.wizard} host={wizard.host} start={() => wizard.start(instance)} />}
      {editing === null ? null : <RulesModal client={client} connection={editing} onClose={dialogs.close} />}
      {showingWhatSyncs === null ? null : <WhatSyncsModal connection={showingWhatSyncs} onClose={dialogs.close} />}
      {editingMapping === null ? null : <VisualMappingModal client={client} connection={editingMapping} onClose={dialogs.close} />}
      {showingInvitation === null ? null : <InvitationCodeModal client={client} connection={showingInvitation} onClose={dialogs.close} />}
      {startingSync === null ? null : <StartSyncModal client={client} connection={startingSync} onClose={dialogs.close} />}
      {deleting === null ? null : (
        <ConfirmDeleteModal
          connection={deleting}
          busy={working === deleting.id}
          onCancel={dialogs.close}
          onConfirm={() => void remove(deleting, dialogs.close)}
        />
      )}
    </PageFrame>
  );
}

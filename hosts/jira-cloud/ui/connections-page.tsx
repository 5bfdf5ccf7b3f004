import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import EmptyState from '@atlaskit/empty-state';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import { useMemo, useState } from 'react';
import type { ConsoleConnection, InstanceAnswer } from '../../console-kit/admin-answers';
import { startAcceptWizard, startInitiateWizard, wizardLabels } from '../../console-kit/browser-core';
import { useConnections } from '../../console-kit/use-connections';
import type { WizardEffectHost } from '../../console-kit/wizard-effect-runner';
import {
  canCheck,
  canEditScripts,
  canShowInvitation,
  canStartSync,
  describeRemoteSide,
  modeWord,
  pendingExplained,
  statusActions,
  wizardContextOf,
} from '../../console-kit/console-words';
import type { ConsoleClient } from '../../console-kit/operation-client';
import { useConnectionActions } from '../../console-kit/use-connection-actions';
import { invitationCodeWords } from '../../console-kit/use-invitation-code';
import { startSyncLabel } from '../../console-kit/use-start-sync';
import { ConfirmDeleteModal } from './confirm-delete-modal';
import { InvitationCodeModal } from './invitation-code-modal';
import { NoticeBanner } from './notice-banner';
import { PageFrame } from './page-frame';
import { RulesModal } from './rules-modal';
import { StartSyncModal } from './start-sync-modal';
import { StatusLozenge } from './status-lozenge';
import { WizardModal } from './wizard-modal';

/** Connections: the list with its actions, and the Initiate Connection and Accept Invitation wizards. */
export function ConnectionsPage({ client, instance }: { readonly client: ConsoleClient; readonly instance: InstanceAnswer }) {
  const { connections, failure, refresh } = useConnections(client);
  const [wizard, setWizard] = useState<'initiate' | 'accept' | null>(null);
  const [editing, setEditing] = useState<ConsoleConnection | null>(null);
  const [deleting, setDeleting] = useState<ConsoleConnection | null>(null);
  const [showingInvitation, setShowingInvitation] = useState<ConsoleConnection | null>(null);
  const [startingSync, setStartingSync] = useState<ConsoleConnection | null>(null);
  const host = useMemo<WizardEffectHost>(
    () => ({
      client,
      clipboard: typeof navigator === 'undefined' ? undefined : navigator.clipboard,
      close: () => setWizard(null),
      refreshConnections: () => void refresh(),
    }),
    [client, refresh],
  );

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
                {pendingExplained}
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
                onClick={() => setStartingSync(connection)}
              >
                {startSyncLabel}
              </Button>
            ) : null}
            {canShowInvitation(connection) ? (
              <Button
                spacing="compact"
                aria-label={`${invitationCodeWords.show} ${connection.name}`}
                isDisabled={working === connection.id}
                onClick={() => setShowingInvitation(connection)}
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
                onClick={() => setEditing(connection)}
              >
                Edit scripts
              </Button>
            ) : null}
            {canCheck(connection) ? (
              <Button spacing="compact" isDisabled={working === connection.id} onClick={() => void check(connection)}>
                Check
              </Button>
            ) : null}
            <Button spacing="compact" appearance="subtle" isDisabled={working === connection.id} onClick={() => setDeleting(connection)}>
              Delete
            </Button>
          </Inline>
        ),
      },
    ],
  }));

  const actions = (
    <Inline space="space.100">
      <Button onClick={() => setWizard('accept')}>{wizardLabels.acceptInvitation}</Button>
      <Button appearance="primary" onClick={() => setWizard('initiate')}>
        {wizardLabels.initiateConnection}
      </Button>
    </Inline>
  );
  const context = wizardContextOf(instance);
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
      {wizard === null ? null : (
        <WizardModal key={wizard} host={host} start={() => (wizard === 'initiate' ? startInitiateWizard(context) : startAcceptWizard(context))} />
      )}
      {editing === null ? null : <RulesModal client={client} connection={editing} onClose={() => setEditing(null)} />}
      {showingInvitation === null ? null : <InvitationCodeModal client={client} connection={showingInvitation} onClose={() => setShowingInvitation(null)} />}
      {startingSync === null ? null : <StartSyncModal client={client} connection={startingSync} onClose={() => setStartingSync(null)} />}
      {deleting === null ? null : (
        <ConfirmDeleteModal
          connection={deleting}
          busy={working === deleting.id}
          onCancel={() => setDeleting(null)}
          onConfirm={() => void remove(deleting, () => setDeleting(null))}
        />
      )}
    </PageFrame>
  );
}

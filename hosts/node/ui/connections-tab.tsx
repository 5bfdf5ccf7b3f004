import { useMemo, useState } from 'react';
import type { ConsoleConnection, InstanceAnswer } from './admin-answers';
import type { ConsoleClient } from '../../console-kit/operation-client';
import { startAcceptWizard, startInitiateWizard, wizardLabels, type WizardContext } from './browser-core';
import { ConnectionsTable, type ConnectionAction } from './connections-table';
import { DeleteConnectionDialog } from './delete-connection-dialog';
import { ScriptsDialog } from './scripts-dialog';
import { useConnections } from './use-connections';
import { WizardDialog } from './wizard-dialog';
import type { WizardEffectHost } from './wizard-effect-runner';

type Banner = { readonly kind: 'success' | 'error'; readonly text: string };

/** What the wizards know about this instance when they open (core's LocalInstance). */
function wizardContextOf(instance: InstanceAnswer): WizardContext {
  return { local: { tracker: instance.tracker, isPublic: instance.isPublic, licence: instance.licence, modes: instance.modes } };
}

function describeCheck(connection: ConsoleConnection, roundTripMs: number, remoteStatus: string | null): string {
  const there = remoteStatus === null ? '' : ` There, the connection is ${remoteStatus}.`;
  return `"${connection.name}": the other side answered a signed ping in ${Math.round(roundTripMs)} ms.${there}`;
}

export interface ConnectionsTabProps {
  readonly client: ConsoleClient;
  readonly instance: InstanceAnswer;
}

/** The Connections tab: the list, its actions, and the two wizards that add to it. */
export function ConnectionsTab({ client, instance }: ConnectionsTabProps) {
  const { connections, failure, refresh } = useConnections(client);
  const [wizard, setWizard] = useState<'initiate' | 'accept' | null>(null);
  const [deleting, setDeleting] = useState<ConsoleConnection | null>(null);
  const [editingScripts, setEditingScripts] = useState<ConsoleConnection | null>(null);
  const [working, setWorking] = useState<string | null>(null);
  const [banner, setBanner] = useState<Banner | null>(null);

  const host = useMemo<WizardEffectHost>(
    () => ({
      client,
      clipboard: typeof navigator === 'undefined' ? undefined : navigator.clipboard,
      close: () => setWizard(null),
      refreshConnections: () => void refresh(),
    }),
    [client, refresh],
  );
  const context = wizardContextOf(instance);

  const perform = async (connection: ConsoleConnection, action: Exclude<ConnectionAction, 'delete' | 'edit-scripts'> | 'confirm-delete') => {
    setWorking(connection.id);
    setBanner(null);
    try {
      switch (action) {
        case 'deactivate':
        case 'activate': {
          const answer = await client.changeConnectionStatus(connection.id, action);
          setBanner(answer.ok ? { kind: 'success', text: `"${connection.name}" is ${action === 'activate' ? 'active again' : 'deactivated: changes keep queueing and resume in order when you activate it'}.` } : { kind: 'error', text: answer.error.message });
          break;
        }
        case 'check': {
          const answer = await client.checkConnection(connection.id);
          setBanner(answer.ok ? { kind: 'success', text: describeCheck(connection, answer.value.roundTripMs, answer.value.remoteStatus) } : { kind: 'error', text: answer.error.message });
          break;
        }
        case 'confirm-delete': {
          const answer = await client.deleteConnection(connection.id);
          setDeleting(null);
          // The row and its Delete button go away; focus lands on the list's title, not on <body>.
          document.getElementById('connections-heading')?.focus();
          setBanner(answer.ok ? { kind: 'success', text: `"${connection.name}" is deleted. Its twins are unlinked; the items stay.` } : { kind: 'error', text: answer.error.message });
          break;
        }
      }
    } finally {
      setWorking(null);
      await refresh();
    }
  };

  const onAction = (connection: ConsoleConnection, action: ConnectionAction) => {
    if (action === 'delete') setDeleting(connection);
    else if (action === 'edit-scripts') setEditingScripts(connection);
    else void perform(connection, action);
  };

  return (
    <section className="panel-section" aria-labelledby="connections-heading">
      <div className="section-header">
        <h2 id="connections-heading" className="section-title" tabIndex={-1}>
          Connections
        </h2>
        <div className="section-actions">
          <button type="button" className="button button-default" onClick={() => setWizard('accept')}>
            {wizardLabels.acceptInvitation}
          </button>
          <button type="button" className="button button-primary" onClick={() => setWizard('initiate')}>
            {wizardLabels.initiateConnection}
          </button>
        </div>
      </div>
      <div aria-live="polite" aria-atomic="true">
        {banner === null ? null : (
          <p className={`message message-${banner.kind === 'error' ? 'error' : 'success'} banner`} role={banner.kind === 'error' ? 'alert' : 'status'}>
            {banner.text}
            <button type="button" className="banner-close" aria-label="Dismiss" onClick={() => setBanner(null)}>
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
        failure === null ? <p className="muted" role="status">Loading connections…</p> : null
      ) : connections.length === 0 ? (
        <div className="empty-state">
          <p className="empty-title">No connections yet</p>
          <p className="muted">
            Click <strong>{wizardLabels.initiateConnection}</strong> to invite another instance, or <strong>{wizardLabels.acceptInvitation}</strong> if you received an invitation code.
          </p>
        </div>
      ) : (
        <ConnectionsTable connections={connections} working={working} onAction={onAction} />
      )}
      {wizard === null ? null : (
        <WizardDialog key={wizard} host={host} start={() => (wizard === 'initiate' ? startInitiateWizard(context) : startAcceptWizard(context))} />
      )}
      {editingScripts === null ? null : <ScriptsDialog client={client} connection={editingScripts} tracker={instance.tracker} onClose={() => setEditingScripts(null)} />}
      {deleting === null ? null : (
        <DeleteConnectionDialog connection={deleting} busy={working === deleting.id} onCancel={() => setDeleting(null)} onConfirm={() => void perform(deleting, 'confirm-delete')} />
      )}
    </section>
  );
}

import { Button } from 'azure-devops-ui/Button';
import { FormItem } from 'azure-devops-ui/FormItem';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { RadioButton, RadioButtonGroup } from 'azure-devops-ui/RadioButton';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { TextField, TextFieldWidth } from 'azure-devops-ui/TextField';
import { useEffect, useState, type KeyboardEvent } from 'react';
import type { ConsoleClient } from '../../console-kit/operation-client';
import { useItemSurface } from '../../console-kit/use-item-surface';
import { NodeMissingNotice } from './node-missing-notice';
import { NoticeCard } from './notice-card';
import { useWorkItemNode } from './use-work-item-node';
import type { WorkItemHost } from './work-item-host';
import { workItemWords } from './work-item-words';

/** What the dialog answers its opener when it closes: what was done, if anything. */
export type ExalateDialogResult = { readonly outcome: 'exalated' | 'connected'; readonly connectionId: string } | undefined;

/**
 * "Exalate this work item", the content of the host's dialog: choose an active connection whose
 * scope the work item is in and Exalate it, or Connect it to an item that already exists on the
 * other side by that item's key. A work item outside every connection's scope is offered none, and
 * the node's reason says why. Escape closes it, as the host's own dialogs close.
 */
export function ExalateWorkItemDialog({
  node,
  workItemKey,
  onClose,
}: {
  readonly node: WorkItemHost['node'];
  readonly workItemKey: string;
  readonly onClose: (result?: ExalateDialogResult) => void;
}) {
  const { state, adoptSuggestion } = useWorkItemNode(node);
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key === 'Escape') onClose();
  };
  return (
    <div className="exalate-dialog flex-column rhythm-vertical-16" onKeyDown={closeOnEscape}>
      {state.status === 'ready' ? (
        <ExalateChoices client={state.client} workItemKey={workItemKey} onClose={onClose} />
      ) : (
        <NodeMissingNotice node={state} isServer={node.isServer} onAdopt={(url) => void adoptSuggestion(url)} />
      )}
      <div className="flex-row justify-end">
        <Button text={workItemWords.close} onClick={() => onClose()} />
      </div>
    </div>
  );
}

function ExalateChoices({
  client,
  workItemKey,
  onClose,
}: {
  readonly client: ConsoleClient;
  readonly workItemKey: string;
  readonly onClose: (result?: ExalateDialogResult) => void;
}) {
  const words = workItemWords;
  const surface = useItemSurface(client, workItemKey, 'azure-devops');
  const { options, loadOptions } = surface;
  const [chosen, setChosen] = useState<string | null>(null);
  const [remoteKey, setRemoteKey] = useState('');
  useEffect(loadOptions, [client, workItemKey]);
  const offered = options?.status === 'loaded' ? options.value.connections : [];
  const connectionId = chosen ?? offered[0]?.connectionId ?? '';

  // azure-devops-ui's Button answers Enter and Space itself and stops the event, so each way runs on its button's click.
  const exalate = async () => {
    if (await surface.exalate(connectionId)) onClose({ outcome: 'exalated', connectionId });
  };
  const connect = async () => {
    if (await surface.connect(connectionId, remoteKey)) onClose({ outcome: 'connected', connectionId });
  };

  if (options === null || options.status === 'loading') return <Spinner size={SpinnerSize.medium} label={words.loading} />;
  if (options.status === 'failed') return <MessageCard severity={MessageCardSeverity.Error}>{options.message}</MessageCard>;
  if (offered.length === 0) {
    return (
      <MessageCard severity={MessageCardSeverity.Info}>
        <span>
          <strong>{words.noConnections}. </strong>
          {options.value.reason ?? ''}
        </span>
      </MessageCard>
    );
  }
  const busy = surface.busy !== null;
  return (
    <>
      <NoticeCard notice={surface.notice} onDismiss={surface.dismissNotice} />
      <RadioButtonGroup text={words.connectionLabel} selectedButtonId={connectionId} onSelect={setChosen}>
        {offered.map((connection) => (
          <RadioButton key={connection.connectionId} id={connection.connectionId} text={connection.connectionName} disabled={busy} />
        ))}
      </RadioButtonGroup>
      <section className="flex-column rhythm-vertical-8" aria-labelledby="exalate-through-connection">
        <h3 id="exalate-through-connection">{words.exalateHeading}</h3>
        <p className="secondary-text exalate-notice">{words.exalateHelp}</p>
        <div className="flex-row">
          <Button text={words.exalateButton} primary disabled={busy} onClick={() => void exalate()} />
        </div>
      </section>
      <section className="flex-column rhythm-vertical-8" aria-labelledby="exalate-connect-existing">
        <h3 id="exalate-connect-existing">{words.connectHeading}</h3>
        <p className="secondary-text exalate-notice">{words.connectHelp}</p>
        <div className="flex-row flex-end rhythm-horizontal-8">
          <FormItem label={words.remoteKeyLabel} className="flex-grow">
            <TextField ariaLabel={words.remoteKeyLabel} value={remoteKey} width={TextFieldWidth.auto} onChange={(_event, value) => setRemoteKey(value)} />
          </FormItem>
          <Button text={words.connectButton} disabled={busy} onClick={() => void connect()} />
        </div>
      </section>
    </>
  );
}

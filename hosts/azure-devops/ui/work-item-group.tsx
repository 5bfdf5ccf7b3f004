import { Button } from 'azure-devops-ui/Button';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { useEffect, useState } from 'react';
import type { ConsoleClient } from '../../console-kit/operation-client';
import { useItemSurface } from '../../console-kit/use-item-surface';
import { NodeMissingNotice } from './node-missing-notice';
import { NoticeCard } from './notice-card';
import { useWorkItemNode } from './use-work-item-node';
import type { WorkItemHost } from './work-item-host';
import { WorkItemTwin } from './work-item-twins';
import { workItemWords } from './work-item-words';
import { settlingKeyOf, useSettlingRefresh } from '../../console-kit/use-settling-refresh';

/** The group "Exalate" on the work item form: reaches the node as the hub does, then shows the work item's twins. */
export function WorkItemGroup({ host }: { readonly host: WorkItemHost }) {
  const { state, adoptSuggestion } = useWorkItemNode(host.node);
  const [workItemKey, setWorkItemKey] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    const read = () => void host.readWorkItemKey().then(setWorkItemKey, () => setWorkItemKey(null));
    read();
    return host.onWorkItemChanged(read);
  }, [host]);
  if (state.status !== 'ready') return <NodeMissingNotice node={state} isServer={host.node.isServer} onAdopt={(url) => void adoptSuggestion(url)} />;
  if (workItemKey === undefined) return <Spinner size={SpinnerSize.medium} label={workItemWords.loading} />;
  if (workItemKey === null) return <p className="exalate-notice">{workItemUnsaved}</p>;
  return <WorkItemTwins key={workItemKey} host={host} client={state.client} workItemKey={workItemKey} />;
}

/** A new work item has no id until it is saved, and the node knows work items by id. */
const workItemUnsaved = 'Save the work item first; then it can be exalated.';

/**
 * While a twin is Queued or In progress the group reads the twins again this often, so the status
 * moves on by itself; once every twin has settled it stops, and the form's notifications (loaded,
 * saved, refreshed) read them again instead.
 */

function WorkItemTwins({ host, client, workItemKey }: { readonly host: WorkItemHost; readonly client: ConsoleClient; readonly workItemKey: string }) {
  const surface = useItemSurface(client, workItemKey, 'azure-devops');
  const words = workItemWords;
  const { view, refresh, replica } = surface;
  useEffect(() => host.onWorkItemChanged(refresh), [host, refresh]);
  useSettlingRefresh(view.status === 'loaded' ? settlingKeyOf(view.value.twins) : null, refresh);

  if (view.status === 'loading') return <Spinner size={SpinnerSize.medium} label={words.loading} />;
  if (view.status === 'failed') return <MessageCard severity={MessageCardSeverity.Error}>{view.message}</MessageCard>;
  const { twins } = view.value;
  return (
    <div className="flex-column rhythm-vertical-8" aria-label={words.twinsLabel} role="region">
      <NoticeCard notice={surface.notice} onDismiss={surface.dismissNotice} />
      {twins.length === 0 ? (
        <p className="exalate-notice">{words.noTwins}</p>
      ) : (
        twins.map((twin) => <WorkItemTwin key={twin.connectionId} twin={twin} surface={surface} />)
      )}
      {replica === null ? null : (
        <section className="exalate-replica flex-column rhythm-vertical-4" aria-labelledby="exalate-replica-heading">
          <h3 id="exalate-replica-heading" className="exalate-twin-connection">
            {words.replicaTitle(replica.side, replica.connectionName)}
          </h3>
          {/* Focusable, so a keyboard can scroll a long replica. */}
          <pre tabIndex={0} aria-labelledby="exalate-replica-heading">
            {replica.text ?? words.replicaEmpty(replica.side)}
          </pre>
          <div className="flex-row">
            <Button text={words.close} subtle onClick={surface.closeReplica} />
          </div>
        </section>
      )}
      <div className="flex-row">
        <Button
          text={words.actionLabel}
          primary={twins.length === 0}
          disabled={surface.busy !== null}
          onClick={() => void host.openExalateDialog(workItemKey)}
        />
      </div>
    </div>
  );
}

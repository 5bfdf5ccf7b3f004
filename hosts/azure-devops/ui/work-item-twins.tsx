import { Button } from 'azure-devops-ui/Button';
import { Link } from 'azure-devops-ui/Link';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { Status, Statuses, StatusSize, type IStatusProps } from 'azure-devops-ui/Status';
import type { ItemTwinAnswer, ItemTwinStatusAnswer } from '../../console-kit/item-surface-answers';
import { formatSyncedAt } from '../../console-kit/item-surface-words';
import type { ItemSurface } from '../../console-kit/use-item-surface';
import { workItemWords } from './work-item-words';

const indicators: Readonly<Record<ItemTwinStatusAnswer, IStatusProps>> = {
  queued: Statuses.Queued,
  in_progress: Statuses.Running,
  synchronized: Statuses.Success,
  error: Statuses.Failed,
};

/**
 * One twin of the work item, laid out as Azure DevOps lays out a form group's fields: the
 * connection, the remote work item's key as a link to it, the status with its icon (the word is
 * what is read out; the icon stays decorative, as on the hub's status cells), when it last synced,
 * the error's own words with Retry, and the actions.
 */
export function WorkItemTwin({ twin, surface }: { readonly twin: ItemTwinAnswer; readonly surface: ItemSurface }) {
  const words = workItemWords;
  const headingId = `twin-${twin.connectionId}`;
  const busy = surface.busy !== null;
  // A replica shown for this twin is of a sync that is stopping: it goes with it.
  const unexalate = async () => {
    if (surface.replica?.connectionName === twin.connectionName) surface.closeReplica();
    await surface.unexalate(twin);
  };
  return (
    <section className="exalate-twin flex-column rhythm-vertical-4" aria-labelledby={headingId}>
      <h3 id={headingId} className="exalate-twin-connection">
        {twin.connectionName}
      </h3>
      <dl className="exalate-summary">
        <div className="exalate-summary-row">
          <dt className="secondary-text">{words.columns.remoteKey}</dt>
          <dd>
            {twin.remoteKey === null ? (
              <span className="secondary-text">{words.remoteKeyPending}</span>
            ) : twin.remoteUrl === null ? (
              twin.remoteKey
            ) : (
              <Link href={twin.remoteUrl} target="_blank" rel="noopener noreferrer">
                {twin.remoteKey}
              </Link>
            )}
          </dd>
        </div>
        <div className="exalate-summary-row">
          <dt className="secondary-text">{words.columns.status}</dt>
          <dd className="flex-row flex-center">
            <Status {...indicators[twin.status]} size={StatusSize.s} className="margin-right-8" />
            {words.status[twin.status]}
          </dd>
        </div>
        <div className="exalate-summary-row">
          <dt className="secondary-text">{words.columns.lastSynced}</dt>
          <dd title={twin.lastSyncedAt ?? undefined}>{formatSyncedAt(twin.lastSyncedAt, words)}</dd>
        </div>
      </dl>
      {twin.error === null ? null : <MessageCard severity={MessageCardSeverity.Error}>{twin.error.message}</MessageCard>}
      <div className="flex-row flex-wrap exalate-twin-actions">
        {twin.error === null ? null : <Button text={words.retry} primary disabled={busy} onClick={() => void surface.retry(twin)} />}
        <Button text={words.syncNow} disabled={busy} onClick={() => void surface.syncNow(twin)} />
        <Button text={words.showLocalReplica} disabled={busy} onClick={() => void surface.showReplica(twin, 'local')} />
        <Button text={words.showRemoteReplica} disabled={busy} onClick={() => void surface.showReplica(twin, 'remote')} />
        <Button text={words.unexalate} disabled={busy} tooltipProps={{ text: words.unexalateHelp }} onClick={() => void unexalate()} />
      </div>
    </section>
  );
}

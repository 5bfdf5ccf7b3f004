import { useId, useState } from 'react';
import type { ItemTwinAnswer, ItemTwinStatusAnswer } from '../../console-kit/item-surface-answers';
import { formatSyncedAt, itemSurfaceWords } from '../../console-kit/item-surface-words';
import { useExalateChoice } from '../../console-kit/use-exalate-choice';
import type { ItemSurface } from '../../console-kit/use-item-surface';
import { ModalDialog } from './modal-dialog';
import { NoticeBanner } from './notice-banner';
import { settlingKeyOf, useSettlingRefresh } from '../../console-kit/use-settling-refresh';

const words = itemSurfaceWords('jira-server');
/** The console's lozenge colours: green when in sync, blue-grey on the way, red on an error. */
const lozengeClasses: Readonly<Record<ItemTwinStatusAnswer, string>> = {
  queued: 'lozenge-pending',
  in_progress: 'lozenge-pending',
  synchronized: 'lozenge-active',
  error: 'lozenge-error',
};
/** While a twin is on its way, the panel looks again this often, so Synchronized shows without a reload. */

/**
 * The Exalate panel of a Jira DC issue (the plugin's web panel frames it): the issue's twins, each
 * with its connection, the remote key as a link, its status, when it last synced and Sync now,
 * Retry (on an error), Show local / remote replica and Unexalate; and "Exalate this issue" through a
 * connection, or Connect it to an existing remote item. Jira DC has no issue action for a
 * descriptor-only plugin, so both live in the panel.
 */
export function JiraServerItemPanel({ surface, onSignOut }: { readonly surface: ItemSurface; readonly onSignOut: () => void }) {
  const { view } = surface;
  const [exalating, setExalating] = useState(false);
  useSettlingRefresh(view.status === 'loaded' ? settlingKeyOf(view.value.twins) : null, surface.refresh);

  return (
    <section className="item-surface" aria-labelledby="item-surface-title">
      <div className="section-header">
        <h1 id="item-surface-title" className="item-surface-title">
          Exalate · {surface.itemKey}
        </h1>
        <div className="section-actions">
          <button type="button" className="button button-subtle button-small" onClick={surface.refresh}>
            {words.refresh}
          </button>
          <button type="button" className="button button-subtle button-small" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </div>
      <NoticeBanner notice={surface.notice} onDismiss={surface.dismissNotice} />
      {view.status === 'loading' ? (
        <p className="muted">{words.loading}</p>
      ) : view.status === 'failed' ? (
        <div className="message message-error">
          <p role="alert">{view.message}</p>
        </div>
      ) : view.value.twins.length === 0 ? (
        <p>{words.noTwins}</p>
      ) : (
        <ul className="item-twins" aria-label={words.twinsLabel}>
          {view.value.twins.map((twin) => (
            <li key={twin.connectionId}>
              <TwinEntry surface={surface} twin={twin} />
            </li>
          ))}
        </ul>
      )}
      <p>
        <button
          type="button"
          className="button button-default"
          aria-expanded={exalating}
          aria-controls="exalate-this-issue"
          onClick={() => setExalating((open) => !open)}
        >
          {words.dialogTitle}
        </button>
      </p>
      {exalating ? <ExalateThisIssue surface={surface} onDone={() => setExalating(false)} /> : null}
      {surface.replica === null ? null : (
        <ModalDialog title={words.replicaTitle(surface.replica.side, surface.replica.connectionName)} onDismiss={surface.closeReplica} closeLabel={words.close}>
          <div className="modal-body">
            {surface.replica.text === null ? <p>{words.replicaEmpty(surface.replica.side)}</p> : <pre className="item-replica">{surface.replica.text}</pre>}
          </div>
          <div className="modal-footer">
            <button type="button" className="button button-primary" onClick={surface.closeReplica}>
              {words.close}
            </button>
          </div>
        </ModalDialog>
      )}
    </section>
  );
}

function TwinEntry({ surface, twin }: { readonly surface: ItemSurface; readonly twin: ItemTwinAnswer }) {
  const busy = surface.busy?.connectionId === twin.connectionId ? surface.busy.action : null;
  const label = (text: string) => `${text}: ${twin.connectionName}`;
  return (
    <article className="item-twin" aria-label={twin.connectionName}>
      <h2 className="item-twin-title">{twin.connectionName}</h2>
      <p>
        {words.columns.remoteKey}:{' '}
        {twin.remoteKey === null ? (
          <span>{words.remoteKeyPending}</span>
        ) : twin.remoteUrl === null ? (
          <strong>{twin.remoteKey}</strong>
        ) : (
          <a href={twin.remoteUrl} target="_blank" rel="noreferrer">
            {twin.remoteKey}
          </a>
        )}{' '}
        <span className={`lozenge ${lozengeClasses[twin.status]}`}>{words.status[twin.status]}</span>
      </p>
      <p className="muted">
        {words.columns.lastSynced}: <time dateTime={twin.lastSyncedAt ?? undefined}>{formatSyncedAt(twin.lastSyncedAt, words)}</time>
      </p>
      {twin.error === null ? null : (
        <div className="message message-error">
          <p>{twin.error.message}</p>
        </div>
      )}
      <div className="item-twin-actions">
        {twin.error === null ? null : (
          <button
            type="button"
            className="button button-default button-small"
            aria-label={label(words.retry)}
            disabled={busy === 'retry'}
            onClick={() => void surface.retry(twin)}
          >
            {words.retry}
          </button>
        )}
        <button
          type="button"
          className="button button-default button-small"
          aria-label={label(words.syncNow)}
          disabled={busy === 'sync'}
          onClick={() => void surface.syncNow(twin)}
        >
          {words.syncNow}
        </button>
        <button
          type="button"
          className="button button-default button-small"
          aria-label={label(words.showLocalReplica)}
          onClick={() => void surface.showReplica(twin, 'local')}
        >
          {words.showLocalReplica}
        </button>
        <button
          type="button"
          className="button button-default button-small"
          aria-label={label(words.showRemoteReplica)}
          onClick={() => void surface.showReplica(twin, 'remote')}
        >
          {words.showRemoteReplica}
        </button>
        <button
          type="button"
          className="button button-danger-subtle button-small"
          aria-label={label(words.unexalate)}
          title={words.unexalateHelp}
          disabled={busy === 'unexalate'}
          onClick={() => void surface.unexalate(twin)}
        >
          {words.unexalate}
        </button>
      </div>
    </article>
  );
}

/** "Exalate this issue": through one of the connections whose scope the issue is in, or Connect by remote key. */
function ExalateThisIssue({ surface, onDone }: { readonly surface: ItemSurface; readonly onDone: () => void }) {
  const exalateId = useId();
  const connectConnectionId = useId();
  const remoteKeyId = useId();
  const { options, connections, chosen, setChosen, remoteKey, setRemoteKey, submit } = useExalateChoice(surface, onDone);
  const connectionChoices = connections.map((connection) => (
    <option key={connection.connectionId} value={connection.connectionId}>
      {connection.connectionName}
    </option>
  ));

  return (
    <div id="exalate-this-issue" className="item-exalate">
      {options === null || options.status === 'loading' ? (
        <p className="muted">{words.loading}</p>
      ) : options.status === 'failed' ? (
        <div className="message message-error">
          <p role="alert">{options.message}</p>
        </div>
      ) : options.value.reason !== null ? (
        <div className="message message-info">
          <p>
            <strong>{words.noConnections}.</strong> {options.value.reason}
          </p>
        </div>
      ) : (
        <>
          <form onSubmit={submit(() => surface.exalate(chosen))}>
            <h2 className="item-twin-title">{words.exalateHeading}</h2>
            <p className="field-help">{words.exalateHelp}</p>
            <div className="field">
              <label className="field-label" htmlFor={exalateId}>
                {words.connectionLabel}
              </label>
              <select id={exalateId} className="input select" value={chosen} onChange={(event) => setChosen(event.currentTarget.value)}>
                {connectionChoices}
              </select>
            </div>
            <button type="submit" className="button button-primary" disabled={surface.busy?.action === 'exalate'}>
              {words.exalateButton}
            </button>
          </form>
          <form onSubmit={submit(() => surface.connect(chosen, remoteKey))}>
            <h2 className="item-twin-title">{words.connectHeading}</h2>
            <p className="field-help">{words.connectHelp}</p>
            <div className="field">
              <label className="field-label" htmlFor={connectConnectionId}>
                {words.connectionLabel} ({words.connectButton})
              </label>
              <select id={connectConnectionId} className="input select" value={chosen} onChange={(event) => setChosen(event.currentTarget.value)}>
                {connectionChoices}
              </select>
            </div>
            <div className="field">
              <label className="field-label" htmlFor={remoteKeyId}>
                {words.remoteKeyLabel}
              </label>
              <input id={remoteKeyId} className="input" name="remoteKey" value={remoteKey} onChange={(event) => setRemoteKey(event.currentTarget.value)} />
            </div>
            <button type="submit" className="button button-default" disabled={surface.busy?.action === 'connect'}>
              {words.connectButton}
            </button>
          </form>
        </>
      )}
    </div>
  );
}

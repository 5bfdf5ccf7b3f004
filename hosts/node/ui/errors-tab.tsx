import { useCallback, useState } from 'react';
import type { ConsoleClient } from '../../console-kit/operation-client';
import type { SyncErrorAnswer } from '../../console-kit/sync-answers';
import { useAnswer } from '../../console-kit/use-answer';
import type { ConsoleConnection } from '../../console-kit/admin-answers';
import type { TrackerKind } from '../../console-kit/browser-core';
import { NoticeBanner, type Notice } from './notice-banner';
import { trackerWords } from '../../console-kit/tracker-words';
import { useConnections } from '../../console-kit/use-connections';
import { AnswerPending } from './answer-pending';

/** What an error holds up, in words: an item ("SUP-12"), a whole connection, or the node. */
export function describeErrorSubject(error: SyncErrorAnswer, connections: readonly ConsoleConnection[] | null): string {
  const connection = connections?.find((candidate) => candidate.id === error.connectionId)?.name ?? error.connectionId;
  if (error.scope === 'node') return 'this node';
  if (error.scope === 'connection' || error.itemKey === null) return connection ?? 'a connection';
  return connection === null ? error.itemKey : `${error.itemKey} on ${connection}`;
}

/** Unresolved errors, scoped to an item, a connection or the node, each with Retry. */
export function ErrorsTab({ client, tracker }: { readonly client: ConsoleClient; readonly tracker: TrackerKind }) {
  const words = trackerWords[tracker];
  const errors = useAnswer(useCallback(() => client.listErrors(), [client]));
  const { connections } = useConnections(client);
  const [notice, setNotice] = useState<Notice>(null);
  const [retrying, setRetrying] = useState<string | null>(null);
  const scopeWords: Readonly<Record<SyncErrorAnswer['scope'], string>> = { item: words.itemHeading, connection: 'Connection', node: 'Node' };

  const retry = async (error: SyncErrorAnswer) => {
    setRetrying(error.id);
    setNotice(null);
    const answer = await client.retryError(error.id);
    setRetrying(null);
    setNotice(
      answer.ok
        ? { kind: 'success', text: `Retrying ${describeErrorSubject(error, connections)} now: what the error held back is tried again.` }
        : { kind: 'error', text: answer.error.message },
    );
    errors.reload();
  };

  const view = errors.view;
  return (
    <section className="panel-section" aria-labelledby="errors-heading">
      <div className="section-header">
        <h2 id="errors-heading" className="section-title">
          Errors
        </h2>
        <div className="section-actions">
          <button type="button" className="button button-default" onClick={errors.reload}>
            Refresh
          </button>
        </div>
      </div>
      <NoticeBanner notice={notice} onDismiss={() => setNotice(null)} />
      {view.status !== 'loaded' ? (
        <AnswerPending view={view} loading="Loading errors…" />
      ) : view.value.length === 0 ? (
        <div className="empty-state">
          <p className="empty-title">No errors</p>
          <p className="muted">Everything syncs.</p>
        </div>
      ) : (
        <table className="data-table errors-table">
          <caption className="visually-hidden">Unresolved errors</caption>
          <thead>
            <tr>
              <th scope="col">Scope</th>
              <th scope="col">Where</th>
              <th scope="col">Message</th>
              <th scope="col">Times</th>
              <th scope="col">Last seen</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {view.value.map((error) => (
              <tr key={error.id}>
                <td>
                  <span className={`lozenge ${error.scope === 'item' ? 'lozenge-pending' : 'lozenge-error'}`}>{scopeWords[error.scope]}</span>
                </td>
                <th scope="row">
                  <span className="connection-title">{error.itemKey ?? '—'}</span>
                  {error.connectionId === null ? null : (
                    <span className="cell-detail">{connections?.find((candidate) => candidate.id === error.connectionId)?.name ?? error.connectionId}</span>
                  )}
                </th>
                <td className="message-cell">
                  {error.message}
                  {error.line === null ? null : <span className="cell-detail">{`Line ${error.line} of the script`}</span>}
                </td>
                <td>{error.occurrences}</td>
                <td>{new Date(error.updatedAt).toLocaleString()}</td>
                <td className="row-actions">
                  <button
                    type="button"
                    className="button button-small button-default"
                    aria-label={`Retry ${describeErrorSubject(error, connections)}`}
                    disabled={retrying === error.id}
                    onClick={() => void retry(error)}
                  >
                    Retry
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

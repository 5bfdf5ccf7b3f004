import { useCallback } from 'react';
import type { QueueAnswer } from '../../console-kit/sync-answers';
import { useAnswer } from '../../console-kit/use-answer';
import { err } from '../../console-kit/browser-core';
import { ConnectionSelect, type PerConnectionTabProps } from './connection-select';
import { trackerWords } from '../../console-kit/tracker-words';
import { useConnections } from '../../console-kit/use-connections';
import { AnswerPending } from './answer-pending';

const directionWords = { outbound: 'Outgoing', inbound: 'Incoming' } as const;
const noConnection = () => Promise.resolve(err({ status: 0, code: 'no_connection', message: '' }));

/** "3 queued · 1 in flight · 120 done · 0 failed" for one direction. */
export function describeQueueCounts(counts: QueueAnswer['counts']['outbound']): string {
  return `${counts.queued} queued · ${counts.in_flight} in flight · ${counts.done} done · ${counts.failed} failed`;
}

/** The sync queue of a connection: counts per direction and state, and what waits, with why. */
export function SyncQueueTab({ client, tracker, connectionId, onChooseConnection }: PerConnectionTabProps) {
  const words = trackerWords[tracker];
  const { connections, failure } = useConnections(client);
  const connection = connections?.find((candidate) => candidate.id === connectionId) ?? null;
  const queue = useAnswer(useCallback(() => (connection === null ? noConnection() : client.readQueue(connection.id)), [client, connection?.id]));
  const view = queue.view;

  return (
    <section className="panel-section" aria-labelledby="sync-queue-heading">
      <div className="section-header">
        <h2 id="sync-queue-heading" className="section-title">
          Sync queue
        </h2>
        <div className="section-actions">
          <button type="button" className="button button-default" disabled={connection === null} onClick={queue.reload}>
            Refresh
          </button>
        </div>
      </div>
      {failure === null ? null : (
        <p className="message message-error" role="alert">
          {failure}
        </p>
      )}
      <ConnectionSelect connections={connections} chosen={connectionId} onChoose={onChooseConnection} />
      {connection === null ? null : view.status !== 'loaded' ? (
        <AnswerPending view={view} loading="Loading the sync queue…" />
      ) : (
        <>
          <dl className="queue-counts">
            {(['outbound', 'inbound'] as const).map((direction) => (
              <div key={direction} className="queue-count">
                <dt>{directionWords[direction]}</dt>
                <dd>{describeQueueCounts(view.value.counts[direction])}</dd>
              </div>
            ))}
          </dl>
          {view.value.entries.length === 0 ? (
            <div className="empty-state">
              <p className="empty-title">Nothing is waiting</p>
              <p className="muted">Every change has crossed to the other side.</p>
            </div>
          ) : (
            <table className="data-table">
              <caption className="visually-hidden">{`Changes waiting on ${connection.name}`}</caption>
              <thead>
                <tr>
                  <th scope="col">{words.itemHeading}</th>
                  <th scope="col">Direction</th>
                  <th scope="col">State</th>
                  <th scope="col">Attempts</th>
                  <th scope="col">Next attempt</th>
                  <th scope="col">Waiting for</th>
                </tr>
              </thead>
              <tbody>
                {view.value.entries.map((entry, index) => (
                  <tr key={`${entry.direction}-${entry.itemKey}-${index}`}>
                    <th scope="row">
                      <span className="connection-title">{entry.itemKey}</span>
                      <span className="cell-detail">{entry.kind}</span>
                    </th>
                    <td>{directionWords[entry.direction]}</td>
                    <td>
                      <span className={`lozenge ${entry.state === 'in_flight' ? 'lozenge-pending' : 'lozenge-deactivated'}`}>
                        {entry.state === 'in_flight' ? 'In flight' : 'Queued'}
                      </span>
                    </td>
                    <td>{entry.attempts}</td>
                    <td>{new Date(entry.nextAttemptAt).toLocaleString()}</td>
                    <td>
                      {entry.waitingFor}
                      {entry.lastError === null ? null : <span className="cell-detail">{entry.lastError}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

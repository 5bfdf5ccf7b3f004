import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { ConsoleClient } from '../../console-kit/operation-client';
import type { BulkSyncProgressAnswer } from '../../console-kit/sync-answers';
import type { TrackerKind } from '../../console-kit/browser-core';
import { trackerWords } from '../../console-kit/tracker-words';

/** How often progress is read while a bulk sync runs: each read is one small GET. */
const pollMilliseconds = 1000;
/**
 * The run starts after the node has answered (core/admin/sync-operations.ts), so the first reads
 * may still show the previous run: read at least this many times before trusting "finished".
 */
const readsBeforeSettled = 2;

const stateWords: Readonly<Record<BulkSyncProgressAnswer['state'], string>> = { running: 'Running', finished: 'Finished', failed: 'Failed' };

/** "120 found · 100 queued · 18 unchanged · 2 failed" */
export function describeBulkSync(progress: BulkSyncProgressAnswer): string {
  return `${progress.found} found · ${progress.queued} queued · ${progress.unchanged} unchanged · ${progress.failed} failed`;
}

/** Bulk sync: every item the active triggers match is synced now, with its progress as it runs. */
export function BulkSyncSection({
  client,
  connectionId,
  tracker,
}: {
  readonly client: ConsoleClient;
  readonly connectionId: string;
  readonly tracker: TrackerKind;
}) {
  const id = useId();
  const words = trackerWords[tracker];
  const [progress, setProgress] = useState<BulkSyncProgressAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [polling, setPolling] = useState(false);
  const reads = useRef(0);

  const read = useCallback(async () => {
    const answer = await client.readBulkSync(connectionId);
    // 404: no bulk sync has run on this connection yet, which the empty section says by itself.
    if (answer.ok) setProgress(answer.value);
    return answer.ok ? answer.value : null;
  }, [client, connectionId]);

  useEffect(() => {
    void read().then((first) => setPolling(first?.state === 'running'));
  }, [read]);

  useEffect(() => {
    if (!polling) return undefined;
    const timer = setInterval(() => {
      void read().then((latest) => {
        reads.current += 1;
        if (reads.current >= readsBeforeSettled && latest?.state !== 'running') setPolling(false);
      });
    }, pollMilliseconds);
    return () => clearInterval(timer);
  }, [polling, read]);

  const synchronize = async () => {
    setError(null);
    const answer = await client.startBulkSync(connectionId);
    if (!answer.ok) {
      setError(answer.error.message);
      return;
    }
    reads.current = 0;
    setPolling(true);
  };

  const done = progress === null ? 0 : progress.queued + progress.unchanged + progress.failed;
  return (
    <section className="form-card" aria-labelledby={`${id}-title`}>
      <div className="form-card-header">
        <div>
          <h3 id={`${id}-title`} className="form-card-title">
            Bulk sync
          </h3>
          <p className="muted">{`Synchronize every ${words.item} the active triggers match now, not only when it changes. ${words.itemsHeading} in sync and unchanged are skipped.`}</p>
        </div>
        <button type="button" className="button button-default" disabled={polling} onClick={() => void synchronize()}>
          Synchronize
        </button>
      </div>
      {/* Always present, so each new reading is announced (politely: it changes every second). */}
      <div role="status" aria-live="polite" className="bulk-sync-progress">
        {progress === null ? null : (
          <>
            <p>
              <span
                className={`lozenge ${progress.state === 'failed' ? 'lozenge-error' : progress.state === 'running' ? 'lozenge-pending' : 'lozenge-active'}`}
              >
                {stateWords[progress.state]}
              </span>{' '}
              <code>{progress.query}</code>
            </p>
            <progress
              className="progress"
              max={Math.max(progress.found, 1)}
              value={progress.state === 'running' ? done : Math.max(progress.found, 1)}
              aria-label={`Bulk sync of ${progress.query}`}
            />
            <p className="cell-detail">{describeBulkSync(progress)}</p>
            {progress.message === null ? null : <p className="field-error">{progress.message}</p>}
          </>
        )}
      </div>
      {error === null ? null : (
        <p className="message message-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

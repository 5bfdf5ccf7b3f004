import type { ClockV1, LoggerV1, StoreV1 } from '../../../core';
import type { ClaimLedger } from './claim-ledger';

export interface DrainOptions {
  readonly ledger: ClaimLedger;
  /** Resolves when the engine's loops have finished their current step. */
  readonly stopWork: () => Promise<void>;
  /** The store itself, not the observed one: releasing is not the engine's work. */
  readonly store: StoreV1;
  readonly clock: ClockV1;
  readonly logger: LoggerV1;
  readonly graceMs: number;
}

/**
 * Graceful shutdown of the engine: stop claiming, give the work already claimed `graceMs` to
 * finish, then hand back whatever is still claimed so other processes take it at once.
 */
export async function drainNode(options: DrainOptions): Promise<void> {
  options.ledger.startDraining();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timed out'>((resolve) => (timer = setTimeout(() => resolve('timed out'), options.graceMs)));
  const outcome = await Promise.race([options.stopWork().then(() => 'stopped' as const), timedOut]);
  clearTimeout(timer);
  const now = options.clock.now();
  if (options.ledger.outstanding(now).length === 0) return;
  const released = await options.ledger.releaseOutstanding(options.store, now);
  options.logger.warn('shutdown: claimed work handed back to the queue', { released, graceMs: options.graceMs, finishedInTime: outcome === 'stopped' });
}

import {
  isSyncing,
  maximumPollWaitMs,
  nextIdlePollPauseMs,
  pollPeerOnce,
  pollsPeer,
  reconcileOnce,
  runSyncPass,
  workTopic,
  type NodeContext,
} from '../../core';

export interface SyncRunnerOptions {
  /** How often the reconciler asks the tracker what changed (the safety net for missed events). */
  readonly reconcileIntervalMs: number;
  /** How long a private side's poll is held by the public side. */
  readonly pollWaitMs?: number;
}

/**
 * Drives the engine in a node process: a worker that runs sync passes whenever there is work
 * (and at least every second), the reconciler on its interval, and one long-poll loop per
 * connection where this node is the private side. The engine decides; this only keeps time.
 */
export class SyncRunner {
  private stopped = false;
  private readonly pollers = new Map<string, Promise<void>>();
  private readonly loops: Promise<void>[] = [];

  constructor(
    private readonly context: NodeContext,
    private readonly options: SyncRunnerOptions,
  ) {}

  start(): void {
    this.loops.push(this.workLoop(), this.reconcileLoop());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.context.signals.notify(workTopic);
    await Promise.allSettled([...this.loops, ...this.pollers.values()]);
  }

  private async workLoop(): Promise<void> {
    while (!this.stopped) {
      const moved = await this.guard('sync pass', () => runSyncPass(this.context));
      await this.guard('starting pollers', async () => {
        await this.startPollers();
        return 0;
      });
      if (!moved && !this.stopped) await this.context.signals.wait(workTopic, 1000);
    }
  }

  private async reconcileLoop(): Promise<void> {
    while (!this.stopped) {
      const queued = await this.guard('reconciler', () => reconcileOnce(this.context));
      if (queued) this.context.signals.notify(workTopic);
      await sleep(this.options.reconcileIntervalMs, () => this.stopped);
    }
  }

  private async startPollers(): Promise<void> {
    const connections = (await this.context.store.listConnections()).filter((connection) => isSyncing(connection) && pollsPeer(connection));
    for (const connection of connections) {
      if (!this.pollers.has(connection.id)) this.pollers.set(connection.id, this.pollLoop(connection.id));
    }
  }

  private async pollLoop(connectionId: string): Promise<void> {
    try {
      await this.pollRounds(connectionId);
    } catch (error) {
      // Reading the connection failed: end this loop; the next work pass starts a new one.
      this.context.logger.error('poll loop stopped', { connectionId, message: error instanceof Error ? error.message : String(error) });
    } finally {
      this.pollers.delete(connectionId);
    }
  }

  private async pollRounds(connectionId: string): Promise<void> {
    let acknowledge: readonly string[] = [];
    let failures = 0;
    let idlePauseMs = 0;
    while (!this.stopped) {
      const connection = await this.context.store.getConnection(connectionId);
      if (!connection || !isSyncing(connection) || !pollsPeer(connection)) break;
      if (connection.status !== 'active') {
        await sleep(1000, () => this.stopped);
        continue;
      }
      // A round that throws (the store refusing a read or write) is a failed round, not the end
      // of the loop: a dead loop would stay in `pollers` and this side would never poll again.
      const waitMs = this.options.pollWaitMs ?? maximumPollWaitMs;
      const startedAt = this.context.clock.now();
      const round = await pollPeerOnce(this.context, connection, acknowledge, waitMs).catch((error: unknown) => {
        this.context.logger.error('poll round failed', { connectionId, message: error instanceof Error ? error.message : String(error) });
        return { ok: false, acknowledge: [] as readonly string[], received: 0 };
      });
      acknowledge = round.acknowledge;
      if (round.ok) {
        failures = 0;
        if (acknowledge.length > 0) this.context.signals.notify(workTopic);
        // A public side that answers empty polls at once (the Jira Cloud app) is asked less often
        // while idle; a change queued here (whose receipt will come by poll) ends the pause.
        idlePauseMs = nextIdlePollPauseMs(idlePauseMs, { received: round.received, waitMs, elapsedMs: this.context.clock.now() - startedAt });
        if (idlePauseMs > 0 && !this.stopped) {
          if (await this.context.signals.wait(workTopic, idlePauseMs)) idlePauseMs = 0;
        }
      } else {
        failures += 1;
        // The public side is down or refusing: back off up to 30 s, then keep trying.
        await sleep(Math.min(30_000, 500 * 2 ** Math.min(failures, 6)), () => this.stopped);
      }
    }
  }

  private async guard(name: string, work: () => Promise<number>): Promise<number> {
    try {
      return await work();
    } catch (error) {
      this.context.logger.error(`${name} failed`, { message: error instanceof Error ? error.message : String(error) });
      return 0;
    }
  }
}

/** Sleeps, but wakes early (checking every 50 ms) once the runner is stopped; leaves no timer behind. */
function sleep(milliseconds: number, stopped: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      clearInterval(check);
      resolve();
    };
    const timer = setTimeout(wake, milliseconds);
    const check = setInterval(() => {
      if (stopped()) wake();
    }, 50);
  });
}

import { ItemsAwaitingTwin } from './items-awaiting-twin';

/**
 * Wake-ups inside one node process: a held poll returns as soon as there is work for it, and the
 * worker stops sleeping when a change arrives. Lost signals cost only a timeout, never data: the
 * queues in the store are the truth.
 */
export class SyncSignals {
  private readonly waiters = new Map<string, Set<() => void>>();
  /** What this process remembers of items it created but could not yet twin (see ItemsAwaitingTwin). */
  readonly itemsAwaitingTwin = new ItemsAwaitingTwin();

  notify(topic: string): void {
    const waiting = this.waiters.get(topic);
    if (!waiting) return;
    this.waiters.delete(topic);
    for (const wake of waiting) wake();
  }

  /** Wakes every waiter, e.g. so that held polls answer at once when the node shuts down. */
  notifyAll(): void {
    for (const topic of [...this.waiters.keys()]) this.notify(topic);
  }

  /** Resolves true when notified, false when the timeout passed first. */
  wait(topic: string, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const waiting = this.waiters.get(topic) ?? new Set<() => void>();
      this.waiters.set(topic, waiting);
      const wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        waiting.delete(wake);
        resolve(false);
      }, timeoutMs);
      waiting.add(wake);
    });
  }
}

export const workTopic = 'work';
export const outboundTopic = (connectionId: string) => `outbound:${connectionId}`;

import { SyncSignals } from '../../../core';

/** What a held poll needs to know from the store: is something waiting for the peer now? */
export interface DueEntries {
  hasDueEntries(connectionId: string, direction: 'outbound' | 'inbound'): Promise<boolean>;
}

/**
 * In a node, a change queued by the worker wakes a held poll through an in-process signal. In
 * Forge the change is queued by another invocation, in another process, so no signal arrives: a
 * held poll on an outbound topic also looks at KVS every `pollMs` and answers as soon as an entry
 * is due. Every other topic behaves as in the node.
 */
export class StorePollingSignals extends SyncSignals {
  readonly #store: DueEntries;
  readonly #pollMs: number;

  constructor(store: DueEntries, pollMs = 500) {
    super();
    this.#store = store;
    this.#pollMs = pollMs;
  }

  override async wait(topic: string, timeoutMs: number): Promise<boolean> {
    const connectionId = /^outbound:(.+)$/.exec(topic)?.[1];
    if (connectionId === undefined) return super.wait(topic, timeoutMs);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await this.#store.hasDueEntries(connectionId, 'outbound')) return true;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      if (await super.wait(topic, Math.min(this.#pollMs, left))) return true;
    }
  }
}

import type { NodeContext } from '../node/node-context';

/**
 * What the engine serialises, and on which key (store.runExclusive: in-process for SQLite,
 * advisory locks across processes for PostgreSQL, a KVS lease on Forge):
 *
 * - One item of one connection at a time: applying a peer's change to an item that has a twin,
 *   and queueing a local change of it, take `itemLockKey(local key)`. So the change event of the
 *   engine's own write is judged only after the twin that explains it (with the hash of the state
 *   it wrote) is stored, and is not sent back as an echo; and an item's outbound sequence numbers
 *   are handed out one at a time.
 * - Creating an item for a peer's change takes `creationLockKey(the peer's key)`: before it, there
 *   is no local key to lock. A local change of an item without a twin may be the event of such a
 *   creation, whose twin is not stored yet; so before judging such an item, the engine waits for
 *   the creations in flight on the connection (`waitForIncomingCreations`), and a creation whose
 *   twin could not be stored leaves a note (creation-intent.ts) that keeps the item from being
 *   sent as new.
 *
 * Different items of one connection proceed side by side: a bulk sync is not applied one item at
 * a time, and one slow tracker write holds up only its own item.
 */
export const itemLockKey = (connectionId: string, localKey: string) => `item:${connectionId}:${localKey}`;
export const creationLockKey = (connectionId: string, remoteKey: string) => `creating:${connectionId}:${remoteKey}`;

/** In-flight entries looked at: every process claims at most 50 at a time, so this covers 20 processes. */
const maximumCreationsWaitedFor = 1_000;

/**
 * Waits until every incoming change that was creating an item on this connection when called has
 * finished (stored its twin, or failed and been put back). Takes no lock while waiting, and
 * callers must hold none: a waiter holding a pooled lock client could starve the creations.
 */
export async function waitForIncomingCreations(context: NodeContext, connectionId: string): Promise<void> {
  const inFlight = await context.store.listQueue({ connectionId, direction: 'inbound', states: ['in_flight'], limit: maximumCreationsWaitedFor });
  for (const entry of inFlight) {
    if (entry.envelope.kind !== 'change') continue;
    if (await context.store.getTwinByRemoteKey(connectionId, entry.envelope.sourceKey)) continue;
    await context.store.runExclusive(creationLockKey(connectionId, entry.envelope.sourceKey), async () => undefined);
  }
}

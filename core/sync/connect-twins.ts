import type { Connection } from '../connection/connection';
import { randomId } from '../encoding/random';
import { ExalateError } from '../errors';
import type { NodeContext } from '../node/node-context';
import type { TrackerItem } from '../ports/tracker-item';
import { err, ok, type Result } from '../result';
import { isInConnectionScope } from './connection-scope';
import { itemLockKey } from './item-locks';
import { newTwin, queueLocalChange } from './queue-local-change';
import type { Envelope, QueueEntry } from './sync-records';
import { enqueueOutbound } from './enqueue-outbound';

/**
 * Connect: links a local item to an existing item of the other side by its key, tells the other
 * side (a `linked` envelope, ahead of the change), and syncs this side's item to it. A remote key
 * already connected to another item here, or an item already connected to another remote key, is
 * refused (409) and nothing changes; connecting the same pair again only syncs it again.
 */
export async function connectItems(
  context: NodeContext,
  connection: Connection,
  item: TrackerItem,
  remoteKey: string,
): Promise<Result<{ readonly localKey: string; readonly remoteKey: string }>> {
  const linked = await context.store.runExclusive(itemLockKey(connection.id, item.key), () =>
    context.store.transaction(async (store): Promise<Result<void>> => {
      const holder = await store.getTwinByRemoteKey(connection.id, remoteKey);
      if (holder && holder.localKey !== item.key)
        return err(
          new ExalateError(
            'conflict',
            `"${remoteKey}" is already connected to ${holder.localKey} on the connection "${connection.name}". Unexalate ${holder.localKey} first to connect it to ${item.key}.`,
          ),
        );
      const existing = await store.getTwinByLocalKey(connection.id, item.key);
      if (existing?.remoteKey && existing.remoteKey !== remoteKey)
        return err(
          new ExalateError(
            'conflict',
            `${item.key} is already connected to "${existing.remoteKey}" on the connection "${connection.name}". Unexalate it first to connect it to "${remoteKey}".`,
          ),
        );
      if (existing?.remoteKey === remoteKey) return ok(undefined);
      const now = context.clock.now();
      await store.putTwin({ ...(existing ?? newTwin(connection.id, item.key, now)), remoteKey, updatedAt: now });
      await enqueueOutbound(
        store,
        connection.id,
        item.key,
        { kind: 'linked', id: randomId('lnk'), sourceKey: item.key, targetKey: remoteKey, createdAt: now },
        now,
      );
      return ok(undefined);
    }),
  );
  if (!linked.ok) return linked;
  const outcome = await queueLocalChange(context, connection, item, { force: true });
  return outcome.ok ? ok({ localKey: item.key, remoteKey }) : outcome;
}

/**
 * The other side connected its item to one of ours: store the twin, so that the change right
 * behind this envelope updates our item instead of creating another. Refused with an item error
 * (and retried after a fix) when our item is gone or already connected elsewhere; the change
 * waits behind it meanwhile, so nothing is created in its place.
 */
export async function applyPeerLink(
  context: NodeContext,
  connection: Connection,
  entry: QueueEntry,
  linked: Extract<Envelope, { kind: 'linked' }>,
): Promise<void> {
  const item = await context.tracker.getItem(linked.targetKey);
  if (!item)
    throw new ExalateError(
      'not_found',
      `The other side connected its item ${linked.sourceKey} to ${linked.targetKey}, which does not exist here. Unexalate ${linked.sourceKey} on the other side and connect it to an existing key.`,
    );
  // The peer names the item; only this side's scope decides whether the connection may touch it,
  // or a peer could take over any item of the tracker by connecting to it.
  if (!(await isInConnectionScope(context, connection, item))) {
    throw new ExalateError(
      'forbidden',
      `The other side connected its item ${linked.sourceKey} to ${item.key}, which is outside this connection (project ${connection.projectKey} and its triggers). Unexalate ${linked.sourceKey} on the other side, or add a trigger here that covers ${item.key}.`,
    );
  }
  await context.store.runExclusive(itemLockKey(connection.id, item.key), () =>
    context.store.transaction(async (store) => {
      const now = context.clock.now();
      const twinOfTarget = await store.getTwinByLocalKey(connection.id, item.key);
      if (twinOfTarget?.remoteKey && twinOfTarget.remoteKey !== linked.sourceKey) {
        throw new ExalateError(
          'conflict',
          `The other side connected its item ${linked.sourceKey} to ${item.key}, which is already connected to ${twinOfTarget.remoteKey}. Unexalate one of them, then connect again.`,
        );
      }
      const twinOfSource = await store.getTwinByRemoteKey(connection.id, linked.sourceKey);
      if (twinOfSource && twinOfSource.localKey !== item.key) {
        throw new ExalateError(
          'conflict',
          `The other side connected its item ${linked.sourceKey} to ${item.key}, but here it is connected to ${twinOfSource.localKey}. Unexalate ${twinOfSource.localKey}, then connect again.`,
        );
      }
      if (!twinOfTarget?.remoteKey)
        await store.putTwin({ ...(twinOfTarget ?? newTwin(connection.id, item.key, now)), remoteKey: linked.sourceKey, updatedAt: now });
      await store.updateQueueEntry(connection.id, 'inbound', entry.position, { state: 'done', lastError: null, updatedAt: now });
    }),
  );
}

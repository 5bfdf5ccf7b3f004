import { findConnection } from '../connection/manage-connections';
import { ExalateError } from '../errors';
import type { NodeContext } from '../node/node-context';
import { err, ok, type Result } from '../result';
import { findExalateOptions } from '../sync/exalate-options';
import { describeItemTwins } from '../sync/item-surface';
import { buildOutgoingReplica } from '../sync/sync-scripts';
import type { TrackerItem } from '../ports/tracker-item';
import { defineOperation, type AdminOperation } from './admin-operation';
import { emptyRequestSchema } from './admin-schemas';

/** Keys as long as any tracker's (an Asana gid is 16 to 19 digits); anything longer is no key. */
const maximumItemKeyLength = 200;

/** The item named in the path, or 404 when the tracker does not have it (or this node may not read it). */
async function findItem(context: NodeContext, params: Readonly<Record<string, string>>): Promise<Result<TrackerItem>> {
  const key = (params['issueKey'] ?? '').trim();
  if (key === '' || key.length > maximumItemKeyLength)
    return err(new ExalateError('invalid_request', 'Name an item by its key, such as SUP-12, a work item id or a task gid.'));
  const item = await context.tracker.getItem(key);
  return item ? ok(item) : err(new ExalateError('not_found', `There is no item "${key}" in this tracker, or this node may not read it.`));
}

/**
 * The item surface (the Exalate panel on an issue, a work item form group, an Asana widget):
 * ARCHITECTURE §8's `GET /items/{issueKey}`, what the item can be exalated with, and its replicas.
 * The actions are the sync operations' (sync now, connect, unexalate, retry).
 */
export const itemOperations: readonly AdminOperation[] = [
  defineOperation({
    method: 'GET',
    path: '/items/{issueKey}',
    summary:
      "The item's twins across connections: remote key and link, status (queued, in_progress, synchronized, error), when it last synced, and the error to retry. `twins: []` when it syncs nowhere; 404 when the tracker has no such item.",
    body: emptyRequestSchema,
    successStatus: 200,
    run: async (context, { params }) => {
      const item = await findItem(context, params);
      if (!item.ok) return item;
      return ok({ itemKey: item.value.key, twins: await describeItemTwins(context, item.value.key) });
    },
  }),
  defineOperation({
    method: 'GET',
    path: '/items/{issueKey}/exalate-options',
    summary: 'Exalate this item: the active connections whose scope it is in (project or trigger) and that do not sync it yet, or why there is none.',
    body: emptyRequestSchema,
    successStatus: 200,
    run: async (context, { params }) => {
      const item = await findItem(context, params);
      if (!item.ok) return item;
      return ok({ itemKey: item.value.key, ...(await findExalateOptions(context, item.value)) });
    },
  }),
  defineOperation({
    method: 'GET',
    path: '/connections/{id}/replicas/{issueKey}',
    summary:
      "Show local replica / Show remote replica: what this side's outgoing script sends of the item now, and the last replica the other side sent of its twin (null before one arrived).",
    body: emptyRequestSchema,
    successStatus: 200,
    run: async (context, { params }) => {
      const connection = await findConnection(context, params['id'] ?? '');
      if (!connection.ok) return connection;
      const item = await findItem(context, params);
      if (!item.ok) return item;
      const twin = await context.store.getTwinByLocalKey(connection.value.id, item.value.key);
      const local = await buildOutgoingReplica(context, connection.value, item.value, twin);
      if (!local.ok) return err(local.error.error);
      return ok({ itemKey: item.value.key, local: local.value.replica, remote: twin?.previousReplica ?? null });
    },
  }),
];

import type { NodeContext } from '../node/node-context';
import { applyInbound } from './apply-inbound';
import { expireAttachmentContent } from './attachment-content';
import { deliverOutbound } from './deliver-outbound';
import { isSyncing } from './note-local-change';

/**
 * One round of the engine over every syncing connection: push what a reachable peer should get,
 * then apply what arrived. Connections are independent: one failing never stops the others.
 * Returns how many entries moved, so the host knows whether to go again at once or sleep.
 */
export async function runSyncPass(context: NodeContext): Promise<number> {
  let moved = 0;
  try {
    await expireAttachmentContent(context);
  } catch (error) {
    context.logger.error('expiring old attachment content failed', { message: error instanceof Error ? error.message : String(error) });
  }
  for (const connection of (await context.store.listConnections()).filter(isSyncing)) {
    try {
      moved += await deliverOutbound(context, connection);
      moved += await applyInbound(context, connection);
    } catch (error) {
      context.logger.error('sync pass failed for a connection', {
        connectionId: connection.id,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return moved;
}

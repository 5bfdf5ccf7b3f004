import type { Connection } from '../connection/connection';
import type { NodeContext } from '../node/node-context';
import type { Envelope } from './sync-records';
import { workTopic } from './sync-signals';

/**
 * Stores envelopes from the peer in this side's inbox. An envelope id seen before is not stored
 * again, which is what makes delivery at-least-once but application exactly-once. Returns the ids
 * now held durably, repeats included, so the sender can stop resending them.
 */
export async function receiveEnvelopes(context: NodeContext, connection: Connection, envelopes: readonly Envelope[]): Promise<readonly string[]> {
  const now = context.clock.now();
  await context.store.transaction(async (store) => {
    for (const envelope of envelopes) {
      await store.enqueue({
        connectionId: connection.id,
        direction: 'inbound',
        itemKey: envelope.sourceKey,
        envelope,
        state: 'queued',
        attempts: 0,
        nextAttemptAt: now,
        lastError: null,
        createdAt: now,
        updatedAt: now,
      });
    }
  });
  if (envelopes.length > 0) context.signals.notify(workTopic);
  return envelopes.map((envelope) => envelope.id);
}

import type { Connection } from '../connection/connection';
import type { NodeContext } from '../node/node-context';
import type { Envelope } from './sync-records';
import { keepAttachmentContent } from './attachment-content';
import { workTopic } from './sync-signals';

/**
 * Stores envelopes from the peer in this side's inbox. An envelope id seen before is not stored
 * again, which is what makes delivery at-least-once but application exactly-once. Returns the ids
 * now held durably, repeats included, so the sender can stop resending them.
 *
 * Attachment content is kept apart (attachment-content.ts), within the connection's limit: the
 * inbox records only that it arrived, already done, so its id is known when it comes again. Content
 * over the limit is left out of the answer, and the sender tries it again after its backoff.
 */
export async function receiveEnvelopes(context: NodeContext, connection: Connection, envelopes: readonly Envelope[]): Promise<readonly string[]> {
  const now = context.clock.now();
  const held: string[] = [];
  const inbox: Envelope[] = [];
  for (const envelope of envelopes) {
    if (envelope.kind === 'attachment') {
      if (await isInInbox(context, connection, envelope)) held.push(envelope.id);
      else if ((await keepAttachmentContent(context, connection, envelope)) === 'kept') inbox.push({ ...envelope, contentBase64: '' });
      continue;
    }
    inbox.push(envelope);
  }
  await context.store.transaction(async (store) => {
    for (const envelope of inbox) {
      await store.enqueue({
        connectionId: connection.id,
        direction: 'inbound',
        itemKey: envelope.sourceKey,
        envelope,
        state: envelope.kind === 'attachment' ? 'done' : 'queued',
        attempts: 0,
        nextAttemptAt: now,
        lastError: null,
        createdAt: now,
        updatedAt: now,
      });
      held.push(envelope.id);
    }
  });
  if (envelopes.length > 0) context.signals.notify(workTopic);
  return held;
}

/** A redelivered attachment is acknowledged again and not kept twice: its content may be applied and gone already. */
async function isInInbox(context: NodeContext, connection: Connection, envelope: Envelope): Promise<boolean> {
  const found = await context.store.listQueue({
    connectionId: connection.id,
    direction: 'inbound',
    states: ['queued', 'in_flight', 'done', 'failed'],
    limit: 1,
    envelopeIds: [envelope.id],
  });
  return found.length > 0;
}

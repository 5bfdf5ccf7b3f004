import { z } from 'zod';
import type { Connection } from '../connection/connection';
import { ExalateError } from '../errors';
import type { NodeContext } from '../node/node-context';
import type { AttachmentContentKey } from '../ports/sync-store';
import { recordSyncError } from './record-sync-error';
import type { Envelope } from './sync-records';

type AttachmentEnvelope = Extract<Envelope, { kind: 'attachment' }>;

/**
 * How much attachment content one connection's peer may leave waiting on this node, by default:
 * 25 attachments at the 10 MiB cap. Content waits only between its arrival and the change that
 * names it (the sender queues the change right behind it, per item), so a peer that keeps this
 * much waiting is sending content no change will name.
 */
export const defaultAttachmentContentLimitBytes = 256 * 1024 * 1024;

/**
 * Content that no waiting change names is deleted this long after it arrived. The sender queues
 * the change right behind its content, and a delivery is retried every 15 minutes at most
 * (backoff.ts), so a day covers a peer that was down for hours in between, while a peer sending
 * content for nothing cannot keep it for longer than a day.
 */
export const attachmentContentLifetimeMs = 24 * 3600_000;

/** Old content looked at per sync pass; the rest waits for the next pass. */
const expiryBatch = 100;

const lockKey = (connectionId: string) => `attachment-content:${connectionId}`;

/**
 * Keeps the content of an attachment the peer sent until the change that names it is applied, or
 * refuses it when the connection already keeps its limit: then an item error says what was too big,
 * nothing is kept, and the envelope is not acknowledged, so the peer sends it again later.
 * Measured and written under the connection's lock, so parallel deliveries cannot pass the limit together.
 */
export async function keepAttachmentContent(context: NodeContext, connection: Connection, attachment: AttachmentEnvelope): Promise<'kept' | 'refused'> {
  const bytes = Math.floor((attachment.contentBase64.length * 3) / 4);
  const limit = context.settings.attachmentContentLimitBytes ?? defaultAttachmentContentLimitBytes;
  const key = { connectionId: connection.id, sourceKey: attachment.sourceKey, attachmentId: attachment.attachmentId };
  const refusal = await context.store.runExclusive(lockKey(connection.id), async () => {
    const alreadyKept = (await context.store.getAttachmentContent(key))?.bytes ?? 0;
    const kept = (await context.store.measureAttachmentContent(connection.id)) - alreadyKept;
    if (kept + bytes > limit) {
      return new ExalateError(
        'payload_too_large',
        `The attachment "${attachment.filename}" (${formatBytes(bytes)}) from the other side was not kept: this connection already keeps ${formatBytes(kept)} of attachments waiting for the changes that name them, and ${formatBytes(limit)} is the limit. ` +
          'The other side sends it again later; it fits once the waiting attachments are applied or expire (after 24 hours). If this connection really sends that much at once, raise ATTACHMENT_CONTENT_LIMIT_MB on this node.',
        { details: { filename: attachment.filename, bytes, kept, limit } },
      );
    }
    await context.store.putAttachmentContent({ ...key, contentBase64: attachment.contentBase64, bytes, receivedAt: context.clock.now() });
    return undefined;
  });
  if (!refusal) return 'kept';
  await recordSyncError(context, { scope: 'item', connectionId: connection.id, itemKey: attachment.sourceKey, error: refusal });
  return 'refused';
}

/**
 * Deletes content that arrived more than a day ago, unless a change still waiting to be applied
 * names it (a change parked by a script error keeps its attachments until it is applied).
 * Returns how many were deleted.
 */
export async function expireAttachmentContent(context: NodeContext): Promise<number> {
  const old = await context.store.listAttachmentContentReceivedBefore(context.clock.now() - attachmentContentLifetimeMs, expiryBatch);
  let deleted = 0;
  for (const content of old) {
    if (await isNamedByWaitingChange(context, content)) continue;
    await context.store.deleteAttachmentContent(content);
    context.logger.info('attachment content expired unused', { connectionId: content.connectionId, itemKey: content.sourceKey, bytes: content.bytes });
    deleted += 1;
  }
  return deleted;
}

const namedAttachments = z.looseObject({ attachments: z.array(z.looseObject({ id: z.string() })).optional() });

async function isNamedByWaitingChange(context: NodeContext, content: AttachmentContentKey): Promise<boolean> {
  const waiting = await context.store.listQueue({
    connectionId: content.connectionId,
    direction: 'inbound',
    states: ['queued', 'in_flight'],
    limit: 100,
    itemKey: content.sourceKey,
  });
  return waiting.some((entry) => {
    if (entry.envelope.kind !== 'change') return false;
    const replica = namedAttachments.safeParse(entry.envelope.replica);
    return replica.success && (replica.data.attachments ?? []).some((attachment) => attachment.id === content.attachmentId);
  });
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

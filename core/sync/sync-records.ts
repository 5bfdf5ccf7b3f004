import { z } from 'zod';

/**
 * What the sync engine keeps per connection, read back through these schemas (rows are a trust
 * boundary too). Replicas are stored as JSON values; their shape is the rules module's business.
 */
const jsonValue: z.ZodType<unknown> = z.unknown();

/** Attachments above this size are not synced (the Errors tab says which); peers' message limits stay sane. */
export const maximumAttachmentBytes = 10 * 1024 * 1024;

export const connectionRulesSchema = z.strictObject({
  outgoing: z.string().max(100_000),
  incoming: z.string().max(100_000),
  updatedAt: z.number().int(),
});
export type ConnectionRules = z.infer<typeof connectionRulesSchema>;

export const triggerSchema = z.strictObject({
  id: z.string().min(1),
  connectionId: z.string().min(1),
  /** In the tracker's own query language subset: JQL, WIQL or an Asana filter. */
  query: z.string().min(1).max(2000),
  active: z.boolean(),
  createdAt: z.number().int(),
});
export type Trigger = z.infer<typeof triggerSchema>;

export const twinStatuses = ['queued', 'sent', 'synchronized', 'error'] as const;
export type TwinStatus = (typeof twinStatuses)[number];

/** The pair of items a connection keeps in sync: this side's key and, once known, the other's. */
export const twinSchema = z.strictObject({
  connectionId: z.string().min(1),
  localKey: z.string().min(1),
  remoteKey: z.string().min(1).nullable(),
  status: z.enum(twinStatuses),
  /** Hash of the last replica this side queued; an unchanged replica is not sent again. */
  lastSentHash: z.string().nullable(),
  /** Next sequence number for changes this side sends about this item. */
  nextOutboundSequence: z.number().int().nonnegative(),
  /** Highest sequence of the other side's changes applied here: order and idempotence per item. */
  lastAppliedInboundSequence: z.number().int(),
  previousReplica: jsonValue,
  /** Other side's comment id → this side's comment id, so an update finds its comment. */
  commentLinks: z.array(z.strictObject({ remoteId: z.string(), localId: z.string() })),
  attachmentLinks: z.array(z.strictObject({ remoteId: z.string(), localId: z.string() })),
  /** This side's attachments whose content was already queued for the other side. */
  sentAttachmentIds: z.array(z.string()).default([]),
  /** When the two items were last known equal (a receipt back, or the other side's change applied); absent before that. */
  lastSyncedAt: z.number().int().nullable().optional(),
  /**
   * The tracker's `updated` of the item as this side last wrote it by sync; null when this side
   * never wrote it. A tracker event whose item is at that time (or older) is the echo of that write
   * and needs neither a script run nor another read. Absent on twins stored by older versions of
   * the node: those are judged the old way (read again under the lock, compare replica hashes).
   */
  lastWrittenUpdated: z.string().nullable().optional(),
  /**
   * The item as this side last wrote it by sync (a TrackerItem), until a later change of the item
   * is judged against it: its outgoing replica is the one the other side already holds, so the
   * hash of that replica stands in for lastSentHash. Kept instead of the hash because running the
   * outgoing script for it at write time would cost a script run per applied change, and most
   * writes are never judged again: the event of the write itself is told by its time.
   */
  echoBaselineItem: jsonValue.optional(),
  updatedAt: z.number().int(),
});
export type Twin = z.infer<typeof twinSchema>;

export const envelopeKinds = ['change', 'applied', 'attachment', 'linked', 'unlinked', 'mapping', 'mapping-decision', 'mapping-values'] as const;

/**
 * The item key Visual mapping messages travel under. It cannot be a tracker's key (none starts with
 * `#`), and one key keeps a connection's proposals and decisions in the order they were made.
 */
export const visualMappingItemKey = '#visual-mapping';

const valueNames = z.array(z.string().min(1).max(200)).max(2000);
/** A project's statuses, priorities and types as its tracker lists them (TrackerProjectValues). */
export const projectValuesSchema = z.strictObject({ statuses: valueNames, priorities: valueNames, types: valueNames });

/**
 * One message between nodes about one item. `change` carries a replica; `applied` tells the
 * sender which item its change landed on. Ids are unique per connection: a redelivered envelope
 * is recognised and dropped.
 */
export const envelopeSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('change'),
    id: z.string().min(1).max(100),
    /** The sender's item key. */
    sourceKey: z.string().min(1).max(200),
    sequence: z.number().int().nonnegative(),
    replica: jsonValue,
    createdAt: z.number().int(),
  }),
  /**
   * The content of one attachment, queued just before the change that names it (same item, so
   * it arrives first). Content travels with the messages because a private side can be pushed
   * to by no one: this way attachments cross a private connection in both directions.
   */
  z.strictObject({
    kind: z.literal('attachment'),
    id: z.string().min(1).max(100),
    sourceKey: z.string().min(1).max(200),
    attachmentId: z.string().min(1).max(200),
    filename: z.string().min(1).max(1000),
    mimeType: z.string().max(200),
    contentBase64: z.string().max(maximumAttachmentBytes * 2),
    createdAt: z.number().int(),
  }),
  z.strictObject({
    kind: z.literal('applied'),
    id: z.string().min(1).max(100),
    /** The key the change was sent about, on the side that sent it. */
    sourceKey: z.string().min(1).max(200),
    /** The receiver's item that twins it. */
    targetKey: z.string().min(1).max(200),
    changeId: z.string().min(1).max(100),
    createdAt: z.number().int(),
  }),
  /**
   * Connect: the sender linked its item `sourceKey` to the receiver's existing item `targetKey`
   * by hand. Sent just before the change about it, so that the change updates that item instead
   * of creating one.
   */
  z.strictObject({
    kind: z.literal('linked'),
    id: z.string().min(1).max(100),
    sourceKey: z.string().min(1).max(200),
    targetKey: z.string().min(1).max(200),
    createdAt: z.number().int(),
  }),
  /**
   * Unexalate: the sender stopped syncing its item `sourceKey`. The receiver unlinks its twin of
   * it, so edits on neither side travel any more; both items stay as they are.
   */
  z.strictObject({
    kind: z.literal('unlinked'),
    id: z.string().min(1).max(100),
    sourceKey: z.string().min(1).max(200),
    createdAt: z.number().int(),
  }),
  /**
   * Visual mode: the sender published a new version of the connection's mapping (or proposed an
   * earlier one again) and asks this side to approve it. Not about an item: it carries the
   * reserved key and runs no script. The mapping is checked when it is taken in.
   */
  z.strictObject({
    kind: z.literal('mapping'),
    id: z.string().min(1).max(100),
    sourceKey: z.literal(visualMappingItemKey),
    proposalId: z.string().min(1).max(100),
    version: z.number().int().min(1),
    basedOnVersion: z.number().int().min(0),
    mapping: jsonValue,
    publishedBy: z.string().max(200),
    createdAt: z.number().int(),
  }),
  /** Visual mode: the receiver of a `mapping` approved or declined it (`reason` when the node declined it by itself). */
  z.strictObject({
    kind: z.literal('mapping-decision'),
    id: z.string().min(1).max(100),
    sourceKey: z.literal(visualMappingItemKey),
    proposalId: z.string().min(1).max(100),
    decision: z.enum(['approved', 'declined']),
    decidedBy: z.string().max(200),
    reason: z.string().max(1000).nullable(),
    createdAt: z.number().int(),
  }),
  /**
   * Visual mode: the statuses, priorities and types the sender's project has now, as its tracker
   * listed them, so the receiver's admin can map them and its node check a mapping against them.
   * `ask`: the sender does not know the receiver's yet, and asks for them back.
   */
  z.strictObject({
    kind: z.literal('mapping-values'),
    id: z.string().min(1).max(100),
    sourceKey: z.literal(visualMappingItemKey),
    values: projectValuesSchema,
    ask: z.boolean(),
    createdAt: z.number().int(),
  }),
]);
export type Envelope = z.infer<typeof envelopeSchema>;

export const queueStates = ['queued', 'in_flight', 'done', 'failed'] as const;
export type QueueState = (typeof queueStates)[number];

/** An envelope waiting to leave (outbox) or to be applied (inbox), with its retry bookkeeping. */
export const queueEntrySchema = z.strictObject({
  connectionId: z.string().min(1),
  direction: z.enum(['outbound', 'inbound']),
  /** Position in the queue; per item, entries are handled in this order. */
  position: z.number().int(),
  /** Groups entries that must keep their order: the item key the envelope is about. */
  itemKey: z.string(),
  envelope: envelopeSchema,
  state: z.enum(queueStates),
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type QueueEntry = z.infer<typeof queueEntrySchema>;

export const errorScopes = ['item', 'connection', 'node'] as const;
export type ErrorScope = (typeof errorScopes)[number];

export const syncErrorSchema = z.strictObject({
  id: z.string().min(1),
  scope: z.enum(errorScopes),
  connectionId: z.string().nullable(),
  itemKey: z.string().nullable(),
  code: z.string(),
  message: z.string(),
  /** The script line, when a script failed. */
  line: z.number().int().nullable(),
  occurrences: z.number().int().positive(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  resolvedAt: z.number().int().nullable(),
});
export type SyncError = z.infer<typeof syncErrorSchema>;

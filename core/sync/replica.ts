import { z } from 'zod';
import { encodeBase64Url, encodeText } from '../encoding/base64url';
import { ExalateError } from '../errors';
import { err, ok, type Result } from '../result';
import { richTextFromPlain, type RichBlock, type RichInline, type RichText } from '../rich-text/rich-text';
import { sha256 } from './sha256';

/**
 * The replica: the neutral payload one node's outgoing script builds and the other node's incoming
 * script reads. Scripts on either side may add keys of their own (`replica.areaPath`,
 * `replica.severity`), so the schema is tolerant: well-known fields are checked, unknown keys kept.
 */

/** One sync message carries one replica; past this the sender is told to send less (fewer comments, no huge fields). */
export const maximumReplicaBytes = 1024 * 1024;

const textMarkSchema = z.enum(['bold', 'italic', 'underline', 'strike', 'code']);

const richInlineSchema: z.ZodType<RichInline> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string(), marks: z.array(textMarkSchema).exactOptional(), link: z.string().exactOptional() }),
  z.object({ type: z.literal('mention'), displayName: z.string(), email: z.string().exactOptional() }),
  z.object({ type: z.literal('hardBreak') }),
]);

const headingLevelSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6)]);

const richBlockSchema: z.ZodType<RichBlock> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('paragraph'), content: z.array(richInlineSchema) }),
    z.object({ type: z.literal('heading'), level: headingLevelSchema, content: z.array(richInlineSchema) }),
    z.object({ type: z.enum(['bulletList', 'orderedList']), items: z.array(z.array(richBlockSchema)) }),
    z.object({ type: z.literal('codeBlock'), text: z.string(), language: z.string().exactOptional() }),
    z.object({ type: z.literal('blockquote'), content: z.array(richBlockSchema) }),
    z.object({ type: z.literal('table'), rows: z.array(z.object({ header: z.boolean(), cells: z.array(z.array(richBlockSchema)) })) }),
    z.object({ type: z.literal('rule') }),
  ]),
);

export const richTextSchema: z.ZodType<RichText> = z.object({ type: z.literal('doc'), content: z.array(richBlockSchema) });

/** Scripts often assign plain text (`replica.description = 'text'`); it becomes paragraphs. */
export const richTextOrPlainSchema: z.ZodType<RichText, unknown> = z.union([richTextSchema, z.string().transform(richTextFromPlain)]);

/** `{ name }`, or a bare name a script assigned (`replica.status = 'Done'`). */
export const namedValueSchema = z.union([z.looseObject({ name: z.string() }), z.string().transform((name) => ({ name }))]);

/** People cross trackers by email; the tracker's own id means nothing on the other side. */
export const replicaUserSchema = z.looseObject({ email: z.string().nullable(), displayName: z.string() });
export type ReplicaUser = z.output<typeof replicaUserSchema>;

export const replicaCommentSchema = z.looseObject({
  id: z.string().min(1),
  author: replicaUserSchema.nullable(),
  body: richTextOrPlainSchema,
  created: z.string(),
  updated: z.string(),
  /**
   * The receiver's own comment id when this comment was itself created by sync from the
   * receiver's comment. Receivers skip such comments: that is what stops a comment echoing back.
   */
  echoOf: z.string().exactOptional(),
});
export type ReplicaComment = z.output<typeof replicaCommentSchema>;

export const replicaAttachmentSchema = z.looseObject({
  id: z.string().min(1),
  filename: z.string().min(1),
  mimeType: z.string(),
  size: z.number().int().nonnegative(),
  /** SHA-256 of the content, base64url: the receiver checks what it downloaded against it. */
  contentHash: z.string().exactOptional(),
  /** As for comments: the receiver's own attachment, come back. */
  echoOf: z.string().exactOptional(),
});
export type ReplicaAttachment = z.output<typeof replicaAttachmentSchema>;

export const replicaSchema = z.looseObject({
  /** The sender's item: Jira key, Azure DevOps id, Asana gid. Always present. */
  key: z.string().min(1),
  url: z.string().nullable().exactOptional(),
  projectKey: z.string().nullable().exactOptional(),
  type: z.string().nullable().exactOptional(),
  summary: z.string().exactOptional(),
  description: richTextOrPlainSchema.exactOptional(),
  status: namedValueSchema.exactOptional(),
  priority: namedValueSchema.nullable().exactOptional(),
  labels: z.array(z.string()).exactOptional(),
  assignee: replicaUserSchema.nullable().exactOptional(),
  reporter: replicaUserSchema.nullable().exactOptional(),
  comments: z.array(replicaCommentSchema).exactOptional(),
  attachments: z.array(replicaAttachmentSchema).exactOptional(),
  /** Raw values by field name; scripts see each as `{ value }`. */
  customFields: z.record(z.string(), z.unknown()).exactOptional(),
  parent: z.looseObject({ key: z.string().min(1) }).nullable().exactOptional(),
  /** ISO 8601, the sender's item's last change. */
  updated: z.string().nullable().exactOptional(),
});
export type Replica = z.output<typeof replicaSchema>;

/** Checks shape and size of a replica, from a script or from a peer. */
export function parseReplica(value: unknown): Result<Replica> {
  const parsed = replicaSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((issue) => `replica.${issue.path.join('.') || '(root)'}: ${issue.message}`);
    return err(new ExalateError('replica_invalid', `The replica is not in the replica shape: ${problems.join('; ')}.`, { details: { problems } }));
  }
  const bytes = replicaSize(parsed.data);
  if (bytes > maximumReplicaBytes) {
    const message = `The replica of ${parsed.data.key} is ${formatSize(bytes)}; one sync message carries at most ${formatSize(maximumReplicaBytes)}. Send less from the outgoing script (fewer or shorter comments, no large custom fields).`;
    return err(new ExalateError('replica_too_large', message, { details: { bytes, limit: maximumReplicaBytes, key: parsed.data.key } }));
  }
  return ok(parsed.data);
}

/** Serialized size in UTF-8 bytes, the size that crosses the wire. */
export function replicaSize(replica: Replica): number {
  return encodeText(JSON.stringify(replica)).length;
}

/**
 * JSON with object keys sorted at every depth, so equal content always gives equal text
 * whatever order a script or a peer wrote the keys in. Undefined members are left out, as
 * JSON.stringify does.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((entry: unknown) => (entry === undefined ? 'null' : canonicalJson(entry))).join(',')}]`;
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .sort()
    .filter((key) => record[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
  return `{${members.join(',')}}`;
}

/**
 * A stable fingerprint of what a replica says, so an unchanged replica is not sent again.
 * The top-level `updated` is left out: the item's timestamp moves on every edit, also on edits to
 * fields the outgoing script does not send, and those must not cause a message.
 */
export async function replicaContentHash(replica: Replica): Promise<string> {
  const { updated: _updated, ...content } = replica;
  return encodeBase64Url(sha256(encodeText(canonicalJson(content))));
}

/**
 * Marks the replica's comments and attachments that are themselves copies of the receiver's
 * (created here by sync) with `echoOf`, from the local item's `syncedFrom` annotations, and
 * drops the local-only `syncedFrom` key. Outgoing runs do this already; exported for engines
 * that build replicas some other way.
 */
export function markEchoes(replica: Replica, local: { readonly comments: readonly EchoSource[]; readonly attachments: readonly EchoSource[] }): Replica {
  const commentOrigins = originsOf(local.comments);
  const attachmentOrigins = originsOf(local.attachments);
  const marked: Replica = { ...replica };
  if (replica.comments !== undefined) marked.comments = replica.comments.map((comment) => withEcho(comment, commentOrigins));
  if (replica.attachments !== undefined) marked.attachments = replica.attachments.map((attachment) => withEcho(attachment, attachmentOrigins));
  return marked;
}

interface EchoSource {
  readonly id: string;
  readonly syncedFrom?: string | null;
}

function originsOf(sources: readonly EchoSource[]): ReadonlyMap<string, string> {
  const origins = new Map<string, string>();
  for (const source of sources) if (typeof source.syncedFrom === 'string') origins.set(source.id, source.syncedFrom);
  return origins;
}

function withEcho<T extends { readonly id: string; readonly echoOf?: string }>(entry: T, origins: ReadonlyMap<string, string>): T {
  const { syncedFrom: _syncedFrom, ...rest } = entry as T & { syncedFrom?: unknown };
  const origin = origins.get(entry.id);
  return (origin === undefined ? rest : { ...rest, echoOf: origin }) as T;
}

/** Kilobytes, rounded up: close to the limit, megabytes would print the same number on both sides. */
function formatSize(bytes: number): string {
  return `${Math.ceil(bytes / 1024)} KB`;
}

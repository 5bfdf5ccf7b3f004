import { z } from 'zod';
import { richTextFromPlain, type RichBlock, type RichInline, type RichText } from '../rich-text/rich-text';

/**
 * The replica: the neutral payload one node's outgoing script builds and the other node's incoming
 * script reads. Scripts on either side may add keys of their own (`replica.areaPath`,
 * `replica.severity`), so the schema is tolerant: well-known fields are checked, unknown keys kept.
 */

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
  parent: z
    .looseObject({ key: z.string().min(1) })
    .nullable()
    .exactOptional(),
  /** ISO 8601, the sender's item's last change. */
  updated: z.string().nullable().exactOptional(),
});
export type Replica = z.output<typeof replicaSchema>;

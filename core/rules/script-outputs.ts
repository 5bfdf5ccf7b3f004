import { z } from 'zod';
import { replicaAttachmentSchema, replicaCommentSchema, richTextOrPlainSchema } from '../replica/replica-schema';

/**
 * What the harness hands back, checked before anything of it is used. Scripts are written by
 * people, so the schemas accept the natural spellings (a status as 'Done' or { name: 'Done' }, a
 * description as plain text) and name the field that is wrong otherwise.
 */

const logsSchema = z.array(z.string()).max(100);

/** A name a script set either bare or as `{ name }`. */
const nameSchema = z.union([z.string(), z.looseObject({ name: z.string() }).transform((value) => value.name)], {
  error: 'must be a name ("Done") or { name: "Done" }',
});

/** A person the script assigned: an email reference, a user object, or a bare email. */
const userReferenceSchema = z.union(
  [
    z.string().transform((email) => ({ email: email as string | null })),
    z.looseObject({ email: z.string().nullable().optional() }).transform((user) => ({ email: user.email ?? null })),
  ],
  { error: 'must be a user from nodeHelper.getUserByEmail(…), an email, or null' },
);

export const outgoingOutputSchema = z.object({
  replica: z.record(z.string(), z.unknown()),
  logs: logsSchema,
});
export type OutgoingOutput = z.output<typeof outgoingOutputSchema>;

export const scriptedItemSchema = z.looseObject({
  projectKey: z.string({ error: 'must be a project key (text)' }).nullable(),
  type: nameSchema.nullable(),
  summary: z.string({ error: 'must be text' }),
  description: richTextOrPlainSchema,
  status: nameSchema.nullable(),
  priority: nameSchema.nullable(),
  labels: z.array(z.string({ error: 'must be text' }), { error: 'must be a list of texts' }),
  assignee: userReferenceSchema.nullable(),
  customFields: z.record(z.string(), z.unknown()),
  parentKey: z.string({ error: 'must be an item key (text) or null' }).nullable(),
});
/** The item as the incoming script left it; alias properties (areaPath, completed) are kept for foldAliases. */
export type ScriptedItem = z.output<typeof scriptedItemSchema>;

const remoteIdSchema = z.string().min(1);

export const incomingOutputSchema = z.object({
  issue: scriptedItemSchema,
  /**
   * One entry per mergeComments call: the remote comments as they were (no transform: the host
   * skips echoes and adds the author prefix), or as the script's transform shaped them.
   */
  comments: z.array(
    z.discriminatedUnion('prefix', [
      z.object({ prefix: z.literal(true), comments: z.array(replicaCommentSchema).nullish() }),
      z.object({ prefix: z.literal(false), comments: z.array(z.object({ id: remoteIdSchema, body: richTextOrPlainSchema })) }),
    ]),
  ),
  /** One entry per mergeAttachments call: the remote attachments offered. */
  attachments: z.array(z.array(replicaAttachmentSchema).nullable()),
  transitions: z.array(z.string().min(1)),
  userLookups: z.array(z.string().min(1)),
  unlinkAfterProcessing: z.boolean(),
  logs: logsSchema,
});
export type IncomingOutput = z.output<typeof incomingOutputSchema>;

import { z } from 'zod';

/**
 * What the Asana emulator keeps beyond workspaces and projects, as it writes it to disk: people,
 * sections, tags, custom fields, tasks, stories, attachments, webhooks and the event log.
 */
export const gidSchema = z.string().regex(/^\d{1,20}$/);
const instant = z.iso.datetime();

export const personSchema = z.strictObject({ gid: gidSchema, name: z.string().min(1), email: z.string().min(3) });
export type AsanaPerson = z.infer<typeof personSchema>;

export const sectionSchema = z.strictObject({ gid: gidSchema, projectGid: gidSchema, name: z.string().min(1) });
export type AsanaSectionRecord = z.infer<typeof sectionSchema>;

export const tagSchema = z.strictObject({ gid: gidSchema, workspaceGid: gidSchema, name: z.string().min(1) });
export type AsanaTagRecord = z.infer<typeof tagSchema>;

export const customFieldSchema = z.strictObject({
  gid: gidSchema,
  workspaceGid: gidSchema,
  name: z.string().min(1),
  type: z.enum(['text', 'number', 'enum']),
  enumOptions: z.array(z.strictObject({ gid: gidSchema, name: z.string(), color: z.string() })),
  /** Projects that carry the field: tasks in them show it. */
  projectGids: z.array(gidSchema),
});
export type AsanaCustomFieldRecord = z.infer<typeof customFieldSchema>;

export const taskSchema = z.strictObject({
  gid: gidSchema,
  workspaceGid: gidSchema,
  resourceSubtype: z.enum(['default_task', 'milestone', 'approval']),
  name: z.string(),
  htmlNotes: z.string(),
  completed: z.boolean(),
  completedAt: instant.nullable(),
  assigneeGid: gidSchema.nullable(),
  tagGids: z.array(gidSchema),
  memberships: z.array(z.strictObject({ projectGid: gidSchema, sectionGid: gidSchema })),
  /** By custom field gid: a text, a number, or an enum option gid. */
  customFieldValues: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  parentGid: gidSchema.nullable(),
  createdByGid: gidSchema,
  createdAt: instant,
  modifiedAt: instant,
});
export type AsanaTaskRecord = z.infer<typeof taskSchema>;

export const storySchema = z.strictObject({
  gid: gidSchema,
  taskGid: gidSchema,
  type: z.enum(['comment', 'system']),
  resourceSubtype: z.string(),
  text: z.string(),
  htmlText: z.string(),
  createdByGid: gidSchema,
  createdAt: instant,
  isEdited: z.boolean(),
});
export type AsanaStoryRecord = z.infer<typeof storySchema>;

export const attachmentSchema = z.strictObject({
  gid: gidSchema,
  parentGid: gidSchema,
  name: z.string().min(1),
  contentType: z.string(),
  /** base64, so the snapshot stays JSON. */
  content: z.string(),
  createdAt: instant,
});
export type AsanaAttachmentRecord = z.infer<typeof attachmentSchema>;

export const webhookSchema = z.strictObject({
  gid: gidSchema,
  resourceGid: gidSchema,
  target: z.string(),
  /** The X-Hook-Secret agreed in the handshake; every delivery is signed with it. */
  secret: z.string(),
  filters: z.array(
    z.looseObject({
      resource_type: z.string().optional(),
      resource_subtype: z.string().optional(),
      action: z.string().optional(),
      fields: z.array(z.string()).optional(),
    }),
  ),
  createdAt: instant,
});
export type AsanaWebhookRecord = z.infer<typeof webhookSchema>;

/** One event as both the Events API and webhooks deliver it (EventResponse), with the resources it concerns. */
export const eventSchema = z.strictObject({
  sequence: z.number().int().positive(),
  /** The task, its projects and its workspace: the resources a subscriber may have asked about. */
  concerns: z.array(gidSchema),
  body: z.record(z.string(), z.unknown()),
});
export type AsanaEventRecord = z.infer<typeof eventSchema>;

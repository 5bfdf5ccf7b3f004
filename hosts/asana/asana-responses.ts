import { z } from 'zod';

/**
 * What the Asana adapter reads. Tolerant: unknown fields pass through and only what the adapter
 * uses is required. Names follow `components.schemas` of asana.yaml.
 */

/** `GET /users/me` with opt_fields=name,email (UserResponse inside `data`). */
export const currentUserSchema = z.looseObject({
  data: z.looseObject({ gid: z.string(), name: z.string().optional(), email: z.string().optional() }),
});

/** A compact named resource asked for with opt_fields=name (WorkspaceCompact, ProjectCompact). */
export const namedResourceSchema = z.looseObject({ gid: z.string(), name: z.string() });

export type NamedResource = z.infer<typeof namedResourceSchema>;

/** A list page: `data` plus `next_page` (NextPage: null on the last page, absent when unpaginated). */
export const namedResourcePageSchema = z.looseObject({
  data: z.array(namedResourceSchema),
  next_page: z.looseObject({ offset: z.string() }).nullable().optional(),
});

/** ErrorResponse, the body of Asana's 4xx and 5xx answers. */
export const errorResponseSchema = z.looseObject({
  errors: z.array(z.looseObject({ message: z.string().optional() })).optional(),
});

const reference = z.looseObject({ gid: z.string(), name: z.string().nullish() });
const person = z.looseObject({ gid: z.string(), name: z.string().nullish(), email: z.string().nullish() });
const nextPage = z.looseObject({ offset: z.string() }).nullish();

/** A task read with the adapter's opt_fields (TaskResponse). */
export const taskSchema = z.looseObject({
  gid: z.string(),
  name: z.string().nullish(),
  html_notes: z.string().nullish(),
  completed: z.boolean().nullish(),
  resource_subtype: z.string().nullish(),
  assignee: person.nullish(),
  created_by: z.looseObject({ gid: z.string() }).nullish(),
  tags: z.array(reference).nullish(),
  memberships: z.array(z.looseObject({ project: reference.nullish(), section: reference.nullish() })).nullish(),
  custom_fields: z
    .array(
      z.looseObject({
        gid: z.string(),
        name: z.string().nullish(),
        type: z.string().nullish(),
        resource_subtype: z.string().nullish(),
        display_value: z.string().nullish(),
        enum_value: reference.nullish(),
        number_value: z.number().nullish(),
        text_value: z.string().nullish(),
        enum_options: z.array(z.looseObject({ gid: z.string(), name: z.string(), enabled: z.boolean().nullish() })).nullish(),
      }),
    )
    .nullish(),
  parent: z.looseObject({ gid: z.string() }).nullish(),
  workspace: z.looseObject({ gid: z.string() }).nullish(),
  modified_at: z.string().nullish(),
  permalink_url: z.string().nullish(),
});
export type TaskResponse = z.infer<typeof taskSchema>;
export const taskEnvelopeSchema = z.looseObject({ data: taskSchema });
/** A page of a task list asked for with the adapter's opt_fields (`GET /projects/{gid}/tasks`). */
export const taskPageSchema = z.looseObject({ data: z.array(taskSchema), next_page: z.looseObject({ offset: z.string() }).nullish() });

export const storySchema = z.looseObject({
  gid: z.string(),
  type: z.string().nullish(),
  resource_subtype: z.string().nullish(),
  text: z.string().nullish(),
  html_text: z.string().nullish(),
  created_at: z.string(),
  created_by: person.nullish(),
});
export type StoryResponse = z.infer<typeof storySchema>;
export const storyPageSchema = z.looseObject({ data: z.array(storySchema), next_page: nextPage });
export const storyEnvelopeSchema = z.looseObject({ data: storySchema });

export const attachmentSchema = z.looseObject({
  gid: z.string(),
  name: z.string().nullish(),
  size: z.number().nullish(),
  created_at: z.string().nullish(),
  download_url: z.string().nullish(),
});
export type AttachmentResponse = z.infer<typeof attachmentSchema>;
export const attachmentPageSchema = z.looseObject({ data: z.array(attachmentSchema), next_page: nextPage });
export const attachmentEnvelopeSchema = z.looseObject({ data: attachmentSchema });

export const userEnvelopeSchema = z.looseObject({ data: person });
export const gidPageSchema = z.looseObject({ data: z.array(z.looseObject({ gid: z.string(), completed: z.boolean().nullish() })), next_page: nextPage });
export const namedPageSchema = z.looseObject({ data: z.array(reference), next_page: nextPage });
export const gidEnvelopeSchema = z.looseObject({ data: z.looseObject({ gid: z.string() }) });

/** `POST /webhooks` answers 201 with the webhook and, per asana.yaml, the agreed `X-Hook-Secret`. */
export const webhookCreatedSchema = z.looseObject({ data: z.looseObject({ gid: z.string() }), 'X-Hook-Secret': z.string().nullish() });

/** EmptyResponse: what a DELETE answers (`{ "data": {} }`). */
export const emptyEnvelopeSchema = z.looseObject({ data: z.looseObject({}) });

/** EventResponse, as the Events API and webhooks deliver it. */
export const eventSchema = z.looseObject({
  action: z.string().nullish(),
  resource: z.looseObject({ gid: z.string(), resource_type: z.string().nullish() }).nullish(),
  parent: z.looseObject({ gid: z.string(), resource_type: z.string().nullish() }).nullish(),
  /** "The timestamp when the event occurred". One Asana did not send readably leaves the event without a time, not the delivery unread. */
  created_at: z.string().nullish().catch(undefined),
});
export type AsanaEvent = z.infer<typeof eventSchema>;

/** `GET /events`: 200 with events, or 412 with only a fresh `sync`. */
export const eventsAnswerSchema = z.looseObject({ data: z.array(eventSchema).nullish(), sync: z.string().nullish(), has_more: z.boolean().nullish() });

/** BatchResponse: one per action of `POST /batch`, in the order of the actions. */
export const batchResultSchema = z.looseObject({
  status_code: z.number().int(),
  headers: z.record(z.string(), z.unknown()).nullish(),
  body: z.unknown(),
});
export type BatchResult = z.infer<typeof batchResultSchema>;
export const batchAnswerSchema = z.looseObject({ data: z.array(batchResultSchema) });

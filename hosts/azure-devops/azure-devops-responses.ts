import { z } from 'zod';

/**
 * What the Azure DevOps adapter reads. Tolerant: unknown fields pass through and only what the
 * adapter uses is required. Names follow `definitions` of the core, work item tracking and service
 * hooks 7.1 documents in shared/specs.
 */

/** TeamProjectReference, inside the `{ count, value }` wrapper Azure DevOps puts around every list. */
export const projectListSchema = z.looseObject({
  count: z.number().int().nonnegative(),
  value: z.array(z.looseObject({ id: z.string(), name: z.string(), state: z.string().optional() })),
});

/** connectionData: who the token belongs to and which deployment answers. */
export const connectionDataSchema = z.looseObject({
  deploymentType: z.string().optional(),
  instanceId: z.string().optional(),
  authenticatedUser: z.looseObject({ providerDisplayName: z.string().optional() }).optional(),
});

/** The serialized VssServiceException Azure DevOps answers errors with. */
export const vssErrorSchema = z.looseObject({
  message: z.string().optional(),
  typeKey: z.string().optional(),
});

/** IdentityRef; older API versions and some events send identities as "Display Name <email>" strings. */
export const identityValueSchema = z.union([
  z.looseObject({ id: z.string().optional(), displayName: z.string().optional(), uniqueName: z.string().optional() }),
  z.string(),
]);

export const relationSchema = z.looseObject({
  rel: z.string(),
  url: z.string(),
  attributes: z.record(z.string(), z.unknown()).nullish(),
});

/** WorkItem: fields by reference name; relations only with `$expand=relations|all`. */
export const workItemSchema = z.looseObject({
  id: z.number().int(),
  rev: z.number().int(),
  fields: z.record(z.string(), z.unknown()),
  relations: z.array(relationSchema).nullish(),
  _links: z.looseObject({ html: z.looseObject({ href: z.string() }).optional() }).nullish(),
});
export type WorkItemResponse = z.infer<typeof workItemSchema>;

export const commentSchema = z.looseObject({
  id: z.number().int(),
  text: z.string().nullish(),
  createdBy: identityValueSchema.nullish(),
  createdDate: z.string(),
  modifiedDate: z.string().nullish(),
  isDeleted: z.boolean().nullish(),
});
export type CommentResponse = z.infer<typeof commentSchema>;

/** CommentList (7.1-preview.4): the next page comes by `continuationToken`. */
export const commentListSchema = z.looseObject({
  comments: z.array(commentSchema),
  continuationToken: z.string().nullish(),
});

/** WorkItemQueryResult of a flat query: only the ids. */
export const wiqlResultSchema = z.looseObject({
  workItems: z.array(z.looseObject({ id: z.number().int() })),
});

export const attachmentReferenceSchema = z.looseObject({ id: z.string(), url: z.string() });

/** An Identity as `_apis/identities` answers it; the email sits in `properties.Mail` or `properties.Account`. */
const propertyValue = z.looseObject({ $value: z.unknown() }).optional();
export const identityListSchema = z.looseObject({
  value: z.array(
    z.looseObject({
      id: z.string(),
      providerDisplayName: z.string().nullish(),
      customDisplayName: z.string().nullish(),
      isActive: z.boolean().nullish(),
      isContainer: z.boolean().nullish(),
      properties: z.looseObject({ Mail: propertyValue, Account: propertyValue }).nullish(),
    }),
  ),
});

/** Subscription (serviceHooks 7.1). */
export const subscriptionSchema = z.looseObject({ id: z.string(), eventType: z.string().optional() });

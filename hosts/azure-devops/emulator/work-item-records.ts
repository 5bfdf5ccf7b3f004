import { z } from 'zod';

/**
 * What the Azure DevOps emulator keeps about work items, as it writes them to disk. Field values
 * are stored as the REST API takes them in a JSON Patch (identity fields as the user's email,
 * Tags as "a; b"); the REST representation is built from them per request.
 */

export const userRecordSchema = z.strictObject({
  id: z.uuid(),
  displayName: z.string().min(1),
  email: z.string().min(3),
});
export type AzureDevOpsUserRecord = z.infer<typeof userRecordSchema>;

/** A relation as stored: the target is a work item id or an attachment id, not a URL (hosts change). */
export const relationRecordSchema = z.strictObject({
  rel: z.string().min(1),
  target: z.union([
    z.strictObject({ workItemId: z.number().int().positive() }),
    z.strictObject({ attachmentId: z.uuid() }),
    z.strictObject({ url: z.string() }),
  ]),
  attributes: z.record(z.string(), z.unknown()),
});
export type RelationRecord = z.infer<typeof relationRecordSchema>;

export const workItemRecordSchema = z.strictObject({
  id: z.number().int().positive(),
  rev: z.number().int().positive(),
  fields: z.record(z.string(), z.unknown()),
  relations: z.array(relationRecordSchema),
});
export type WorkItemRecord = z.infer<typeof workItemRecordSchema>;

export const commentRecordSchema = z.strictObject({
  id: z.number().int().positive(),
  workItemId: z.number().int().positive(),
  version: z.number().int().positive(),
  text: z.string(),
  createdBy: z.uuid(),
  createdDate: z.iso.datetime(),
  modifiedBy: z.uuid(),
  modifiedDate: z.iso.datetime(),
  isDeleted: z.boolean(),
});
export type CommentRecord = z.infer<typeof commentRecordSchema>;

export const attachmentRecordSchema = z.strictObject({
  id: z.uuid(),
  fileName: z.string().min(1),
  /** base64, so the snapshot stays JSON. */
  content: z.string(),
  createdDate: z.iso.datetime(),
});
export type AttachmentRecord = z.infer<typeof attachmentRecordSchema>;

export const subscriptionRecordSchema = z.strictObject({
  id: z.uuid(),
  eventType: z.string(),
  resourceVersion: z.string(),
  publisherInputs: z.record(z.string(), z.string()),
  consumerInputs: z.record(z.string(), z.string()),
  createdBy: z.uuid(),
  createdDate: z.iso.datetime(),
  /** How many notifications were sent, for the notification ids. */
  notificationCount: z.number().int().nonnegative(),
});
export type SubscriptionRecord = z.infer<typeof subscriptionRecordSchema>;

/** The states of the Agile process's Bug and User Story, which the sample organization uses. */
export const workItemStates = ['New', 'Active', 'Resolved', 'Closed', 'Removed'] as const;
export const workItemTypes = ['Bug', 'Task', 'User Story', 'Feature', 'Epic', 'Issue'] as const;

/** Fields Azure DevOps holds as identities: stored as an email, answered as an IdentityRef. */
export const identityFields = new Set([
  'System.AssignedTo',
  'System.CreatedBy',
  'System.ChangedBy',
  'System.AuthorizedAs',
  'Microsoft.VSTS.Common.ResolvedBy',
  'Microsoft.VSTS.Common.ClosedBy',
  'Microsoft.VSTS.Common.ActivatedBy',
]);

/** Fields only the service writes; a patch that touches them is refused as a read-only field would be. */
export const readOnlyFields = new Set([
  'System.Id',
  'System.Rev',
  'System.CreatedDate',
  'System.CreatedBy',
  'System.ChangedDate',
  'System.ChangedBy',
  'System.CommentCount',
  'System.TeamProject',
  'System.WorkItemType',
  'System.AuthorizedAs',
  'System.AuthorizedDate',
  'System.RevisedDate',
  'System.Watermark',
  'System.Parent',
]);

/** The relation types the emulator knows (`GET _apis/wit/workitemrelationtypes` on a real organization). */
export const relationTypes = new Set([
  'System.LinkTypes.Hierarchy-Forward',
  'System.LinkTypes.Hierarchy-Reverse',
  'System.LinkTypes.Related',
  'AttachedFile',
  'Hyperlink',
  'ArtifactLink',
]);

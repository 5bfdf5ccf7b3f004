import { z } from 'zod';

export const rulesRequestSchema = z.strictObject({
  outgoing: z.string().max(100_000),
  incoming: z.string().max(100_000),
});
export const triggerRequestSchema = z.strictObject({
  query: z.string().trim().min(1, 'Enter a trigger query, such as project = SUP.').max(2000),
  active: z.boolean().default(true),
});
export const syncRequestSchema = z.strictObject({ issueKey: z.string().trim().min(1, 'Name the item to sync, such as SUP-12.').max(200) });
export const bulkSyncRequestSchema = z.union([z.strictObject({ query: z.string().trim().min(1).max(2000).optional() }), z.undefined(), z.null()]);
export const connectTwinsRequestSchema = z.strictObject({
  localKey: z.string().trim().min(1).max(200),
  remoteKey: z.string().trim().min(1).max(200),
});
export const testRunRequestSchema = z.strictObject({
  issueKey: z.string().trim().min(1, 'Name the item to test with, such as SUP-12.').max(200),
  /** A replica to try the incoming script on; without it, the last one received for this item. */
  replica: z.record(z.string(), z.unknown()).optional(),
  /** Scripts to try instead of the saved ones: the editor's text, before it is saved. */
  rules: rulesRequestSchema.optional(),
  /** Visual mode: try the scripts compiled from this side's draft of the mapping (else the version it published that awaits approval, else the agreed one). */
  draft: z.literal(true).optional(),
});

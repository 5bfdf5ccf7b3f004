import { z } from 'zod';

// What the item surfaces read back from the item operations of the admin API
// (core/admin/item-operations.ts). Tolerant like the other answers: a newer node may add fields.

export const itemTwinStatuses = ['queued', 'in_progress', 'synchronized', 'error'] as const;
export type ItemTwinStatusAnswer = (typeof itemTwinStatuses)[number];

export const itemTwinAnswerSchema = z.object({
  connectionId: z.string(),
  connectionName: z.string(),
  remoteKey: z.string().nullable(),
  remoteUrl: z.string().nullable(),
  status: z.enum(itemTwinStatuses),
  lastSyncedAt: z.string().nullable(),
  error: z.object({ message: z.string(), errorId: z.string() }).nullable(),
});
export type ItemTwinAnswer = z.infer<typeof itemTwinAnswerSchema>;

export const itemSurfaceAnswerSchema = z.object({ itemKey: z.string(), twins: z.array(itemTwinAnswerSchema) });
export type ItemSurfaceAnswer = z.infer<typeof itemSurfaceAnswerSchema>;

export const exalateOptionsAnswerSchema = z.object({
  itemKey: z.string(),
  connections: z.array(z.object({ connectionId: z.string(), connectionName: z.string() })),
  reason: z.string().nullable(),
});
export type ExalateOptionsAnswer = z.infer<typeof exalateOptionsAnswerSchema>;

/** Replicas are shown as they are (JSON); null before the other side sent one. */
export const replicasAnswerSchema = z.object({ itemKey: z.string(), local: z.unknown(), remote: z.unknown() });
export type ReplicasAnswer = z.infer<typeof replicasAnswerSchema>;

export const connectAnswerSchema = z.object({ localKey: z.string(), remoteKey: z.string() });
export const unexalateAnswerSchema = z.object({ unlinked: z.boolean() });

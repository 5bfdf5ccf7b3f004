import { z } from 'zod';

// What the consoles read back from the sync operations of the admin API
// (core/admin/sync-operations.ts). Tolerant, like admin-answers.ts: a newer node may
// add fields, and a console checks only what it shows.

export const triggerAnswerSchema = z.object({ id: z.string(), connectionId: z.string(), query: z.string(), active: z.boolean(), createdAt: z.number() });
export type TriggerAnswer = z.infer<typeof triggerAnswerSchema>;
export const triggerListAnswerSchema = z.array(triggerAnswerSchema);

export const bulkSyncStartAnswerSchema = z.object({ started: z.boolean(), queries: z.array(z.string()) });

export const bulkSyncProgressAnswerSchema = z.object({
  query: z.string(),
  state: z.enum(['running', 'finished', 'failed']),
  found: z.number(),
  queued: z.number(),
  unchanged: z.number(),
  failed: z.number(),
  message: z.string().nullable(),
});
export type BulkSyncProgressAnswer = z.infer<typeof bulkSyncProgressAnswerSchema>;

const stateCounts = z.object({ queued: z.number(), in_flight: z.number(), done: z.number(), failed: z.number() });
export const queueAnswerSchema = z.object({
  counts: z.object({ outbound: stateCounts, inbound: stateCounts }),
  entries: z.array(
    z.object({
      direction: z.enum(['outbound', 'inbound']),
      itemKey: z.string(),
      kind: z.string(),
      state: z.string(),
      attempts: z.number(),
      nextAttemptAt: z.string(),
      lastError: z.string().nullable(),
      waitingFor: z.string(),
    }),
  ),
});
export type QueueAnswer = z.infer<typeof queueAnswerSchema>;

export const syncErrorAnswerSchema = z.object({
  id: z.string(),
  scope: z.enum(['item', 'connection', 'node']),
  connectionId: z.string().nullable(),
  itemKey: z.string().nullable(),
  code: z.string(),
  message: z.string(),
  line: z.number().nullable(),
  occurrences: z.number(),
  updatedAt: z.number(),
});
export type SyncErrorAnswer = z.infer<typeof syncErrorAnswerSchema>;
export const syncErrorListAnswerSchema = z.array(syncErrorAnswerSchema);

export const rulesAnswerSchema = z.object({ outgoing: z.string(), incoming: z.string() });
export type RulesAnswer = z.infer<typeof rulesAnswerSchema>;

/** A test run's answer is shown as it is (replica and planned changes, as JSON). */
export const testRunAnswerSchema = z.record(z.string(), z.unknown());

export const syncNowAnswerSchema = z.object({ issueKey: z.string(), outcome: z.string() });
export const retryAnswerSchema = z.object({ retried: z.boolean() });
export const deletedAnswerSchema = z.object({ deleted: z.boolean() });

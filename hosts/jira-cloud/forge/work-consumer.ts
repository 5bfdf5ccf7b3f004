import type { NodeContext } from '../../../core';
import { runBulkSyncStep } from './bulk-sync-step';
import { runSyncPassStep } from './sync-pass-step';
import { workEventSchema, type WorkQueue } from './work-queue';

/**
 * How long one consumer invocation works before handing on. The manifest gives the consumer
 * function `timeoutSeconds: 300`; stopping at 4 minutes leaves room for the step in progress (a
 * page of 100 items, or one sync pass) to finish and for the next event to be pushed.
 */
export const consumerBudgetMs = 240_000;

/** The async-events consumer: events are ours, but are still read through their schema. */
export async function consumeWorkEvent(context: NodeContext, asyncEvent: unknown, queue: WorkQueue, budgetMs = consumerBudgetMs): Promise<void> {
  const event = workEventSchema.safeParse((asyncEvent as { body?: unknown } | undefined)?.body);
  if (!event.success) {
    context.logger.warn('ignored an async event that is not Exalate work', { message: event.error.message });
    return;
  }
  if (event.data.type === 'sync-pass') await runSyncPassStep(context, queue, budgetMs);
  else await runBulkSyncStep(context, event.data, queue, budgetMs);
}

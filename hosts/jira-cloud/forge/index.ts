import { createAdminResolver, requestSyncPass } from './admin-resolver';
import { handleProductEvent, handleScheduledReconcile } from './change-triggers';
import { answerExchangeRequest } from './exchange-web-trigger';
import { forgeAdminOperations } from './forge-admin-operations';
import { createItemResolver } from './item-resolver';
import { createForgeNodeContext } from './forge-context';
import type { InvocationKind } from './invocation-budget';
import { consumeWorkEvent } from './work-consumer';
import { createForgeWorkQueue } from './work-queue';
import type { NodeContext } from '../../../core';

/**
 * The Forge app's functions, named by the manifest's `function` modules (`handler: index.<name>`).
 * Each invocation assembles core's capabilities, does its part, and releases the script sandbox.
 */
const queue = createForgeWorkQueue();

async function withContext<T>(source: string, kind: InvocationKind, work: (context: NodeContext) => Promise<T>): Promise<T> {
  const context = await createForgeNodeContext(source, kind);
  try {
    return await work(context);
  } finally {
    context.scripts.dispose();
  }
}

/** `resolver`: the Custom UI's admin API. */
export const adminResolver = createAdminResolver({
  operations: forgeAdminOperations(queue),
  context: () => createForgeNodeContext('resolver', 'resolver'),
  queue,
}).getDefinitions();

/** `resolver` of the issue panel and the issue action: the item surface, about the issue they are open on. */
export const itemResolver = createItemResolver({
  operations: forgeAdminOperations(queue),
  context: () => createForgeNodeContext('item-resolver', 'resolver'),
  queue,
}).getDefinitions();

/** `webtrigger`: node-to-node exchange at `{web trigger URL}/exchange/v1/…`. */
export const exchangeWebTrigger = (request: unknown) =>
  withContext('exchange', 'web-trigger', async (context) => {
    const outcome = await answerExchangeRequest(context, request);
    if (outcome.delivered) await requestSyncPass(context, queue);
    return outcome.response;
  });

/** `trigger`: Jira issue and comment events. */
export const issueEventTrigger = (event: unknown) => withContext('product-event', 'product-event', (context) => handleProductEvent(context, event, queue));

/** `scheduledTrigger`: the reconciler. Forge expects a web-trigger-shaped answer, or records a 424. */
export const scheduledReconciler = () =>
  withContext('reconciler', 'scheduled-trigger', async (context) => {
    await handleScheduledReconcile(context, queue);
    return { statusCode: 204 };
  });

/** `consumer`: sync passes and bulk sync pages. */
export const workConsumer = (event: unknown) => withContext('consumer', 'consumer', (context) => consumeWorkEvent(context, event, queue));

import Resolver from '@forge/resolver';
import { ExalateError, resolverKey, type AdminOperation, type NodeContext } from '../../../core';
import { callAdminOperation, isErrorAnswer } from './admin-call';
import { errorAnswer } from './errors';
import type { WorkQueue } from './work-queue';

/** The manifest's admin page modules: the only places the console's resolver may be invoked from. */
export const adminPageModuleKeys = ['exalate-admin', 'exalate-configure'] as const;

export interface AdminResolverDependencies {
  readonly operations: readonly AdminOperation[];
  /** Core's capabilities for this invocation (created on first use, disposed by the caller). */
  readonly context: () => Promise<NodeContext>;
  readonly queue: WorkQueue;
}

/**
 * The admin API as Forge resolver functions, one per operation of core's table under its resolver
 * key (`GET /connections`, `POST /connections/{id}/activate`, …), as the Atlassian teams' apps key
 * resolvers by path. Each answers what the node's HTTP route would, with failures mapped once in
 * errors.ts. `jira:adminPage` is only shown to Jira administrators; calls that do not come from
 * one of those modules are refused, so another module added later cannot reach the admin API.
 * A call that changed something is followed by a sync pass, so its effect crosses at once.
 */
export function defineAdminResolvers(resolver: Resolver, dependencies: AdminResolverDependencies): Resolver {
  for (const operation of dependencies.operations) {
    resolver.define(resolverKey(operation), async ({ payload, context: forgeContext }) => {
      const moduleKey = (forgeContext as { moduleKey?: unknown }).moduleKey;
      if (!adminPageModuleKeys.some((key) => key === moduleKey)) {
        return errorAnswer(new ExalateError('forbidden', 'The Exalate admin API answers only its admin pages (Settings → Apps → Exalate).'));
      }
      const context = await dependencies.context();
      try {
        const answer = await callAdminOperation(context, operation, payload);
        if (operation.method !== 'GET' && !isErrorAnswer(answer)) await requestSyncPass(context, dependencies.queue);
        return answer;
      } finally {
        context.scripts.dispose();
      }
    });
  }
  return resolver;
}

export function createAdminResolver(dependencies: AdminResolverDependencies): Resolver {
  return defineAdminResolvers(new Resolver(), dependencies);
}

/** A missed push costs only time: the scheduled reconciler starts a sync pass every five minutes. */
export async function requestSyncPass(context: NodeContext, queue: WorkQueue): Promise<void> {
  try {
    await queue.push({ type: 'sync-pass' });
  } catch (error) {
    context.logger.warn('could not queue a sync pass; the scheduled trigger will run one', { message: error instanceof Error ? error.message : String(error) });
  }
}

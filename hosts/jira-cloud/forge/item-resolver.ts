import Resolver from '@forge/resolver';
import { z } from 'zod';
import { ExalateError, resolverKey, type AdminOperation, type NodeContext } from '../../../core';
import { itemSurfaceOperationKeys } from '../../console-kit/operation-client';
import { adminCallPayloadSchema, callAdminOperation, isErrorAnswer } from './admin-call';
import { requestSyncPass } from './admin-resolver';
import { errorAnswer } from './errors';
import { viewerMayEditIssue } from './viewer-may-edit';
import type { WorkQueue } from './work-queue';

/** The manifest's item modules: the issue's "Exalate" panel (`jira:issueContext`) and its "Exalate" action (`jira:issueAction`). */
export const itemModuleKeys = ['exalate-issue-panel', 'exalate-issue-action'] as const;

/**
 * The issue the module is open on, as Forge puts it in a resolver's context: `context.extension.issue`
 * with `key` and `id` (developer.atlassian.com/platform/forge/manifest-reference/modules/jira-issue-context).
 */
const issueContextSchema = z.looseObject({
  moduleKey: z.string(),
  extension: z.looseObject({ issue: z.looseObject({ key: z.string().min(1).max(200) }) }),
});

export interface ItemResolverDependencies {
  /** Core's admin table (forgeAdminOperations): only the item surface's keys are served from it. */
  readonly operations: readonly AdminOperation[];
  readonly context: () => Promise<NodeContext>;
  readonly queue: WorkQueue;
  /** Whether the person with the issue open may edit it (viewer-may-edit.ts); asked before any change. */
  readonly viewerMayEdit?: (issueKey: string) => Promise<boolean>;
}

/**
 * The item surface's operations as Forge resolver functions, for the issue panel and the issue
 * action only, and only about the issue they are open on: the key comes from Forge's context,
 * never from the page, so a script in the iframe cannot read or change another issue (an issue
 * Forge shows a person is one that person may see). Every other admin operation stays on the
 * admin pages' resolver.
 */
export function createItemResolver(dependencies: ItemResolverDependencies): Resolver {
  const resolver = new Resolver();
  const served = new Set<string>(itemSurfaceOperationKeys);
  for (const operation of dependencies.operations.filter((candidate) => served.has(resolverKey(candidate)))) {
    resolver.define(resolverKey(operation), async ({ payload, context: forgeContext }) => {
      const issue = issueContextSchema.safeParse(forgeContext);
      if (!issue.success || !itemModuleKeys.some((key) => key === issue.data.moduleKey)) {
        return errorAnswer(new ExalateError('forbidden', 'The Exalate item operations answer only the Exalate panel and action of an issue.'));
      }
      const issueKey = issue.data.extension.issue.key;
      const request = adminCallPayloadSchema.safeParse(payload ?? {});
      if (!request.success)
        return errorAnswer(new ExalateError('invalid_request', 'Invoke an item operation with { params, body }, as the Exalate panel does.'));
      const context = await dependencies.context();
      try {
        const refusal = await findOtherIssue(context, resolverKey(operation), issueKey, request.data);
        if (refusal) return errorAnswer(refusal);
        if (operation.method !== 'GET' && !(await (dependencies.viewerMayEdit ?? viewerMayEditIssue)(issueKey))) return errorAnswer(mayNotEdit(issueKey));
        const answer = await callAdminOperation(context, operation, request.data);
        if (operation.method !== 'GET' && !isErrorAnswer(answer)) await requestSyncPass(context, dependencies.queue);
        return answer;
      } finally {
        context.scripts.dispose();
      }
    });
  }
  return resolver;
}

/** A call about anything but the issue the module is open on is refused, before it is run. */
async function findOtherIssue(
  context: NodeContext,
  key: string,
  issueKey: string,
  request: z.infer<typeof adminCallPayloadSchema>,
): Promise<ExalateError | null> {
  const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
  const named: unknown[] = [];
  if (key.includes('{issueKey}')) named.push(request.params?.['issueKey']);
  if (key === 'POST /connections/{id}/sync') named.push(body['issueKey']);
  if (key === 'POST /connections/{id}/twins') named.push(body['localKey']);
  if (named.some((value) => value !== issueKey)) return otherIssue(issueKey);
  if (key === 'POST /errors/{errorId}/retry') {
    const error = await context.store.getError(request.params?.['errorId'] ?? '');
    if (!error) return null; // core answers "no such error" in its own words
    if (error.connectionId === null || error.itemKey === null) return otherIssue(issueKey);
    const twin = await context.store.getTwinByLocalKey(error.connectionId, issueKey);
    if (error.itemKey !== issueKey && (twin?.remoteKey ?? null) !== error.itemKey) return otherIssue(issueKey);
  }
  return null;
}

function otherIssue(issueKey: string): ExalateError {
  return new ExalateError(
    'forbidden',
    `The Exalate panel of ${issueKey} acts on ${issueKey} only. Errors of a whole connection are retried from Settings → Apps → Exalate → Errors.`,
  );
}

function mayNotEdit(issueKey: string): ExalateError {
  return new ExalateError(
    'forbidden',
    `Your Jira account may not edit ${issueKey}, so the Exalate panel cannot change how it syncs. Ask a project administrator for the Edit issues permission, or someone who has it to do this.`,
  );
}

import { findConnection } from '../connection/manage-connections';
import type { Connection } from '../connection/connection';
import { randomId } from '../encoding/random';
import { ExalateError } from '../errors';
import type { NodeContext } from '../node/node-context';
import { err, ok, type Result } from '../result';
import { bulkSyncQueries, readBulkSyncProgress, runBulkSync } from '../sync/bulk-sync';
import { connectItems } from '../sync/connect-twins';
import { queueLocalChange } from '../sync/queue-local-change';
import { retrySyncError } from '../sync/retry-sync-error';
import { unexalateItem } from '../sync/unlink-twin';
import { scriptApiTypes } from '../rules/script-api-types';
import { checkRules, checkRulesEditable, effectiveRules, testRunRules } from '../sync/sync-scripts';
import { workTopic } from '../sync/sync-signals';
import { parseTriggerQuery } from '../trackers/trigger-query';
import { defineOperation, type AdminOperation } from './admin-operation';
import { draftScriptsOnTrial } from './visual-mapping-trial';
import { emptyRequestSchema } from './admin-schemas';
import {
  bulkSyncRequestSchema,
  connectTwinsRequestSchema,
  rulesRequestSchema,
  syncRequestSchema,
  testRunRequestSchema,
  triggerRequestSchema,
} from './sync-schemas';

/** Runs `work` with the connection named in the path, or answers 404. */
async function withConnection<T>(
  context: NodeContext,
  params: Readonly<Record<string, string>>,
  work: (connection: Connection) => Promise<Result<T>>,
): Promise<Result<T>> {
  const found = await findConnection(context, params['id'] ?? '');
  return found.ok ? work(found.value) : found;
}

async function findItem(context: NodeContext, key: string) {
  const item = await context.tracker.getItem(key);
  return item ? ok(item) : err(new ExalateError('not_found', `There is no item "${key.slice(0, 200)}" in this tracker, or this node may not read it.`));
}

/** Sync administration: ARCHITECTURE §8's rules, triggers, sync and twins, and the Sync queue and Errors tabs. */
export const syncOperations: readonly AdminOperation[] = [
  defineOperation({
    method: 'GET',
    path: '/connections/{id}/rules',
    summary: "This side's outgoing and incoming scripts (the defaults until saved; on a Basic connection, always the Basic set).",
    body: emptyRequestSchema,
    successStatus: 200,
    run: (context, { params }) => withConnection(context, params, async (connection) => ok(await effectiveRules(context, connection))),
  }),
  defineOperation({
    method: 'PUT',
    path: '/connections/{id}/rules',
    summary:
      'Saves both scripts after checking that they compile; a script with an error is refused with its line. A Basic connection has no scripts to save: 409 `mode_fixed`.',
    body: rulesRequestSchema,
    successStatus: 200,
    run: (context, { params, body }) =>
      withConnection(context, params, async (connection) => {
        const editable = checkRulesEditable(connection);
        if (!editable.ok) return editable;
        const checked = await checkRules(context, body);
        if (!checked.ok) return checked;
        const rules = { ...body, updatedAt: context.clock.now() };
        await context.store.putRules(connection.id, rules);
        return ok(rules);
      }),
  }),
  defineOperation({
    method: 'GET',
    path: '/connections/{id}/triggers',
    summary: "The connection's triggers.",
    body: emptyRequestSchema,
    successStatus: 200,
    run: (context, { params }) => withConnection(context, params, async (connection) => ok(await context.store.listTriggers(connection.id))),
  }),
  defineOperation({
    method: 'POST',
    path: '/connections/{id}/triggers',
    summary: "Adds a trigger in the tracker's query language; matching items start syncing by themselves.",
    body: triggerRequestSchema,
    successStatus: 201,
    run: (context, { params, body }) =>
      withConnection(context, params, async (connection) => {
        const parsed = parseTriggerQuery(body.query, context.tracker.kind);
        if (!parsed.ok) return parsed;
        const trigger = { id: randomId('trg'), connectionId: connection.id, query: body.query, active: body.active, createdAt: context.clock.now() };
        await context.store.insertTrigger(trigger);
        context.signals.notify(workTopic);
        return ok(trigger);
      }),
  }),
  defineOperation({
    method: 'DELETE',
    path: '/connections/{id}/triggers/{triggerId}',
    summary: 'Removes a trigger; items already in sync stay in sync.',
    body: emptyRequestSchema,
    successStatus: 200,
    run: (context, { params }) =>
      withConnection(context, params, async (connection) =>
        (await context.store.deleteTrigger(connection.id, params['triggerId'] ?? ''))
          ? ok({ deleted: true })
          : err(new ExalateError('not_found', 'There is no such trigger on this connection.')),
      ),
  }),
  defineOperation({
    method: 'POST',
    path: '/connections/{id}/bulk-sync',
    summary: 'Bulk sync: queues every item the query (or each active trigger) matches; progress at GET.',
    body: bulkSyncRequestSchema,
    successStatus: 202,
    run: (context, { params, body }) =>
      withConnection(context, params, async (connection) => {
        const queries = await bulkSyncQueries(context, connection, body?.query);
        if (!queries.ok) return queries;
        // Runs on after the answer; the admin follows it at GET /connections/{id}/bulk-sync.
        void (async () => {
          for (const query of queries.value) await runBulkSync(context, connection, query);
        })();
        return ok({ started: true, queries: queries.value });
      }),
  }),
  defineOperation({
    method: 'GET',
    path: '/connections/{id}/bulk-sync',
    summary: 'Progress of the latest bulk sync.',
    body: emptyRequestSchema,
    successStatus: 200,
    run: (context, { params }) =>
      withConnection(context, params, async (connection) => {
        const progress = await readBulkSyncProgress(context, connection.id);
        return progress ? ok(progress) : err(new ExalateError('not_found', 'No bulk sync has run on this connection yet.'));
      }),
  }),
  defineOperation({
    method: 'POST',
    path: '/connections/{id}/sync',
    summary: 'Sync now: queues the item whether or not a trigger matches it.',
    body: syncRequestSchema,
    successStatus: 202,
    run: (context, { params, body }) =>
      withConnection(context, params, async (connection) => {
        const item = await findItem(context, body.issueKey);
        if (!item.ok) return item;
        const outcome = await queueLocalChange(context, connection, item.value, { force: true });
        return outcome.ok ? ok({ issueKey: item.value.key, outcome: outcome.value }) : outcome;
      }),
  }),
  defineOperation({
    method: 'GET',
    path: '/connections/{id}/twins/{issueKey}',
    summary: "The item's twin on the other side and the sync status.",
    body: emptyRequestSchema,
    successStatus: 200,
    run: (context, { params }) =>
      withConnection(context, params, async (connection) => {
        const twin = await context.store.getTwinByLocalKey(connection.id, params['issueKey'] ?? '');
        return twin
          ? ok({ localKey: twin.localKey, remoteKey: twin.remoteKey, status: twin.status })
          : err(new ExalateError('not_found', `"${params['issueKey']}" is not synced on this connection.`));
      }),
  }),
  defineOperation({
    method: 'POST',
    path: '/connections/{id}/twins',
    summary:
      'Connect two existing items: links them and syncs this side to the other. 409 when the remote key is already connected to another item here, or this item to another remote key; nothing changes then.',
    body: connectTwinsRequestSchema,
    successStatus: 201,
    run: (context, { params, body }) =>
      withConnection(context, params, async (connection) => {
        const item = await findItem(context, body.localKey);
        return item.ok ? connectItems(context, connection, item.value, body.remoteKey) : item;
      }),
  }),
  defineOperation({
    method: 'DELETE',
    path: '/connections/{id}/twins/{issueKey}',
    summary:
      'Unexalate: the two items stay, they no longer sync on this connection (the other side is told too). `unlinked: false` when the item did not sync here: unexalating twice is harmless.',
    body: emptyRequestSchema,
    successStatus: 200,
    run: (context, { params }) =>
      withConnection(context, params, async (connection) => ok({ unlinked: await unexalateItem(context, connection, params['issueKey'] ?? '') })),
  }),
  defineOperation({
    method: 'POST',
    path: '/connections/{id}/test-run',
    summary:
      "Runs the scripts on an item and shows the replica and the changes they would make, writing nothing. Scripts from the editor (`rules`) can be tried on a Script connection only; on a Visual connection, `draft: true` tries the scripts compiled from this side's draft of the mapping (else the version it published that awaits approval, else the agreed one).",
    body: testRunRequestSchema,
    successStatus: 200,
    run: (context, { params, body }) =>
      withConnection(context, params, async (connection) => {
        if (body.draft && body.rules)
          return err(new ExalateError('invalid_request', 'Send either "rules" (scripts to try) or "draft: true" (the mapping draft), not both.'));
        // Scripts from the editor are checked as a save would check them, so a mistake reads the same.
        if (body.rules) {
          const editable = checkRulesEditable(connection);
          if (!editable.ok) return editable;
          const checked = await checkRules(context, body.rules);
          if (!checked.ok) return checked;
        }
        const trial = body.draft ? await draftScriptsOnTrial(context, connection) : ok(body.rules);
        if (!trial.ok) return trial;
        const item = await findItem(context, body.issueKey);
        if (!item.ok) return item;
        return testRunRules(context, connection, item.value, body.replica, trial.value);
      }),
  }),
  defineOperation({
    method: 'GET',
    path: '/connections/{id}/queue',
    summary: 'The sync queue: counts per state and what waits, with why.',
    body: emptyRequestSchema,
    successStatus: 200,
    run: (context, { params }) =>
      withConnection(context, params, async (connection) => {
        const waiting = async (direction: 'outbound' | 'inbound') =>
          (await context.store.listQueue({ connectionId: connection.id, direction, states: ['queued', 'in_flight'], limit: 100 })).map((entry) => ({
            direction,
            itemKey: entry.itemKey,
            kind: entry.envelope.kind,
            state: entry.state,
            attempts: entry.attempts,
            nextAttemptAt: new Date(entry.nextAttemptAt).toISOString(),
            lastError: entry.lastError,
            waitingFor: waitingReason(connection, entry.lastError, direction),
          }));
        return ok({ counts: await context.store.countQueue(connection.id), entries: [...(await waiting('outbound')), ...(await waiting('inbound'))] });
      }),
  }),
  defineOperation({
    method: 'GET',
    path: '/script-api',
    summary: 'The typings of the script API (a .d.ts), for editors and for scripts kept in git as TypeScript.',
    body: emptyRequestSchema,
    successStatus: 200,
    run: async () => ok({ typescript: scriptApiTypes }),
  }),
  defineOperation({
    method: 'GET',
    path: '/errors',
    summary: 'Unresolved errors, scoped to an item, a connection or the node.',
    body: emptyRequestSchema,
    successStatus: 200,
    run: async (context) => ok(await context.store.listErrors({ includeResolved: false })),
  }),
  defineOperation({
    method: 'POST',
    path: '/errors/{errorId}/retry',
    summary: 'Retry: what the error held back is tried again now.',
    body: emptyRequestSchema,
    successStatus: 202,
    run: async (context, { params }) => {
      const error = await context.store.getError(params['errorId'] ?? '');
      if (!error) return err(new ExalateError('not_found', 'There is no such error; it may have been resolved already.'));
      await retrySyncError(context, error);
      return ok({ retried: true });
    },
  }),
];

function waitingReason(connection: Connection, lastError: string | null, direction: 'outbound' | 'inbound'): string {
  if (connection.status === 'deactivated') return 'The connection is deactivated; activate it to resume, in order.';
  if (lastError) return `Retrying after an error: ${lastError}`;
  if (direction === 'outbound' && connection.peer?.nodeUrl == null) return 'Waiting for the private side to collect it (it polls this node).';
  return 'Waiting its turn.';
}

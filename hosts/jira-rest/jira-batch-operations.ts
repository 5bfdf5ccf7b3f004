import { z } from 'zod';
import {
  ExalateError,
  type BatchCreateOutcome,
  type ItemChanges,
  type ItemPage,
  type NewItem,
  type TrackerBatchV1,
  type TrackerItem,
  type TriggerConditions,
} from '../../core';
import type { TrackerHttpClient } from '../tracker-http';
import type { JiraDialect } from './jira-dialect';
import { readTrackerItem } from './jira-item-reader';
import { jiraIssueSchema, readJiraErrorBody, type JiraIssue } from './jira-rest-responses';
import { moveToStatus } from './move-to-status';
import { quoteJql } from './jql-text';
import { jqlOfTrigger } from './trigger-jql';

/** `POST /rest/api/{3,2}/issue/bulk` takes at most 50 issues ("Creates upto 50 issues", v3 document). */
const bulkCreateLimit = 50;
/** Jira returns at most 100 issues with fields per search page (both Cloud's search/jql and DC's search). */
const searchPageLimit = 100;

/** A search page with whole issues: Cloud's enhanced search (token) and DC's search (offset) share these fields. */
const issueSearchPageSchema = z.looseObject({
  issues: z.array(jiraIssueSchema).default([]),
  names: z.record(z.string(), z.string()).optional(),
  nextPageToken: z.string().nullable().optional(),
  isLast: z.boolean().optional(),
  startAt: z.number().int().optional(),
  total: z.number().int().optional(),
});

/** CreatedIssues: what was created, and an error per refused element (its index in the request). */
const createdIssuesSchema = z.looseObject({
  issues: z.array(z.looseObject({ id: z.string(), key: z.string() })).default([]),
  errors: z
    .array(
      z.looseObject({
        status: z.number().int().optional(),
        elementErrors: z.unknown().optional(),
        failedElementNumber: z.number().int().optional(),
      }),
    )
    .default([]),
});

/**
 * The batch half of the Tracker port over Jira REST (Cloud v3 and Server/DC v2): pages of whole
 * issues from one search, issue times from one search, and up to 50 creations in one
 * `issue/bulk` call whose answer says per element what was created and what was refused.
 */
export class JiraBatchOperations implements TrackerBatchV1 {
  readonly version = 1 as const;
  readonly maximumCreateBatch = bulkCreateLimit;
  readonly createsInOneRequest = true;
  readonly #client: TrackerHttpClient;
  readonly #dialect: JiraDialect;
  readonly #fieldsFor: (changes: ItemChanges) => Promise<Record<string, unknown>>;
  readonly #readOne: (key: string) => Promise<TrackerItem | undefined>;

  constructor(
    client: TrackerHttpClient,
    dialect: JiraDialect,
    helpers: {
      readonly fieldsFor: (changes: ItemChanges) => Promise<Record<string, unknown>>;
      readonly readOne: (key: string) => Promise<TrackerItem | undefined>;
    },
  ) {
    this.#client = client;
    this.#dialect = dialect;
    this.#fieldsFor = helpers.fieldsFor;
    this.#readOne = helpers.readOne;
  }

  async searchItemsWithFields(trigger: TriggerConditions, page: { readonly cursor: string | null; readonly limit: number }): Promise<ItemPage> {
    const found = await this.#search(jqlOfTrigger(trigger), page.cursor, Math.min(Math.max(page.limit, 1), searchPageLimit), ['*all'], true);
    return { items: await this.#toItems(found.issues), nextCursor: found.nextCursor };
  }

  async readUpdatedTimes(keys: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const times = new Map<string, string>();
    if (this.#dialect.jqlSearch === 'enhanced') {
      // Jira Cloud's search is eventually consistent ("search/jql" may miss a change made a moment
      // ago): a stale time would pass a person's edit for this node's own write. Each issue's
      // time is read from the issue itself instead, the smallest read there is.
      for (const key of keys) {
        const issue = await this.#client.jsonIfFound(
          { path: `${this.#dialect.api}/issue/${encodeURIComponent(key)}`, query: { fields: 'updated' }, action: `read when ${key} changed` },
          jiraIssueSchema,
        );
        if (issue !== undefined) times.set(key, readTrackerItem(this.#dialect, this.#client.baseUrl, issue, []).updated);
      }
      return times;
    }
    for (let start = 0; start < keys.length; start += searchPageLimit) {
      const group = keys.slice(start, start + searchPageLimit);
      let found: { issues: readonly JiraIssue[] };
      try {
        found = await this.#search(`key in (${group.map(quoteJql).join(', ')})`, null, group.length, ['updated'], false);
      } catch (error) {
        // Jira refuses the whole query when one key no longer exists ("An issue with key … does
        // not exist"): those keys are read one by one instead, and a deleted one is left out.
        if (!ExalateError.isInstance(error) || error.code !== 'invalid_request') throw error;
        for (const key of group) {
          const item = await this.#readOne(key);
          if (item) times.set(key, item.updated);
        }
        continue;
      }
      for (const issue of found.issues) {
        const item = readTrackerItem(this.#dialect, this.#client.baseUrl, issue, []);
        times.set(issue.key, item.updated);
      }
    }
    return times;
  }

  async createItems(items: readonly NewItem[]): Promise<readonly BatchCreateOutcome[]> {
    const outcomes: BatchCreateOutcome[] = [];
    for (let start = 0; start < items.length; start += bulkCreateLimit)
      outcomes.push(...(await this.#createGroup(items.slice(start, start + bulkCreateLimit))));
    return outcomes;
  }

  async #createGroup(items: readonly NewItem[]): Promise<BatchCreateOutcome[]> {
    const outcomes: (BatchCreateOutcome | undefined)[] = items.map(() => undefined);
    const createdIds = new Map<string, string>();
    // An item whose fields cannot be built here (an unknown user or field) is refused alone.
    const elements: { index: number; update: unknown }[] = [];
    for (const [index, item] of items.entries()) {
      try {
        const fields = await this.#fieldsFor(item);
        elements.push({ index, update: { fields: { ...fields, project: { key: item.projectKey }, issuetype: { name: item.type } } } });
      } catch (error) {
        outcomes[index] = { ok: false, error: ExalateError.from(error) };
      }
    }
    if (elements.length > 0) {
      const answer = await this.#client.json(
        {
          method: 'POST',
          path: `${this.#dialect.api}/issue/bulk`,
          json: { issueUpdates: elements.map((element) => element.update) },
          // Jira answers 400 with the same CreatedIssues body when every element was refused.
          expectedStatuses: [400],
          action: `create ${elements.length} issues`,
        },
        createdIssuesSchema,
      );
      const refused = new Map(answer.errors.map((error) => [error.failedElementNumber, error]));
      // Created issues are listed in request order, refused elements left out.
      let created = 0;
      for (const [position, element] of elements.entries()) {
        const error = refused.get(position);
        if (error !== undefined) {
          const words = readJiraErrorBody(error.elementErrors) || `status ${error.status ?? 400}`;
          outcomes[element.index] = {
            ok: false,
            error: new ExalateError(
              'invalid_request',
              `${this.#dialect.trackerName} at ${this.#client.baseUrl} refused to create "${items[element.index]!.summary}": ${words}. Change the incoming script or the project's required fields.`,
              { details: { tracker: this.#dialect.tracker } },
            ),
          };
          continue;
        }
        const issue = answer.issues[created];
        created += 1;
        if (issue === undefined) {
          outcomes[element.index] = {
            ok: false,
            error: new ExalateError(
              'internal',
              `${this.#dialect.trackerName} at ${this.#client.baseUrl} reported fewer created issues than it accepted; the missing one is found by the next retry.`,
              { isRetryable: true },
            ),
          };
        } else {
          outcomes[element.index] = { ok: true, key: issue.key, written: null };
          createdIds.set(issue.key, issue.id);
        }
      }
    }
    const complete = outcomes.map(
      (outcome) => outcome ?? { ok: false as const, error: new ExalateError('internal', 'A batch create left an item without an outcome.') },
    );
    const written = await this.#withWrittenState(complete, createdIds);
    return this.#moveToStatuses(items, written, createdIds);
  }

  /**
   * Statuses are reached by transitions after the creation, as the one-item create does, but only
   * where the issue is not in that status already (a new issue mostly starts in the one wanted):
   * two calls per issue saved. The issues moved are read back again, together.
   *
   * An issue whose status cannot be reached exists all the same; it is reported as this item's
   * failure with the workflow's words, so that the other items of the call are not held up by it.
   * Its creation intent adopts the issue on the retry (core/sync/creation-intent.ts), as after a
   * one-item create that failed at this step.
   */
  async #moveToStatuses(
    items: readonly NewItem[],
    outcomes: readonly BatchCreateOutcome[],
    createdIds: ReadonlyMap<string, string>,
  ): Promise<BatchCreateOutcome[]> {
    const moved: BatchCreateOutcome[] = [...outcomes];
    const movedIds = new Map<string, string>();
    for (const [index, item] of items.entries()) {
      const outcome = outcomes[index];
      if (!outcome?.ok || item.status === undefined) continue;
      if (outcome.written !== null && outcome.written.status.trim().toLowerCase() === item.status.trim().toLowerCase()) continue;
      try {
        await moveToStatus(this.#client, this.#dialect, outcome.key, item.status);
        moved[index] = { ...outcome, written: null };
        movedIds.set(outcome.key, createdIds.get(outcome.key) ?? '');
      } catch (error) {
        moved[index] = { ok: false, error: ExalateError.from(error) };
      }
    }
    return movedIds.size === 0 ? moved : this.#withWrittenState(moved, movedIds);
  }

  /**
   * The created issues as written, read back in one search instead of one read each. On Cloud the
   * search names them in `reconcileIssues`, which makes it consistent for those issues (search/jql
   * is otherwise eventually consistent). An issue the search does not return is read by core.
   */
  async #withWrittenState(outcomes: readonly BatchCreateOutcome[], createdIds: ReadonlyMap<string, string>): Promise<BatchCreateOutcome[]> {
    const keys = outcomes.flatMap((outcome) => (outcome.ok && outcome.written === null && createdIds.has(outcome.key) ? [outcome.key] : []));
    if (keys.length === 0) return [...outcomes];
    const ids = keys.map((key) => Number(createdIds.get(key))).filter((id) => Number.isInteger(id) && id > 0);
    const found = await this.#search(`key in (${keys.map(quoteJql).join(', ')})`, null, keys.length, ['*all'], true, ids);
    const written = new Map((await this.#toItems(found.issues)).map((item) => [item.key, item]));
    return outcomes.map((outcome) => (outcome.ok && outcome.written === null ? { ...outcome, written: written.get(outcome.key) ?? null } : outcome));
  }

  /** Whole items; an issue with more comments than the search carried is read in full. */
  async #toItems(issues: readonly JiraIssue[]): Promise<TrackerItem[]> {
    const items: TrackerItem[] = [];
    for (const issue of issues) {
      const comments = issue.fields.comment?.comments ?? [];
      const complete = comments.length >= (issue.fields.comment?.total ?? comments.length);
      const item = complete ? readTrackerItem(this.#dialect, this.#client.baseUrl, issue, comments) : await this.#readOne(issue.key);
      if (item) items.push(item);
    }
    return items;
  }

  /**
   * One search page of whole issues. Cloud's enhanced search pages by token (the old
   * `/rest/api/3/search` was removed in 2025); Server/DC's search pages by offset with a total.
   */
  async #search(
    jql: string,
    cursor: string | null,
    limit: number,
    fields: readonly string[],
    names: boolean,
    reconcileIssues: readonly number[] = [],
  ): Promise<{ issues: JiraIssue[]; nextCursor: string | null }> {
    const expand = names ? 'names' : undefined;
    if (this.#dialect.jqlSearch === 'enhanced') {
      const page =
        reconcileIssues.length > 0
          ? await this.#client.json(
              {
                method: 'POST',
                path: `${this.#dialect.api}/search/jql`,
                idempotent: true,
                json: { jql, maxResults: limit, fields, ...(expand ? { expand } : {}), reconcileIssues },
                action: 'search issues with JQL',
              },
              issueSearchPageSchema,
            )
          : await this.#client.json(
              {
                path: `${this.#dialect.api}/search/jql`,
                query: { jql, maxResults: limit, fields: fields.join(','), expand, nextPageToken: cursor ?? undefined },
                action: 'search issues with JQL',
              },
              issueSearchPageSchema,
            );
      return {
        issues: page.issues.map((issue) => ({ ...issue, names: issue.names ?? page.names })),
        nextCursor: page.isLast === true ? null : (page.nextPageToken ?? null),
      };
    }
    const startAt = cursor === null ? 0 : Number(cursor);
    if (!Number.isInteger(startAt) || startAt < 0)
      throw new ExalateError('invalid_request', `"${cursor}" is not a Jira search cursor; pass back the nextCursor of the previous page.`);
    const page = await this.#client.json(
      { path: `${this.#dialect.api}/search`, query: { jql, startAt, maxResults: limit, fields: fields.join(','), expand }, action: 'search issues with JQL' },
      issueSearchPageSchema,
    );
    const next = startAt + page.issues.length;
    return {
      issues: page.issues.map((issue) => ({ ...issue, names: issue.names ?? page.names })),
      nextCursor: page.issues.length > 0 && next < (page.total ?? 0) ? String(next) : null,
    };
  }
}

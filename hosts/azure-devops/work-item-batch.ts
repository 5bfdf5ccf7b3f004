import { z } from 'zod';
import {
  ExalateError,
  type BatchCreateOutcome,
  type ItemPage,
  type ItemSearchPage,
  type NewItem,
  type TrackerBatchV1,
  type TrackerItem,
  type TriggerConditions,
} from '../../core';
import type { AzureDevOpsClient } from './azure-devops-client';
import { workItemSchema, type CommentResponse, type WorkItemResponse } from './azure-devops-responses';
import { mayHaveComments, toTrackerItem } from './work-item-mapping';

/** "Work Items - Get Work Items Batch" reads at most 200 ids per call (work item tracking 7.1). */
const batchReadLimit = 200;

/** WorkItem list of the batch read; with errorPolicy `omit`, a missing id is a null in its place. */
const workItemBatchSchema = z.looseObject({ value: z.array(workItemSchema.nullable()).default([]) });

export interface WorkItemBatchHelpers {
  /** One page of ids for a trigger's conditions (WIQL, oldest first). */
  searchKeys(trigger: TriggerConditions, page: { readonly cursor: string | null; readonly limit: number }): Promise<ItemSearchPage>;
  /** Creates one work item and answers with it as written. */
  createOne(item: NewItem): Promise<WorkItemResponse>;
  readComments(project: string, key: string): Promise<CommentResponse[]>;
  rememberProject(key: string, project: string): void;
}

/**
 * The batch half of the Tracker port over Azure DevOps REST 7.1. Reads go through
 * `POST _apis/wit/workitemsbatch` (200 work items a call). Work item tracking 7.1 publishes no
 * batch create, so each work item is one `POST …/workitems/$Type`; its answer is the work item as
 * written, which spares the read after the write.
 */
export class WorkItemBatchOperations implements TrackerBatchV1 {
  readonly version = 1 as const;
  /** One call per work item either way: the batch only spares the read after each. */
  readonly maximumCreateBatch = 20;
  readonly #client: AzureDevOpsClient;
  readonly #apiVersion: string;
  readonly #helpers: WorkItemBatchHelpers;

  constructor(client: AzureDevOpsClient, apiVersion: string, helpers: WorkItemBatchHelpers) {
    this.#client = client;
    this.#apiVersion = apiVersion;
    this.#helpers = helpers;
  }

  async searchItemsWithFields(trigger: TriggerConditions, page: { readonly cursor: string | null; readonly limit: number }): Promise<ItemPage> {
    const keys = await this.#helpers.searchKeys(trigger, { cursor: page.cursor, limit: Math.min(Math.max(page.limit, 1), batchReadLimit) });
    const workItems = await this.#read(keys.keys, { $expand: 'all' });
    const items: TrackerItem[] = [];
    for (const workItem of workItems) {
      const key = String(workItem.id);
      const project = String(workItem.fields['System.TeamProject'] ?? '');
      this.#helpers.rememberProject(key, project);
      const comments = mayHaveComments(workItem) ? await this.#helpers.readComments(project, key) : [];
      items.push(toTrackerItem(this.#client.organizationUrl, workItem, comments));
    }
    return { items, nextCursor: keys.nextCursor };
  }

  async readUpdatedTimes(keys: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const times = new Map<string, string>();
    const wanted = keys.filter((key) => /^\d+$/.test(key));
    for (const workItem of await this.#read(wanted, { fields: ['System.Id', 'System.ChangedDate'] })) {
      times.set(String(workItem.id), toTrackerItem(this.#client.organizationUrl, workItem, []).updated);
    }
    return times;
  }

  async createItems(items: readonly NewItem[]): Promise<readonly BatchCreateOutcome[]> {
    const outcomes: BatchCreateOutcome[] = [];
    for (const item of items) {
      try {
        const written = await this.#helpers.createOne(item);
        // A new work item has no comments: its answer is the whole item.
        outcomes.push({ ok: true, key: String(written.id), written: toTrackerItem(this.#client.organizationUrl, written, []) });
      } catch (error) {
        // A refusal is this item's alone; an unknown outcome (the connection broke) stops the
        // batch, so that no item after it is reported created or not without knowing.
        if (isRefusal(error)) outcomes.push({ ok: false, error });
        else throw error;
      }
    }
    return outcomes;
  }

  /** Work items in the order asked, 200 a call; ids that no longer exist are left out (errorPolicy omit). */
  async #read(keys: readonly string[], shape: { readonly $expand: string } | { readonly fields: readonly string[] }): Promise<WorkItemResponse[]> {
    const found: WorkItemResponse[] = [];
    for (let start = 0; start < keys.length; start += batchReadLimit) {
      const ids = keys.slice(start, start + batchReadLimit).map(Number);
      const answer = await this.#client.json(
        {
          method: 'POST',
          path: '/_apis/wit/workitemsbatch',
          apiVersion: this.#apiVersion,
          idempotent: true,
          json: { ids, errorPolicy: 'omit', ...shape },
          action: `read ${ids.length} work items`,
        },
        workItemBatchSchema,
      );
      for (const workItem of answer.value.value) if (workItem !== null) found.push(workItem);
    }
    return found;
  }
}

/**
 * The service answered 4xx (other than 429): it did not create the work item, and says why. Any
 * other failure (5xx, 429 after its retries, a broken connection) leaves the outcome unknown.
 */
function isRefusal(error: unknown): error is ExalateError {
  if (!ExalateError.isInstance(error)) return false;
  const status = error.details?.['status'];
  return typeof status === 'number' && status >= 400 && status < 500 && status !== 429;
}

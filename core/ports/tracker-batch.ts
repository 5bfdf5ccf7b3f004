import type { ExalateError } from '../errors';
import type { TriggerConditions } from '../trackers/trigger-condition';
import type { NewItem, TrackerItem } from './tracker-item';

/** One page of items with every field a replica needs, read by one search. */
export interface ItemPage {
  readonly items: readonly TrackerItem[];
  /** Opaque; null when there is nothing more. */
  readonly nextCursor: string | null;
}

/**
 * What became of one item of a batch create. `written` is the item as the tracker holds it right
 * after the write, when the tracker answered with it (or the adapter read it in the same batch);
 * null when it did not, and core reads it itself.
 */
export type BatchCreateOutcome =
  { readonly ok: true; readonly key: string; readonly written: TrackerItem | null } | { readonly ok: false; readonly error: ExalateError };

/**
 * The optional batch half of the Tracker port: the same reads and writes as TrackerItemOperations,
 * many items a call, for trackers whose API offers it (Jira `search/jql` with fields and
 * `issue/bulk`, Azure DevOps `workitemsbatch`, Asana `/batch`). Core uses it when present and the
 * one-item operations otherwise; the results must be the same either way, only the number of calls
 * differs. A breaking change adds TrackerBatchV2 beside this one.
 */
export interface TrackerBatchV1 {
  readonly version: 1;
  /** Like `searchItems`, but with the items themselves: bulk sync reads a page in one search instead of one read per item. */
  searchItemsWithFields(trigger: TriggerConditions, page: { readonly cursor: string | null; readonly limit: number }): Promise<ItemPage>;
  /**
   * The tracker's last-changed time (ISO 8601, the TrackerItem's `updated`) of each key, in as few
   * calls as the tracker allows. An item that does not exist is left out. This is how the engine
   * recognises the event of its own write without reading the whole item.
   */
  readUpdatedTimes(keys: readonly string[]): Promise<ReadonlyMap<string, string>>;
  /** The most items one `createItems` call takes. */
  readonly maximumCreateBatch: number;
  /**
   * True when `createItems` sends its items to the tracker in one request (Jira's `issue/bulk`):
   * core then gathers creations made at the same time into one call (core/sync/create-batcher.ts).
   * Left out where each item is a request of its own (Azure DevOps): gathering would only put
   * creations that run side by side in a row.
   */
  readonly createsInOneRequest?: boolean | undefined;
  /**
   * Creates the items with as few calls as the tracker allows: one outcome per item, in order. An
   * item the tracker refuses does not stop the others. It throws only when the outcome of the
   * whole call is unknown (the connection broke after sending): then nothing is reported, and
   * core's creation intents find what was created (creation-intent.ts).
   */
  createItems(items: readonly NewItem[]): Promise<readonly BatchCreateOutcome[]>;
}

/**
 * How a tracker offers the batch half: many items a call, where the tracker's API offers it; core
 * falls back to TrackerItemOperations without it. Beside the item half, not inside it, so that the
 * item types stand on their own and this port builds on them.
 */
export interface TrackerBatchCapability {
  readonly batch?: TrackerBatchV1 | undefined;
}

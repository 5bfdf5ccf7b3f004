import type { RichText } from '../rich-text/rich-text';
import type { TriggerConditions } from '../trackers/trigger-condition';

/** A person as trackers name them; email is how people are matched across trackers. */
export interface TrackerUser {
  readonly email: string | null;
  readonly displayName: string;
  /** The tracker's own id (Jira accountId or user key, ADO descriptor or uniqueName, Asana gid). */
  readonly id: string;
}

export interface TrackerComment {
  readonly id: string;
  readonly author: TrackerUser | null;
  readonly body: RichText;
  /** ISO 8601. */
  readonly created: string;
  readonly updated: string;
}

export interface TrackerAttachment {
  readonly id: string;
  readonly filename: string;
  readonly mimeType: string;
  readonly size: number;
  readonly created: string;
}

/**
 * One issue, work item or task, in the shape every adapter returns. Values are the tracker's own
 * names (status "In Progress", type "Bug"); mapping between trackers is the scripts' job.
 */
export interface TrackerItem {
  /** Jira issue key (SUP-12), Azure DevOps work item id ("42"), Asana task gid. */
  readonly key: string;
  readonly projectKey: string;
  readonly type: string;
  readonly summary: string;
  readonly description: RichText;
  /** Jira status name, ADO System.State, Asana "completed" / "incomplete". */
  readonly status: string;
  readonly priority: string | null;
  readonly labels: readonly string[];
  readonly assignee: TrackerUser | null;
  readonly reporter: TrackerUser | null;
  readonly comments: readonly TrackerComment[];
  readonly attachments: readonly TrackerAttachment[];
  /** By field name as admins see it (Jira field name, ADO reference name, Asana custom field name). */
  readonly customFields: Readonly<Record<string, unknown>>;
  readonly parentKey: string | null;
  /** ISO 8601, from the tracker. */
  readonly updated: string;
  /** Where a person opens the item in the tracker. */
  readonly url: string;
}

/** What an incoming sync asks the tracker to change; a field left out is not touched. */
export interface ItemChanges {
  readonly summary?: string;
  readonly description?: RichText;
  /** Adapters reach it the tracker's way: a Jira transition, ADO System.State, Asana completed. */
  readonly status?: string;
  readonly priority?: string | null;
  readonly labels?: readonly string[];
  /** Resolved to a tracker user by email; null clears the assignee. */
  readonly assigneeEmail?: string | null;
  readonly customFields?: Readonly<Record<string, unknown>>;
  readonly parentKey?: string | null;
}

export interface NewItem extends ItemChanges {
  readonly projectKey: string;
  readonly type: string;
  readonly summary: string;
}

export interface ItemSearchPage {
  readonly keys: readonly string[];
  /** Opaque; null when there is nothing more. */
  readonly nextCursor: string | null;
}

/** The item half of the Tracker port: what the sync engine reads and writes, one item a call (TrackerBatchCapability adds the batch half). */
export interface TrackerItemOperations {
  /** undefined when the item does not exist (or was deleted). */
  getItem(key: string): Promise<TrackerItem | undefined>;
  /**
   * Keys of items matching a trigger, oldest first. Core has read the trigger's text with the one
   * grammar (core/trackers/trigger-query.ts) and refused it there if it did not parse; the adapter
   * only writes the conditions as its tracker's search (JQL, a WIQL WHERE clause, Asana's task
   * list filters), and refuses with invalid_request a condition its tracker cannot search.
   */
  searchItems(trigger: TriggerConditions, page: { readonly cursor: string | null; readonly limit: number }): Promise<ItemSearchPage>;
  /** Keys of items changed at or after `since` (ISO 8601): the reconciler's safety net for missed events. */
  listChangedSince(projectKey: string, since: string, page: { readonly cursor: string | null; readonly limit: number }): Promise<ItemSearchPage>;
  createItem(item: NewItem): Promise<{ readonly key: string }>;
  updateItem(key: string, changes: ItemChanges): Promise<void>;
  /**
   * Optional: writes like updateItem and answers with the item as getItem would read it right
   * after, so the read after the write is spared: from the write's answer (Azure DevOps' PATCH,
   * Asana's PUT), or from the read just before with the values written (Jira, whose edit answers
   * with no body). Where the write gave no time, `updated` is the time of that read, and the
   * adapter's change intake reports the event of this write with that same time. Null when the
   * adapter cannot tell the item as written: the engine then reads it.
   */
  readonly updateItemReturningItem?: ((key: string, changes: ItemChanges) => Promise<TrackerItem | null>) | undefined;
  addComment(key: string, body: RichText): Promise<{ readonly id: string }>;
  updateComment(key: string, commentId: string, body: RichText): Promise<void>;
  findUserByEmail(email: string): Promise<TrackerUser | undefined>;
  downloadAttachment(key: string, attachmentId: string): Promise<Uint8Array>;
  uploadAttachment(key: string, file: { readonly filename: string; readonly mimeType: string; readonly content: Uint8Array }): Promise<{ readonly id: string }>;
}

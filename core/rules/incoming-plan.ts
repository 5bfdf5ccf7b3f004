import type { ItemChanges, NewItem } from '../ports/tracker-item';
import type { RichText } from '../rich-text/rich-text';

/**
 * Everything an incoming script asked for, computed without writing anything. The engine applies
 * it in this order: create (first sync) or changes, comments, attachments, transitions; then it
 * records the new comment and attachment links, and unlinks the twin if asked.
 */
export interface IncomingPlan {
  /** First sync only: the item to create. null when the script set no summary (it creates nothing). */
  readonly create: NewItem | null;
  /** The difference between the item and what the script left it as; empty on first sync. */
  readonly changes: ItemChanges;
  readonly commentsToAdd: readonly { readonly remoteId: string; readonly body: RichText }[];
  readonly commentsToUpdate: readonly { readonly localId: string; readonly remoteId: string; readonly body: RichText }[];
  /** Content is downloaded from the sender and checked against the replica's contentHash. */
  readonly attachmentsToAdd: readonly { readonly remoteId: string; readonly filename: string; readonly mimeType: string }[];
  /** Named workflow transitions (Jira), in the order the script asked for them. */
  readonly transitions: readonly string[];
  /** Emails the script looked up or assigned: resolve each to a tracker user before writing. */
  readonly userLookups: readonly string[];
  /** Stop syncing this item once this message is applied. */
  readonly unlinkAfterProcessing: boolean;
}

/** True when applying the plan would write nothing to the tracker. */
export function isEmptyIncomingPlan(plan: IncomingPlan): boolean {
  return (
    plan.create === null &&
    Object.keys(plan.changes).length === 0 &&
    plan.commentsToAdd.length === 0 &&
    plan.commentsToUpdate.length === 0 &&
    plan.attachmentsToAdd.length === 0 &&
    plan.transitions.length === 0 &&
    !plan.unlinkAfterProcessing
  );
}

import type { HubHost } from './hub-host';

/**
 * What Exalate's surfaces on a work item need from Azure DevOps, behind one interface: the SDK in
 * production (sdk-work-item-host.ts), anything else in tests. The node is reached exactly as the
 * hub reaches it: the node URL this user saved (scope User) and the SDK's app token.
 */
export interface WorkItemHost {
  readonly node: Pick<HubHost, 'appToken' | 'readNodeUrl' | 'readSuggestedNodeUrl' | 'saveNodeUrl' | 'organization' | 'isServer'>;
  /**
   * The work item the form shows, as the node keys work items (its id, "42"); null while the form
   * shows a new work item that has no id yet.
   */
  readWorkItemKey(): Promise<string | null>;
  /**
   * Calls `listener` whenever the form loads another work item, saves or refreshes this one, so
   * the group shows what is true now; answers the function that stops it.
   */
  onWorkItemChanged(listener: () => void): () => void;
  /** Opens "Exalate this work item" over the page (the host's dialog), for this work item. */
  openExalateDialog(workItemKey: string): Promise<void>;
}

/**
 * The work item id a context menu action is given. Azure DevOps names it differently by where the
 * menu was opened: `workItemId` on the form's ⋯ menu, `workItemIds` (and `id`) on boards, backlogs
 * and query results. The first one is the item this action is about.
 */
export function workItemKeyOfActionContext(context: unknown): string | null {
  if (typeof context !== 'object' || context === null) return null;
  const { workItemId, workItemIds, id } = context as { workItemId?: unknown; workItemIds?: unknown; id?: unknown };
  const candidates = [workItemId, Array.isArray(workItemIds) ? workItemIds[0] : undefined, id];
  for (const candidate of candidates) {
    if ((typeof candidate === 'number' && Number.isInteger(candidate) && candidate > 0) || (typeof candidate === 'string' && /^[1-9]\d*$/.test(candidate)))
      return String(candidate);
  }
  return null;
}

import * as SDK from 'azure-devops-extension-sdk';
import { openExalateDialog, workItemFormServiceId } from './sdk-work-item-host';
import { workItemKeyOfActionContext } from './work-item-host';

/**
 * The work item context menu's "Exalate" action (`ms.vss-web.action` on
 * `ms.vss-work-web.work-item-context-menu`). Azure DevOps loads this page when the action is first
 * chosen and calls `execute(actionContext)` on the object registered under the manifest's
 * `registeredObjectId`; the object is registered before the handshake so it is there when called.
 * It opens "Exalate this work item" in the host's dialog; there is nothing to show here.
 */
SDK.register('work-item-action', () => ({
  execute: async (actionContext: unknown) => {
    const workItemKey = workItemKeyOfActionContext(actionContext);
    // A new, unsaved work item has no id yet: there is nothing to exalate until it is saved.
    if (workItemKey === null) return;
    // From the form's own menu, the form is refreshed afterwards, which tells the Exalate group to read its twins again.
    await openExalateDialog(workItemKey, () => void refreshOpenForm());
  },
}));

/** The form's refresh, when the menu was opened on a work item form; boards and backlogs have no form to refresh. */
async function refreshOpenForm(): Promise<void> {
  try {
    const form = await SDK.getService<{ refresh?: () => Promise<void> }>(workItemFormServiceId);
    await form?.refresh?.();
  } catch {
    // No form on this page.
  }
}

void SDK.init({ loaded: true });

import * as SDK from 'azure-devops-extension-sdk';
import { createSdkHubHost } from './sdk-hub-host';
import type { WorkItemHost } from './work-item-host';
import { workItemWords } from './work-item-words';

/** The work item form service (azure-devops-extension-api's IWorkItemFormService, the part used). */
interface WorkItemFormService {
  getId(): Promise<number>;
}

/** The host page's layout service (azure-devops-extension-api's IHostPageLayoutService, the part used). */
interface HostPageLayoutService {
  openCustomDialog<Result>(
    contentContributionId: string,
    options?: { title?: string; configuration?: unknown; onClose?: (result: Result | undefined) => void },
  ): void;
}

/** WorkItemTrackingServiceIds.WorkItemFormService in azure-devops-extension-api. */
export const workItemFormServiceId = 'ms.vss-work-web.work-item-form';
/** CommonServiceIds.HostPageLayoutService in azure-devops-extension-api. */
export const hostPageLayoutServiceId = 'ms.vss-features.host-page-layout-service';
/** The dialog's contribution in manifests/azure-devops/vss-extension.json, under the extension's id. */
export const exalateDialogContribution = 'work-item-dialog';
/** What the dialog is given through the host (IDialogOptions.configuration), and reads back with SDK.getConfiguration(). */
export interface ExalateDialogConfiguration {
  readonly workItemKey: string;
}

/**
 * The form's notifications to a contributed group (IWorkItemNotificationListener): each may mean
 * the group shows another work item, or that this one changed.
 */
const formNotifications = ['onLoaded', 'onSaved', 'onRefreshed', 'onReset', 'onUnloaded'] as const;

/**
 * The work item surfaces' host over azure-devops-extension-sdk; call after `SDK.ready()`. The form
 * calls the object registered under the contribution's id (learn.microsoft.com/azure/devops/
 * extend/develop/add-workitem-extension), so it is registered here once.
 */
export function createSdkWorkItemHost(): WorkItemHost {
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of listeners) listener();
  };
  SDK.register(SDK.getContributionId(), () => Object.fromEntries(formNotifications.map((name) => [name, notify])));
  return {
    node: createSdkHubHost(),
    readWorkItemKey: async () => {
      const id = await (await SDK.getService<WorkItemFormService>(workItemFormServiceId)).getId();
      // A new work item has no id until it is saved (the form answers 0 or a negative number).
      return Number.isInteger(id) && id > 0 ? String(id) : null;
    },
    onWorkItemChanged: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    openExalateDialog: (workItemKey) => openExalateDialog(workItemKey, notify),
  };
}

/**
 * "Exalate this work item" in the host's dialog, over whatever page opened it (the form's group,
 * or a context menu on a board, a backlog or a query's results). `onClose` runs when it closes.
 */
export async function openExalateDialog(workItemKey: string, onClose?: () => void): Promise<void> {
  const layout = await SDK.getService<HostPageLayoutService>(hostPageLayoutServiceId);
  const configuration: ExalateDialogConfiguration = { workItemKey };
  layout.openCustomDialog(`${SDK.getExtensionContext().id}.${exalateDialogContribution}`, {
    title: workItemWords.dialogTitle,
    configuration,
    ...(onClose ? { onClose } : {}),
  });
}

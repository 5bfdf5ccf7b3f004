import 'azure-devops-ui/Core/override.css';
import './work-item.css';
import * as SDK from 'azure-devops-extension-sdk';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createSdkWorkItemHost } from './sdk-work-item-host';
import { WorkItemGroup } from './work-item-group';

/**
 * The work item form group "Exalate" (`ms.vss-work-web.work-item-form-group`): the work item's
 * twins and their actions. The SDK applies the organization's theme; `loaded: false` keeps the
 * form's spinner until the first render.
 */
async function start(): Promise<void> {
  await SDK.init({ loaded: false, applyTheme: true });
  await SDK.ready();
  const root = document.getElementById('root');
  if (!root) return;
  createRoot(root).render(
    <StrictMode>
      <WorkItemGroup host={createSdkWorkItemHost()} />
    </StrictMode>,
  );
  await SDK.notifyLoadSucceeded();
}

start().catch((error: unknown) => void SDK.notifyLoadFailed(error instanceof Error ? error : String(error)));

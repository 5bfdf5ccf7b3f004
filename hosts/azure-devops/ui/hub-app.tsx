import 'azure-devops-ui/Core/override.css';
import './hub.css';
import * as SDK from 'azure-devops-extension-sdk';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AzureDevOpsHub } from './azure-devops-hub';
import { createSdkHubHost } from './sdk-hub-host';

/**
 * The hub's entry (Organization settings → Extensions → Exalate). The SDK applies the
 * organization's theme; `loaded: false` keeps Azure DevOps' spinner until the first render.
 */
async function start(): Promise<void> {
  await SDK.init({ loaded: false, applyTheme: true });
  await SDK.ready();
  const root = document.getElementById('root');
  if (!root) return;
  createRoot(root).render(
    <StrictMode>
      <AzureDevOpsHub host={createSdkHubHost()} />
    </StrictMode>,
  );
  await SDK.notifyLoadSucceeded();
}

start().catch((error: unknown) => void SDK.notifyLoadFailed(error instanceof Error ? error : String(error)));

import * as SDK from 'azure-devops-extension-sdk';
import { StrictMode, type ReactElement } from 'react';
import { createRoot } from 'react-dom/client';

/**
 * Starts one of the extension's pages inside Azure DevOps: the SDK handshake, then the page in
 * #root. The SDK applies the organization's theme; `loaded: false` keeps the host's spinner until
 * the first render, and a page that cannot start is reported to the host (notifyLoadFailed), which
 * shows its own error in the page's place. `render` runs once the SDK is ready, so it may read the
 * contribution's configuration, and a throw from it is reported the same way.
 */
export function mountExtensionPage(render: () => ReactElement): void {
  start(render).catch((error: unknown) => void SDK.notifyLoadFailed(error instanceof Error ? error : String(error)));
}

async function start(render: () => ReactElement): Promise<void> {
  await SDK.init({ loaded: false, applyTheme: true });
  await SDK.ready();
  const root = document.getElementById('root');
  if (!root) return;
  createRoot(root).render(<StrictMode>{render()}</StrictMode>);
  await SDK.notifyLoadSucceeded();
}

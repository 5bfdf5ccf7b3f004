import 'azure-devops-ui/Core/override.css';
import './work-item.css';
import * as SDK from 'azure-devops-extension-sdk';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { createSdkHubHost } from './sdk-hub-host';
import { ExalateWorkItemDialog } from './exalate-work-item-dialog';

/**
 * "Exalate this work item", the content of the host's dialog (`ms.vss-web.external-content`,
 * opened with IHostPageLayoutService.openCustomDialog). The opener passes the work item in the
 * dialog's configuration, and the host adds `dialog.close(result)`, which closes it.
 */
const configurationSchema = z.looseObject({
  workItemKey: z.string().regex(/^[1-9]\d*$/),
  dialog: z.looseObject({ close: z.custom<(result?: unknown) => void>((value) => typeof value === 'function') }).optional(),
});

async function start(): Promise<void> {
  await SDK.init({ loaded: false, applyTheme: true });
  await SDK.ready();
  const root = document.getElementById('root');
  if (!root) return;
  const configuration = configurationSchema.safeParse(SDK.getConfiguration());
  if (!configuration.success) throw new Error('Exalate this work item was opened without a saved work item to exalate.');
  const close = (result?: unknown) => configuration.data.dialog?.close(result);
  createRoot(root).render(
    <StrictMode>
      <ExalateWorkItemDialog node={createSdkHubHost()} workItemKey={configuration.data.workItemKey} onClose={close} />
    </StrictMode>,
  );
  await SDK.notifyLoadSucceeded();
}

start().catch((error: unknown) => void SDK.notifyLoadFailed(error instanceof Error ? error : String(error)));

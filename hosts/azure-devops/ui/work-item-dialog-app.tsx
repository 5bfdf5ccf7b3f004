import 'azure-devops-ui/Core/override.css';
import './work-item.css';
import * as SDK from 'azure-devops-extension-sdk';
import { z } from 'zod';
import { ExalateWorkItemDialog } from './exalate-work-item-dialog';
import { mountExtensionPage } from './extension-page-mount';
import { createSdkHubHost } from './sdk-hub-host';

/**
 * "Exalate this work item", the content of the host's dialog (`ms.vss-web.external-content`,
 * opened with IHostPageLayoutService.openCustomDialog). The opener passes the work item in the
 * dialog's configuration, and the host adds `dialog.close(result)`, which closes it.
 */
const configurationSchema = z.looseObject({
  workItemKey: z.string().regex(/^[1-9]\d*$/),
  dialog: z.looseObject({ close: z.custom<(result?: unknown) => void>((value) => typeof value === 'function') }).optional(),
});

mountExtensionPage(() => {
  const configuration = configurationSchema.safeParse(SDK.getConfiguration());
  if (!configuration.success) throw new Error('Exalate this work item was opened without a saved work item to exalate.');
  const close = (result?: unknown) => configuration.data.dialog?.close(result);
  return <ExalateWorkItemDialog node={createSdkHubHost()} workItemKey={configuration.data.workItemKey} onClose={close} />;
});

// The SDK's own XDM channel, by path: the package exports only its SDK entry.
import { channelManager } from '../../../node_modules/azure-devops-extension-sdk/esm/XDM';

/**
 * The sandbox's stand-in for the Azure DevOps page around an extension's hub iframe. It answers
 * the unmodified hub bundle's SDK over the SDK's own XDM channel: the initial handshake, the app
 * token (signed by the sandbox server as Azure DevOps would, and verified by the node), and the
 * extension data service (kept by the sandbox server, shared by the organization). The page passes
 * its URLs in this script tag's `data-*` attributes.
 */
const script = document.currentScript as HTMLScriptElement;
const frame = document.getElementById('hub-frame') as HTMLIFrameElement;
const organization = script.dataset['organization'] ?? 'acme';
const hostApi = script.dataset['hostApi'] ?? '';
/** Azure DevOps Server answers `isHosted: false`, Services `true` (the SDK's IHostContext). */
const isHosted = script.dataset['isHosted'] !== 'false';

async function hostCall(path: string, init?: RequestInit): Promise<unknown> {
  const response = await fetch(`${hostApi}${path}`, init);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json() as Promise<unknown>;
}

const channel = channelManager.addChannel(frame.contentWindow as Window, location.origin);
channel.getObjectRegistry().register('DevOps.HostControl', {
  initialHandshake: () => ({
    contributionId: 'idalko-tools.exalate.adnode',
    initialConfig: {},
    context: {
      extension: { id: 'idalko-tools.exalate', publisherId: 'idalko-tools', extensionId: 'exalate', version: '0.1.0' },
      user: { id: 'sandbox-admin', name: 'alex@acme.example', displayName: 'Alex Admin', descriptor: 'aad.sandbox-admin', imageUrl: '' },
      host: { id: `org-${organization}`, name: organization, serviceVersion: 'sandbox', type: 4, isHosted },
    },
  }),
  notifyLoadSucceeded: () => frame.setAttribute('data-loaded', 'true'),
  notifyLoadFailed: (error: unknown) => console.error('The Exalate hub failed to load', error),
  getAppToken: () => hostCall('/app-token', { method: 'POST' }),
  getAccessToken: () => ({ token: 'sandbox-access-token' }),
  resize: () => undefined,
});
channel.getObjectRegistry().register('DevOps.ServiceManager', {
  getService: (contributionId: string) =>
    contributionId === 'ms.vss-features.extension-data-service'
      ? {
          getExtensionDataManager: () => ({
            getValue: async (key: string, options?: { defaultValue?: unknown }) => {
              const { value } = (await hostCall(`/extension-data/${encodeURIComponent(key)}`)) as { value?: unknown };
              return value ?? options?.defaultValue;
            },
            setValue: async (key: string, value: unknown) => {
              await hostCall(`/extension-data/${encodeURIComponent(key)}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ value }) });
              return value;
            },
          }),
        }
      : undefined,
});
frame.src = frame.dataset['src'] ?? '';

// The SDK's own XDM channel, by path: the package exports only its SDK entry.
import { channelManager } from '../../../node_modules/azure-devops-extension-sdk/esm/XDM';

/**
 * A stand-in for the Azure DevOps page that hosts an extension's hub iframe, for screenshots only:
 * it answers the unmodified hub bundle's SDK over the SDK's own XDM channel (initial handshake,
 * app and access tokens, the extension data service). The app token is the node's admin token
 * here, because the screenshot node does not verify app tokens.
 */
const script = document.currentScript as HTMLScriptElement;
const frame = document.getElementById('hub-frame') as HTMLIFrameElement;
const appToken = script.dataset['appToken'] ?? '';
const documents = new Map<string, unknown>(script.dataset['nodeUrl'] ? [['exalate-node-url', script.dataset['nodeUrl']]] : []);

const channel = channelManager.addChannel(frame.contentWindow as Window, location.origin);
channel.getObjectRegistry().register('DevOps.HostControl', {
  initialHandshake: () => ({
    contributionId: 'idalko-tools.exalate.adnode',
    initialConfig: {},
    context: {
      extension: { id: 'idalko-tools.exalate', publisherId: 'idalko-tools', extensionId: 'exalate', version: '0.1.0' },
      user: { id: 'u-1', name: 'alex@acme.example', displayName: 'Alex Admin', descriptor: 'aad.1', imageUrl: '' },
      host: { id: 'org-1', name: 'acme', serviceVersion: 'screenshot', type: 4, isHosted: true },
    },
  }),
  notifyLoadSucceeded: () => undefined,
  notifyLoadFailed: (error: unknown) => console.error('hub failed to load', error),
  getAppToken: () => ({ token: appToken }),
  getAccessToken: () => ({ token: 'screenshot-access-token' }),
  resize: () => undefined,
});
channel.getObjectRegistry().register('DevOps.ServiceManager', {
  getService: (contributionId: string) =>
    contributionId === 'ms.vss-features.extension-data-service'
      ? {
          getExtensionDataManager: () => ({
            getValue: (key: string, options?: { defaultValue?: unknown }) => (documents.has(key) ? documents.get(key) : options?.defaultValue),
            setValue: (key: string, value: unknown) => {
              documents.set(key, value);
              return value;
            },
          }),
        }
      : undefined,
});
frame.src = frame.dataset['src'] ?? '';

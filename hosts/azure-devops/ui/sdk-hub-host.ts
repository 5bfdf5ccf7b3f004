import * as SDK from 'azure-devops-extension-sdk';
import { nodeUrlSettingKey, type HubHost } from './hub-host';

/** The extension data service's manager (azure-devops-extension-api's IExtensionDataManager, the part used). */
interface ExtensionDataManager {
  getValue<T>(key: string, documentOptions?: { scopeType?: string; defaultValue?: T }): Promise<T>;
  setValue<T>(key: string, value: T, documentOptions?: { scopeType?: string }): Promise<T>;
}

interface ExtensionDataService {
  getExtensionDataManager(extensionId: string, accessToken: string): Promise<ExtensionDataManager>;
}

/** CommonServiceIds.ExtensionDataService in azure-devops-extension-api. */
const extensionDataServiceId = 'ms.vss-features.extension-data-service';
/** Shared by every user of the organization (the other scope, "User", would be per admin). */
const sharedScope = { scopeType: 'Default' } as const;

/** The hub's host over azure-devops-extension-sdk; call after `SDK.ready()`. */
export function createSdkHubHost(): HubHost {
  let manager: Promise<ExtensionDataManager> | undefined;
  const dataManager = () =>
    (manager ??= (async () => {
      const service = await SDK.getService<ExtensionDataService>(extensionDataServiceId);
      return service.getExtensionDataManager(SDK.getExtensionContext().id, await SDK.getAccessToken());
    })());
  const host = SDK.getHost();
  return {
    organization: host.name,
    // The SDK's IHostContext.isHosted: true on Azure DevOps Services, false on Azure DevOps Server.
    isServer: host.isHosted === false,
    appToken: () => SDK.getAppToken(),
    readNodeUrl: async () => {
      const value = await (await dataManager()).getValue<string>(nodeUrlSettingKey, { ...sharedScope, defaultValue: '' });
      return value === '' ? null : value;
    },
    saveNodeUrl: async (nodeUrl) => {
      await (await dataManager()).setValue(nodeUrlSettingKey, nodeUrl, sharedScope);
    },
  };
}

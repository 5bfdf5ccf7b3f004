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
/** Shared by the organization: any of its users may write it, so it only suggests (see chooseNodeUrl). */
const sharedScope = { scopeType: 'Default' } as const;
/** This user's own: the only node URL the hub sends its app token to. */
const ownScope = { scopeType: 'User' } as const;

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
    extensionId: SDK.getExtensionContext().id,
    // The SDK's IHostContext.isHosted: true on Azure DevOps Services, false on Azure DevOps Server.
    isServer: host.isHosted === false,
    appToken: () => SDK.getAppToken(),
    readNodeUrl: async () => {
      const value = await (await dataManager()).getValue<string>(nodeUrlSettingKey, { ...ownScope, defaultValue: '' });
      return typeof value === 'string' && value !== '' ? value : null;
    },
    readSuggestedNodeUrl: async () => {
      const value = await (await dataManager()).getValue<string>(nodeUrlSettingKey, { ...sharedScope, defaultValue: '' });
      return typeof value === 'string' && value !== '' ? value : null;
    },
    saveNodeUrl: async (nodeUrl) => {
      const manager = await dataManager();
      await manager.setValue(nodeUrlSettingKey, nodeUrl, ownScope);
      await manager.setValue(nodeUrlSettingKey, nodeUrl, sharedScope);
    },
  };
}

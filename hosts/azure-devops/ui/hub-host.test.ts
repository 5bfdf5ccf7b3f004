import * as SDK from 'azure-devops-extension-sdk';
import { chooseNodeUrl, nodeUrlSettingKey, readNodeUrlInput } from './hub-host';
import { createSdkHubHost } from './sdk-hub-host';

jest.mock('azure-devops-extension-sdk', () => ({
  getService: jest.fn(),
  getExtensionContext: () => ({ id: 'idalko-tools.exalate' }),
  getAccessToken: async () => 'access-token',
  getAppToken: jest.fn(async () => 'app-token'),
  getHost: jest.fn(() => ({ name: 'acme', isHosted: true })),
}));

// Extension data at the Default (collection) scope can be written by any user of the organization;
// the User scope only by that user (learn.microsoft.com/azure/devops/extend/develop/data-storage).
// The hub keeps the node URL, where its token goes, at the User scope.
describe('the organization’s node URL', () => {
  it('is checked before it is saved: https only, so the app token never crosses in clear text', () => {
    expect(readNodeUrlInput(' https://exalate.acme.example/ ')).toEqual({ url: 'https://exalate.acme.example' });
    expect(readNodeUrlInput('http://exalate.acme.example')).toMatchObject({ problem: expect.stringContaining('https://') });
    expect(readNodeUrlInput('http://localhost:8080')).toEqual({ url: 'http://localhost:8080' });
    expect(readNodeUrlInput('exalate.acme.example')).toMatchObject({ problem: expect.stringContaining('address') });
    expect(readNodeUrlInput('https://user:secret@exalate.acme.example')).toMatchObject({ problem: expect.any(String) });
  });

  /** The extension data service as Azure DevOps keeps it: one document per key and scope. */
  function extensionData() {
    const documents = new Map<string, unknown>();
    const where = (key: string, options?: { scopeType?: string }) => `${options?.scopeType ?? 'Default'}/${key}`;
    const manager = {
      getValue: jest.fn(
        async (key: string, options: { scopeType?: string; defaultValue: unknown }) => documents.get(where(key, options)) ?? options.defaultValue,
      ),
      setValue: jest.fn(async (key: string, value: unknown, options?: { scopeType?: string }) => documents.set(where(key, options), value)),
    };
    const getExtensionDataManager = jest.fn(async () => manager);
    (SDK.getService as jest.Mock).mockResolvedValue({ getExtensionDataManager });
    return { manager, getExtensionDataManager };
  }

  it('is kept with the extension data service, as the admin’s own (scope User) and offered to the organization (scope Default)', async () => {
    const { manager, getExtensionDataManager } = extensionData();
    const host = createSdkHubHost();
    expect(await host.readNodeUrl()).toBeNull();
    await host.saveNodeUrl('https://exalate.acme.example');
    expect(await host.readNodeUrl()).toBe('https://exalate.acme.example');
    expect(await host.readSuggestedNodeUrl()).toBe('https://exalate.acme.example');
    expect(SDK.getService).toHaveBeenCalledWith('ms.vss-features.extension-data-service');
    expect(getExtensionDataManager).toHaveBeenCalledWith('idalko-tools.exalate', 'access-token');
    expect(manager.setValue).toHaveBeenCalledWith(nodeUrlSettingKey, 'https://exalate.acme.example', { scopeType: 'User' });
    expect(manager.setValue).toHaveBeenCalledWith(nodeUrlSettingKey, 'https://exalate.acme.example', { scopeType: 'Default' });
    expect(await host.appToken()).toBe('app-token');
    expect(host.organization).toBe('acme');
    expect(host.isServer).toBe(false);
  });

  it('never sends the app token to a node URL any member of the organization could have written', async () => {
    const { manager } = extensionData();
    const host = createSdkHubHost();
    // Any user of the organization may write the organization's scope, administrator or not.
    await manager.setValue(nodeUrlSettingKey, 'https://collector.evil.example', { scopeType: 'Default' });
    const firstVisit = chooseNodeUrl(await host.readNodeUrl(), await host.readSuggestedNodeUrl());
    expect(firstVisit).toEqual({ nodeUrl: null, suggestion: 'https://collector.evil.example' });

    await host.saveNodeUrl('https://exalate.acme.example');
    await manager.setValue(nodeUrlSettingKey, 'https://collector.evil.example', { scopeType: 'Default' });
    expect(chooseNodeUrl(await host.readNodeUrl(), await host.readSuggestedNodeUrl())).toEqual({
      nodeUrl: 'https://exalate.acme.example',
      suggestion: 'https://collector.evil.example',
    });
  });

  it('calls only a well-formed https URL, even from the admin’s own scope', () => {
    expect(chooseNodeUrl('http://exalate.acme.example', null).nodeUrl).toBeNull();
    expect(chooseNodeUrl('https://exalate.acme.example/', 'https://exalate.acme.example')).toEqual({
      nodeUrl: 'https://exalate.acme.example',
      suggestion: null,
    });
  });

  it('knows Azure DevOps Server from Services by the SDK’s isHosted, so the header says "Collection settings" there', () => {
    (SDK.getHost as jest.Mock).mockReturnValueOnce({ name: 'DefaultCollection', isHosted: false });
    expect(createSdkHubHost().isServer).toBe(true);
  });
});

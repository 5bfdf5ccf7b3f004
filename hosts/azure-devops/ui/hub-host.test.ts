import * as SDK from 'azure-devops-extension-sdk';
import { nodeUrlSettingKey, readNodeUrlInput } from './hub-host';
import { createSdkHubHost } from './sdk-hub-host';

jest.mock('azure-devops-extension-sdk', () => ({
  getService: jest.fn(),
  getExtensionContext: () => ({ id: 'idalko-tools.exalate' }),
  getAccessToken: async () => 'access-token',
  getAppToken: jest.fn(async () => 'app-token'),
  getHost: jest.fn(() => ({ name: 'acme', isHosted: true })),
}));

describe('the organization’s node URL', () => {
  it('is checked before it is saved: https only, so the app token never crosses in clear text', () => {
    expect(readNodeUrlInput(' https://exalate.acme.example/ ')).toEqual({ url: 'https://exalate.acme.example' });
    expect(readNodeUrlInput('http://exalate.acme.example')).toMatchObject({ problem: expect.stringContaining('https://') });
    expect(readNodeUrlInput('http://localhost:8080')).toEqual({ url: 'http://localhost:8080' });
    expect(readNodeUrlInput('exalate.acme.example')).toMatchObject({ problem: expect.stringContaining('address') });
    expect(readNodeUrlInput('https://user:secret@exalate.acme.example')).toMatchObject({ problem: expect.any(String) });
  });

  it('is kept with the extension data service, shared by the organization (scope Default)', async () => {
    const documents = new Map<string, unknown>();
    const manager = {
      getValue: jest.fn(async (key: string, options: { defaultValue: unknown }) => documents.get(key) ?? options.defaultValue),
      setValue: jest.fn(async (key: string, value: unknown) => documents.set(key, value)),
    };
    const getExtensionDataManager = jest.fn(async () => manager);
    (SDK.getService as jest.Mock).mockResolvedValue({ getExtensionDataManager });
    const host = createSdkHubHost();
    expect(await host.readNodeUrl()).toBeNull();
    await host.saveNodeUrl('https://exalate.acme.example');
    expect(await host.readNodeUrl()).toBe('https://exalate.acme.example');
    expect(SDK.getService).toHaveBeenCalledWith('ms.vss-features.extension-data-service');
    expect(getExtensionDataManager).toHaveBeenCalledWith('idalko-tools.exalate', 'access-token');
    expect(manager.setValue).toHaveBeenCalledWith(nodeUrlSettingKey, 'https://exalate.acme.example', { scopeType: 'Default' });
    expect(await host.appToken()).toBe('app-token');
    expect(host.organization).toBe('acme');
    expect(host.isServer).toBe(false);
  });

  it('knows Azure DevOps Server from Services by the SDK’s isHosted, so the header says "Collection settings" there', () => {
    (SDK.getHost as jest.Mock).mockReturnValueOnce({ name: 'DefaultCollection', isHosted: false });
    expect(createSdkHubHost().isServer).toBe(true);
  });
});

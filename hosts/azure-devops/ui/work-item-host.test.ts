import * as SDK from 'azure-devops-extension-sdk';
import { createSdkWorkItemHost, hostPageLayoutServiceId, workItemFormServiceId } from './sdk-work-item-host';
import { workItemKeyOfActionContext } from './work-item-host';

jest.mock('azure-devops-extension-sdk', () => ({
  getService: jest.fn(),
  register: jest.fn(),
  getContributionId: () => 'idalko-tools.exalate.work-item-group',
  getExtensionContext: () => ({ id: 'idalko-tools.exalate' }),
  getAccessToken: async () => 'access-token',
  getAppToken: async () => 'app-token',
  getHost: () => ({ name: 'acme', isHosted: true }),
}));

describe('the work item a context menu action is about', () => {
  it('is read where each menu puts it: the form’s ⋯ menu, boards and backlogs, query results', () => {
    expect(workItemKeyOfActionContext({ workItemId: 42, workItemDirty: false })).toBe('42');
    expect(workItemKeyOfActionContext({ id: 7, workItemIds: [7, 8] })).toBe('7');
    expect(workItemKeyOfActionContext({ ids: [9], workItemIds: ['9'] })).toBe('9');
  });

  it('is none for a new, unsaved work item or anything that is not a work item id, so nothing is exalated by mistake', () => {
    expect(workItemKeyOfActionContext({ workItemId: 0 })).toBeNull();
    expect(workItemKeyOfActionContext({ workItemId: -3 })).toBeNull();
    expect(workItemKeyOfActionContext({ workItemId: '42/../../connections' })).toBeNull();
    expect(workItemKeyOfActionContext({ workItemIds: ['1 OR 1=1'] })).toBeNull();
    expect(workItemKeyOfActionContext(null)).toBeNull();
    expect(workItemKeyOfActionContext('42')).toBeNull();
  });
});

describe('the work item form group’s host', () => {
  function formServices(id: number) {
    const openCustomDialog = jest.fn();
    (SDK.getService as jest.Mock).mockImplementation(async (serviceId: string) =>
      serviceId === workItemFormServiceId ? { getId: async () => id } : serviceId === hostPageLayoutServiceId ? { openCustomDialog } : undefined,
    );
    return { openCustomDialog };
  }
  /** What the form calls on the object the group registered under its contribution id. */
  function registeredNotifications(): Record<string, () => void> {
    const [instanceId, factory] = (SDK.register as jest.Mock).mock.calls.at(-1) as [string, () => Record<string, () => void>];
    expect(instanceId).toBe('idalko-tools.exalate.work-item-group');
    return factory();
  }

  it('reads the work item id from the work item form service, and none while the work item is new', async () => {
    formServices(17);
    expect(await createSdkWorkItemHost().readWorkItemKey()).toBe('17');
    formServices(0);
    expect(await createSdkWorkItemHost().readWorkItemKey()).toBeNull();
  });

  it('reads the twins again when the form loads another work item, saves or refreshes this one', () => {
    formServices(17);
    const host = createSdkWorkItemHost();
    const changed = jest.fn();
    const stop = host.onWorkItemChanged(changed);
    const form = registeredNotifications();
    form['onLoaded']?.();
    form['onSaved']?.();
    form['onRefreshed']?.();
    expect(changed).toHaveBeenCalledTimes(3);
    stop();
    form['onSaved']?.();
    expect(changed).toHaveBeenCalledTimes(3);
  });

  it('opens "Exalate this work item" as the extension’s dialog contribution, for this work item, and reads the twins again when it closes', async () => {
    const { openCustomDialog } = formServices(17);
    const host = createSdkWorkItemHost();
    const changed = jest.fn();
    host.onWorkItemChanged(changed);
    await host.openExalateDialog('17');
    expect(openCustomDialog).toHaveBeenCalledWith(
      'idalko-tools.exalate.work-item-dialog',
      expect.objectContaining({ title: 'Exalate this work item', configuration: { workItemKey: '17' } }),
    );
    const [, options] = openCustomDialog.mock.calls[0] as [string, { onClose: () => void }];
    options.onClose();
    expect(changed).toHaveBeenCalledTimes(1);
  });

  it('reaches the node as the hub does: the app token, and the node URL from the user’s own scope', async () => {
    const manager = {
      getValue: jest.fn(async (_key: string, options: { scopeType?: string; defaultValue?: unknown }) =>
        options.scopeType === 'User' ? 'https://exalate.acme.example' : options.defaultValue,
      ),
    };
    (SDK.getService as jest.Mock).mockResolvedValue({ getExtensionDataManager: async () => manager });
    const host = createSdkWorkItemHost();
    expect(await host.node.readNodeUrl()).toBe('https://exalate.acme.example');
    expect(await host.node.appToken()).toBe('app-token');
  });
});

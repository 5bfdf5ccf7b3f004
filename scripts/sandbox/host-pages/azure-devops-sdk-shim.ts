// The SDK's own XDM channel, by path: the package exports only its SDK entry.
import { channelManager, type IXDMChannel } from '../../../node_modules/azure-devops-extension-sdk/esm/XDM';

/**
 * The sandbox's stand-in for the Azure DevOps page around an extension's iframes. It answers the
 * unmodified bundles' SDK over the SDK's own XDM channel: the initial handshake, the app token
 * (signed by the sandbox server as Azure DevOps would, and verified by the node), the extension
 * data service (kept by the sandbox server, shared by the organization), and on the work item
 * form the work item form service, the form's notifications to a contributed group, the context
 * menu action's `execute`, and the host page layout service's custom dialog. The page passes its
 * URLs in this script tag's `data-*` attributes.
 */
const script = document.currentScript as HTMLScriptElement;
const organization = script.dataset['organization'] ?? 'acme';
const hostApi = script.dataset['hostApi'] ?? '';
/** Azure DevOps Server answers `isHosted: false`, Services `true` (the SDK's IHostContext). */
const isHosted = script.dataset['isHosted'] !== 'false';
const extension = { id: 'idalko-tools.exalate', publisherId: 'idalko-tools', extensionId: 'exalate', version: '0.1.0' };

async function hostCall(path: string, init?: RequestInit): Promise<unknown> {
  const response = await fetch(`${hostApi}${path}`, init);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json() as Promise<unknown>;
}

const extensionDataService = {
  getExtensionDataManager: () => ({
    getValue: async (key: string, options?: { defaultValue?: unknown }) => {
      const { value } = (await hostCall(`/extension-data/${encodeURIComponent(key)}`)) as { value?: unknown };
      return value ?? options?.defaultValue;
    },
    setValue: async (key: string, value: unknown) => {
      await hostCall(`/extension-data/${encodeURIComponent(key)}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ value }),
      });
      return value;
    },
  }),
};

interface ExtensionFrame {
  /** The full id of the contribution the frame belongs to (`publisher.extension.contribution`). */
  readonly contributionId: string;
  /** What the SDK's getConfiguration() answers in the frame. */
  readonly initialConfig?: Readonly<Record<string, unknown>>;
  /** Services by id, beside the extension data service every frame gets. */
  readonly services?: Readonly<Record<string, unknown>>;
  /** After the handshake is answered: the frame's SDK is ready and its registered objects can be called. */
  readonly onReady?: (channel: IXDMChannel) => void;
}

/** One extension iframe, answered as Azure DevOps answers it; call before the frame navigates. */
function answerExtensionFrame(frame: HTMLIFrameElement, options: ExtensionFrame): IXDMChannel {
  const channel = channelManager.addChannel(frame.contentWindow as Window, location.origin);
  channel.getObjectRegistry().register('DevOps.HostControl', {
    initialHandshake: () => {
      if (options.onReady) setTimeout(() => options.onReady?.(channel));
      return {
        contributionId: options.contributionId,
        initialConfig: options.initialConfig ?? {},
        context: {
          extension,
          user: { id: 'sandbox-admin', name: 'alex@acme.example', displayName: 'Alex Admin', descriptor: 'aad.sandbox-admin', imageUrl: '' },
          host: { id: `org-${organization}`, name: organization, serviceVersion: 'sandbox', type: 4, isHosted },
        },
      };
    },
    notifyLoadSucceeded: () => frame.setAttribute('data-loaded', 'true'),
    notifyLoadFailed: (error: unknown) => console.error(`${options.contributionId} failed to load`, error),
    getAppToken: () => hostCall('/app-token', { method: 'POST' }),
    getAccessToken: () => ({ token: 'sandbox-access-token' }),
    resize: () => undefined,
  });
  channel.getObjectRegistry().register('DevOps.ServiceManager', {
    getService: (serviceId: string) => (serviceId === 'ms.vss-features.extension-data-service' ? extensionDataService : options.services?.[serviceId]),
  });
  return channel;
}

const hubFrame = document.getElementById('hub-frame') as HTMLIFrameElement | null;
if (hubFrame) {
  answerExtensionFrame(hubFrame, { contributionId: `${extension.id}.adnode` });
  hubFrame.src = hubFrame.dataset['src'] ?? '';
}

const groupFrame = document.getElementById('work-item-group-frame') as HTMLIFrameElement | null;
if (groupFrame) answerWorkItemForm(groupFrame);

/**
 * The work item form: its group's iframe, the ⋯ menu's Exalate action (its page loaded in a
 * hidden iframe on first use, as Azure DevOps loads an action's page, then `execute` called on its
 * registered object), and the custom dialog the action opens.
 */
function answerWorkItemForm(frame: HTMLIFrameElement): void {
  const workItemId = Number(script.dataset['workItemId'] ?? '0');
  const project = script.dataset['project'] ?? '';
  const groupContribution = `${extension.id}.work-item-group`;
  /** The form tells its contributions what happened to the work item (IWorkItemNotificationListener). */
  const notifyGroup = (event: 'onLoaded' | 'onRefreshed' | 'onSaved') =>
    groupChannel.invokeRemoteMethod(event, groupContribution, [{ id: workItemId, isNew: false, isReadOnly: false }]).catch(() => undefined);
  const workItemFormService = {
    getId: () => workItemId,
    // Azure DevOps reloads the work item and tells the form's contributions so.
    refresh: () => void notifyGroup('onRefreshed'),
  };
  const hostPageLayoutService = { openCustomDialog, openPanel: openCustomDialog };
  const services = { 'ms.vss-work-web.work-item-form': workItemFormService, 'ms.vss-features.host-page-layout-service': hostPageLayoutService };
  const groupChannel: IXDMChannel = answerExtensionFrame(frame, {
    contributionId: groupContribution,
    services,
    onReady: () => setTimeout(() => void notifyGroup('onLoaded'), 50),
  });
  frame.src = frame.dataset['src'] ?? '';

  let actionChannel: Promise<IXDMChannel> | undefined;
  const actionFrame = () =>
    (actionChannel ??= new Promise((resolve) => {
      const hidden = document.createElement('iframe');
      hidden.hidden = true;
      hidden.title = 'Exalate action';
      document.body.append(hidden);
      answerExtensionFrame(hidden, { contributionId: `${extension.id}.work-item-action`, services, onReady: resolve });
      hidden.src = script.dataset['actionSrc'] ?? '';
    }));

  const menu = document.getElementById('work-item-menu');
  const menuButton = document.querySelector<HTMLButtonElement>('[aria-controls="work-item-menu"]');
  const closeMenu = () => {
    if (menu) menu.hidden = true;
    menuButton?.setAttribute('aria-expanded', 'false');
    menuButton?.focus();
  };
  document.querySelector('[data-exalate-action]')?.addEventListener('click', async () => {
    closeMenu();
    // The action context of the form's ⋯ menu (boards and backlogs send workItemIds instead).
    const context = {
      workItemId,
      workItemTypeName: '',
      workItemAvailable: true,
      workItemDirty: false,
      hideDelete: false,
      currentProjectName: project,
      currentProjectGuid: '',
    };
    const channel = await actionFrame();
    await channel.invokeRemoteMethod('execute', 'work-item-action', [context]);
  });
  document.querySelector('[data-copy-link]')?.addEventListener('click', () => {
    closeMenu();
    void navigator.clipboard.writeText(location.href);
  });
}

interface DialogOptions {
  readonly title?: string;
  readonly configuration?: Readonly<Record<string, unknown>>;
  readonly onClose?: (result: unknown) => void;
}

/**
 * IHostPageLayoutService.openCustomDialog: a modal dialog with the host's title bar, its content
 * the contribution's page, which closes it through `configuration.dialog.close(result)`. Focus
 * stays inside while it is open and goes back where it was when it closes, as Azure DevOps does.
 */
function openCustomDialog(contributionId: string, options: DialogOptions = {}): void {
  if (contributionId !== `${extension.id}.work-item-dialog`) throw new Error(`The sandbox's Azure DevOps has no dialog contribution ${contributionId}`);
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const backdrop = document.createElement('div');
  backdrop.className = 'dialog-backdrop';
  const title = options.title ?? 'Exalate';
  backdrop.innerHTML = `<span tabindex="0" data-focus-trap></span><div class="dialog" role="dialog" aria-modal="true" aria-labelledby="custom-dialog-title"><header><h2 id="custom-dialog-title"></h2><button type="button" aria-label="Close">✕</button></header><iframe allow="clipboard-write"></iframe></div><span tabindex="0" data-focus-trap></span>`;
  (backdrop.querySelector('#custom-dialog-title') as HTMLElement).textContent = title;
  const frame = backdrop.querySelector('iframe') as HTMLIFrameElement;
  frame.title = title;
  const closeButton = backdrop.querySelector('header button') as HTMLButtonElement;
  document.body.append(backdrop);
  let open = true;
  const close = (result?: unknown) => {
    if (!open) return;
    open = false;
    backdrop.remove();
    opener?.focus();
    options.onClose?.(result);
  };
  closeButton.addEventListener('click', () => close());
  backdrop.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close();
  });
  backdrop.querySelectorAll<HTMLElement>('[data-focus-trap]').forEach((trap) => trap.addEventListener('focus', () => closeButton.focus()));
  answerExtensionFrame(frame, { contributionId, initialConfig: { ...options.configuration, dialog: { close } } });
  frame.src = script.dataset['dialogSrc'] ?? '';
  closeButton.focus();
}

/**
 * The sandbox's stand-in for the bridge Jira injects into a Custom UI iframe
 * (`window.__bridge.callBridge`, which @forge/bridge calls). The unmodified Custom UI bundle runs
 * on it: each `invoke(key, payload)` is answered by the instance's node over its admin API, as the
 * app's resolver answers it in Forge (the operation's value, or `{ error: { code, message } }`:
 * resolver keys are the admin operations' `METHOD /path`). The host page passes the node's admin
 * API and token in this script tag's `data-*` attributes, and the sub-page in `?route=`.
 */
const script = document.currentScript as HTMLScriptElement;
const adminApi = script.dataset['adminApi'] ?? '';
const adminToken = script.dataset['adminToken'] ?? '';
const siteUrl = script.dataset['siteUrl'] ?? location.origin;
/** The module the page stands for (an admin page, the issue panel, the issue action) and, on an issue, its key. */
const moduleKey = script.dataset['moduleKey'] ?? 'exalate-admin';
const issueKey = script.dataset['issueKey'] ?? '';
const extension =
  issueKey === ''
    ? { type: 'jira:adminPage' }
    : { type: moduleKey === 'exalate-issue-action' ? 'jira:issueAction' : 'jira:issueContext', issue: { key: issueKey, id: issueKey, type: 'Task' } };

/** Forge's events between the app's modules on one page (`events.emit` / `events.on`), across iframes of the sandbox's origin. */
const appEvents = new BroadcastChannel('exalate-forge-events');
type EventCallback = (payload: unknown) => unknown;
const subscribers = new Map<string, Set<EventCallback>>();
appEvents.addEventListener('message', (message: MessageEvent<{ event: string; payload: unknown }>) => {
  for (const callback of subscribers.get(message.data.event) ?? []) void callback(message.data.payload);
});

async function invokeResolver(functionKey: string, payload: { params?: Record<string, string>; body?: unknown }): Promise<unknown> {
  const [method = 'GET', template = '/'] = functionKey.split(' ');
  const path = template.replace(/\{(\w+)\}/g, (_whole, name: string) => encodeURIComponent(payload.params?.[name] ?? ''));
  const response = await fetch(`${adminApi}${path}`, {
    method,
    headers: { authorization: `Bearer ${adminToken}`, ...(payload.body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(payload.body === undefined ? {} : { body: JSON.stringify(payload.body) }),
  });
  const text = await response.text();
  return text === '' ? null : (JSON.parse(text) as unknown);
}

type Listener = (location: { pathname: string }) => void;
const listeners: Listener[] = [];
const forgeHistory = {
  location: { pathname: new URLSearchParams(location.search).get('route') ?? '/connections' },
  listen: (listener: Listener) => {
    listeners.push(listener);
    return () => listeners.splice(listeners.indexOf(listener), 1);
  },
  push: (pathname: string) => {
    forgeHistory.location = { pathname };
    for (const listener of listeners) listener(forgeHistory.location);
  },
};

(globalThis as { __bridge?: unknown }).__bridge = {
  callBridge: async (name: string, parameters?: { functionKey: string; payload: { params?: Record<string, string>; body?: unknown } }) => {
    switch (name) {
      case 'invoke':
        return invokeResolver(parameters?.functionKey ?? '', parameters?.payload ?? {});
      case 'getContext':
        return { moduleKey, extension, locale: 'en-US', siteUrl };
      case 'emit': {
        const { event, payload } = parameters as unknown as { event: string; payload: unknown };
        appEvents.postMessage({ event, payload });
        return undefined;
      }
      case 'on': {
        const { event, callback } = parameters as unknown as { event: string; callback: EventCallback };
        const callbacks = subscribers.get(event) ?? new Set<EventCallback>();
        callbacks.add(callback);
        subscribers.set(event, callbacks);
        return { unsubscribe: () => callbacks.delete(callback) };
      }
      case 'close':
        // Jira closes the issue action's modal: here the host page does, on this message.
        parent.postMessage({ type: 'exalate-forge-close' }, location.origin);
        return true;
      case 'createHistory':
        return forgeHistory;
      default:
        // enableTheming and the rest: refused, so the app falls back to Atlaskit's light theme.
        throw new Error(`${name} is not offered by the sandbox's Jira`);
    }
  },
};

export {};

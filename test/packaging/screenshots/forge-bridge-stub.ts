/**
 * A stand-in for the bridge Forge injects into a Custom UI iframe (`window.__bridge.callBridge`),
 * for screenshots only: the unmodified Custom UI bundle calls it, and each `invoke(key, payload)`
 * is answered by a real node's admin API over HTTP, as the app's resolver would answer it
 * (the operation's value, or `{ error: { code, message } }`). The page passes its settings in
 * `data-*` attributes of this script's tag.
 */
interface StubSettings {
  readonly adminApi: string;
  readonly adminToken: string;
  readonly route: string;
  readonly moduleKey: string;
}

const script = document.currentScript as HTMLScriptElement;
const settings: StubSettings = {
  adminApi: script.dataset['adminApi'] ?? '',
  adminToken: script.dataset['adminToken'] ?? '',
  route: new URLSearchParams(location.search).get('route') ?? '/connections',
  moduleKey: script.dataset['moduleKey'] ?? 'exalate-admin',
};

async function invokeAdminApi(functionKey: string, payload: { params?: Record<string, string>; body?: unknown }): Promise<unknown> {
  const [method = 'GET', template = '/'] = functionKey.split(' ');
  const path = template.replace(/\{(\w+)\}/g, (_whole, name: string) => encodeURIComponent(payload.params?.[name] ?? ''));
  const response = await fetch(`${settings.adminApi}${path}`, {
    method,
    headers: { authorization: `Bearer ${settings.adminToken}`, ...(payload.body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(payload.body === undefined ? {} : { body: JSON.stringify(payload.body) }),
  });
  const text = await response.text();
  return text === '' ? null : (JSON.parse(text) as unknown);
}

const listeners: ((location: { pathname: string }) => void)[] = [];
const forgeHistory = {
  location: { pathname: settings.route },
  listen: (listener: (location: { pathname: string }) => void) => {
    listeners.push(listener);
    return () => undefined;
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
        return invokeAdminApi(parameters?.functionKey ?? '', parameters?.payload ?? {});
      case 'getContext':
        return { moduleKey: settings.moduleKey, extension: { type: 'jira:adminPage' }, locale: 'en-US', siteUrl: 'https://acme.atlassian.net' };
      case 'createHistory':
        return forgeHistory;
      default:
        // enableTheming and the rest: refused, so the app falls back to Atlaskit's light theme.
        throw new Error(`${name} is not part of this screenshot stub`);
    }
  },
};

export {};

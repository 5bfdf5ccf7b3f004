/**
 * Stand-ins for `@forge/api` and `@forge/events`, for `jest.mock` (module mocks only for the Forge
 * SDK, per STYLE.md). `requestJira` goes to a Jira Cloud emulator over HTTP, as Forge would go to
 * the site; the web trigger URL is whatever the test serves the exchange function at; pushed async
 * events wait in `pushedEvents` until the test hands them to the consumer.
 */
export const forgeApiState = {
  jiraSiteUrl: 'http://127.0.0.1:1/site',
  jiraAuthorization: '',
  /** What `asUser()` calls carry: the person with the module open (the app's own when empty). */
  userAuthorization: '',
  webTriggerUrl: 'http://127.0.0.1:1/x1/trigger',
  installationId: 'installation-1',
  requestJiraPaths: [] as string[],
};

export const forgeApiModule = {
  assumeTrustedRoute: (path: string) => ({ value: path }),
  asApp: () => ({
    requestJira: async (route: { value: string }, init: { method?: string; headers?: Record<string, string>; body?: ArrayBuffer | string } = {}) => {
      forgeApiState.requestJiraPaths.push(`${init.method ?? 'GET'} ${route.value}`);
      if (Object.keys(init.headers ?? {}).some((name) => name.toLowerCase() === 'authorization'))
        throw new Error('Forge refuses an Authorization header set by the app.');
      return fetch(`${forgeApiState.jiraSiteUrl}${route.value}`, { ...init, headers: { ...init.headers, authorization: forgeApiState.jiraAuthorization } });
    },
  }),
  asUser: () => ({
    requestJira: async (route: { value: string }, init: { method?: string; headers?: Record<string, string>; body?: ArrayBuffer | string } = {}) => {
      forgeApiState.requestJiraPaths.push(`as user ${init.method ?? 'GET'} ${route.value}`);
      return fetch(`${forgeApiState.jiraSiteUrl}${route.value}`, {
        ...init,
        headers: { ...init.headers, authorization: forgeApiState.userAuthorization || forgeApiState.jiraAuthorization },
      });
    },
  }),
  webTrigger: { getUrl: async () => forgeApiState.webTriggerUrl },
  getAppContext: () => ({
    installationAri: { installationId: forgeApiState.installationId, toString: () => `ari:cloud:ecosystem::installation/${forgeApiState.installationId}` },
  }),
  fetch: (url: string, init?: RequestInit) => fetch(url, init),
};

export interface PushedEvent {
  readonly queue: string;
  readonly body: Record<string, unknown>;
  readonly delayInSeconds?: number;
  readonly concurrency?: { readonly key: string; readonly limit: number };
}

export const pushedEvents: PushedEvent[] = [];

class FakeQueue {
  readonly #key: string;
  constructor(parameters: { key: string }) {
    this.#key = parameters.key;
  }
  async push(events: Omit<PushedEvent, 'queue'> | Omit<PushedEvent, 'queue'>[]) {
    for (const event of Array.isArray(events) ? events : [events]) pushedEvents.push({ queue: this.#key, ...event });
    return { jobId: `job-${pushedEvents.length}` };
  }
}

export const forgeEventsModule = { Queue: FakeQueue };

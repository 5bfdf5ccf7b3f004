import { startEmulatorServer, type RunningEmulatorServer } from '../../hosts/emulator-kit';
import { JiraCloudAdapter } from '../../hosts/jira-cloud/adapter';
import { createJiraCloudEmulator, type JiraCloudEmulator } from '../../hosts/jira-cloud/emulator';
import { JiraServerAdapter } from '../../hosts/jira-server/adapter';
import { createJiraServerEmulator, type JiraServerEmulator } from '../../hosts/jira-server/emulator';
import { createTestTimers, type TestTimers, type TrackerHttpClientOptions } from '../../hosts/tracker-http';
import { createSpecCheckingFetch, type SpecCheckingFetchOptions } from '../spec/spec-checking-fetch';
import { jiraCloudSpecOptions, jiraServerSpecOptions } from './jira-spec-options';

/**
 * Test support: a Jira emulator on a port whose clock ticks a second per reading (so every change
 * has its own `updated`), and an adapter pointed at it through a fetch that checks every exchange
 * against the v3 document, with test timers so no retry really waits.
 */
export interface JiraHarness<Emulator, Adapter> {
  readonly emulator: Emulator;
  readonly server: RunningEmulatorServer;
  readonly specCheck: ReturnType<typeof createSpecCheckingFetch>;
  readonly timers: TestTimers;
  readonly adapter: Adapter;
  close(): Promise<void>;
}

type AdapterOptions = Pick<TrackerHttpClientOptions, 'baseUrl' | 'authorization' | 'fetch' | 'clock' | 'sleep' | 'random'>;

const startedAt = Date.parse('2026-11-23T09:00:00Z');

async function startJiraHarness<Emulator extends { readonly routes: Parameters<typeof startEmulatorServer>[0]; readonly authorization: string }, Adapter>(
  emulator: Emulator,
  prefix: string,
  specOptions: (documentRoot: string) => SpecCheckingFetchOptions,
  createAdapter: (options: AdapterOptions) => Adapter,
): Promise<JiraHarness<Emulator, Adapter>> {
  const server = await startEmulatorServer(emulator.routes, { prefix });
  const specCheck = createSpecCheckingFetch(specOptions(server.mountUrl));
  const timers = createTestTimers();
  const adapter = createAdapter({
    baseUrl: server.mountUrl,
    authorization: emulator.authorization,
    fetch: specCheck.fetch,
    clock: timers.clock,
    sleep: timers.sleep,
    random: timers.random,
  });
  return { emulator, server, specCheck, timers, adapter, close: () => server.close() };
}

export function startJiraCloudHarness(): Promise<JiraHarness<JiraCloudEmulator, JiraCloudAdapter>> {
  let time = startedAt;
  const emulator = createJiraCloudEmulator({ now: () => (time += 1000) });
  return startJiraHarness(emulator, '/jira-cloud/tracker', jiraCloudSpecOptions, (options) => new JiraCloudAdapter(options));
}

export function startJiraServerHarness(): Promise<JiraHarness<JiraServerEmulator, JiraServerAdapter>> {
  let time = startedAt;
  const emulator = createJiraServerEmulator({ now: () => (time += 1000) });
  return startJiraHarness(emulator, '/jira-server/tracker', jiraServerSpecOptions, (options) => new JiraServerAdapter(options));
}

/**
 * For the describe block that calls it: a fresh harness before every test (started by `start`),
 * whose exchanges must all have matched the document when the test ends, closed after it. The
 * object returned reads the running test's harness.
 */
export function jiraHarnessForEachTest<Emulator, Adapter>(start: () => Promise<JiraHarness<Emulator, Adapter>>): JiraHarness<Emulator, Adapter> {
  let started: JiraHarness<Emulator, Adapter> | undefined;
  const current = (): JiraHarness<Emulator, Adapter> => {
    if (started === undefined) throw new Error('The Jira harness is started before each test; read it inside a test.');
    return started;
  };
  beforeEach(async () => {
    started = await start();
  });
  afterEach(async () => {
    try {
      current().specCheck.assertExchangesMatchSpec();
    } finally {
      await current().close();
      started = undefined;
    }
  });
  return {
    get emulator() {
      return current().emulator;
    },
    get server() {
      return current().server;
    },
    get specCheck() {
      return current().specCheck;
    },
    get timers() {
      return current().timers;
    },
    get adapter() {
      return current().adapter;
    },
    close: () => current().close(),
  };
}

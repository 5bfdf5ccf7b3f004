import { webTrigger } from '@forge/api';
import { z } from 'zod';
import { createQuickJsSandbox, ExalateError, defaultInvitationLifetimeMs, loadNodeIdentity, systemClock, type NodeContext } from '../../../core';
import { JiraCloudAdapter } from '../adapter';
import { createForgeJiraFetch, type RequestJira, requestJiraAsApp } from './forge-fetch';
import { createForgeLogger } from './forge-logger';
import { createForgeSecrets } from './forge-secrets';
import { ForgeTransport } from './forge-transport';
import { KvsStore } from './kvs-store';
import { StorePollingSignals } from './store-polling-signals';

/** The manifest's web trigger for node-to-node exchange; its URL is this app's node URL. */
export const exchangeWebTriggerKey = 'exalate-exchange';

const siteUrlSetting = 'forge-jira-site-url';
const serverInformationSchema = z.looseObject({ baseUrl: z.string().url() });

/**
 * Assembles core's capabilities inside a Forge invocation, as hosts/node/start-node.ts does in a
 * node: KVS store, the Jira Cloud adapter over `requestJira`, Forge egress for peers, QuickJS for
 * scripts. The app is always public: its web trigger is an HTTPS URL any peer can reach, so a
 * private peer polls it and a public one pushes to it.
 */
export async function createForgeNodeContext(source: string, requestJira: RequestJira = requestJiraAsApp): Promise<NodeContext> {
  const store = KvsStore.open();
  const clock = systemClock;
  const siteUrl = (await store.getSetting(siteUrlSetting)) ?? (await discoverSiteUrl(store, createForgeJiraFetch(requestJira)));
  const secrets = createForgeSecrets();
  const [identity, nodeUrl] = await Promise.all([loadNodeIdentity(store, secrets, clock.now()), webTrigger.getUrl(exchangeWebTriggerKey)]);
  return {
    store,
    // Forge authenticates requestJira itself; the adapter's header is dropped by the Forge fetch.
    tracker: new JiraCloudAdapter({ baseUrl: siteUrl, authorization: 'Forge', fetch: createForgeJiraFetch(requestJira, siteUrl) }),
    transport: new ForgeTransport(),
    clock,
    logger: createForgeLogger(source),
    // In-process, not the node's worker threads (docs/security.md). Forge's Node.js runtime can
    // import worker_threads, but Forge's bundler compiles each function into one file (a worker
    // needs a file of its own, or manual packaging, an early-access feature), an invocation has
    // 512 MB in all, and a warm pool cannot be counted on between invocations. What the node's
    // watchdog protects, other requests sharing one event loop, is not shared here: Forge runs
    // functions on AWS Lambda, which hands an instance one invocation at a time, and stops an
    // invocation at its runtime limit (25 s for a resolver, 55 s for a web trigger). A script stuck
    // inside a built-in holds only its own invocation, until then.
    scripts: createQuickJsSandbox(),
    secrets,
    signals: new StorePollingSignals(store),
    identity,
    settings: { nodeUrl: nodeUrl.replace(/\/+$/, ''), invitationLifetimeMs: defaultInvitationLifetimeMs, allowPrivateDestinations: false },
  };
}

/** The site's own address (what peers are told as instance URL), asked once and kept. */
async function discoverSiteUrl(store: KvsStore, fetch: ReturnType<typeof createForgeJiraFetch>): Promise<string> {
  const response = await fetch('https://jira.invalid/rest/api/3/serverInfo', { method: 'GET', headers: { accept: 'application/json' } });
  const information = serverInformationSchema.safeParse(response.ok ? await response.json() : undefined);
  if (!information.success) throw new ExalateError('tracker_unavailable', `Jira did not tell the app its site address (serverInfo answered ${response.status}); try again in a minute.`, { isRetryable: true });
  await store.putSetting(siteUrlSetting, information.data.baseUrl);
  return information.data.baseUrl;
}

import { getAppContext, webTrigger } from '@forge/api';
import { z } from 'zod';
import {
  createQuickJsSandbox,
  ExalateError,
  defaultInvitationLifetimeMs,
  gatherCreations,
  loadNodeIdentity,
  SyncSignals,
  systemClock,
  type NodeContext,
  type NodeIdentity,
} from '../../../core';
import { JiraCloudAdapter } from '../adapter';
import { createForgeJiraFetch, type RequestJira, requestJiraAsApp } from './forge-fetch';
import { forgeMessageBytes } from './forge-payload-limits';
import { createForgeLogger } from './forge-logger';
import { createForgeSecrets } from './forge-secrets';
import { ForgeTransport } from './forge-transport';
import { InvocationBudget, type InvocationKind } from './invocation-budget';
import { KvsStore } from './kvs-store';

/** The manifest's web trigger for node-to-node exchange; its URL is this app's node URL. */
export const exchangeWebTriggerKey = 'exalate-exchange';

const siteUrlSetting = 'forge-jira-site-url';
const serverInformationSchema = z.looseObject({ baseUrl: z.string().url() });

/**
 * What never changes for an installation, kept for as long as Forge keeps this process warm:
 * `webTrigger.getUrl` is limited to 1,000 calls a minute per app, environment and context
 * (developer.atlassian.com/platform/forge/limits-web-trigger), and every poll of a private peer is
 * an invocation; the site URL and the node identity would otherwise cost KVS reads every time.
 */
interface InstallationCache {
  nodeUrl?: Promise<string>;
  siteUrl?: string;
  identity?: NodeIdentity;
}
/**
 * Kept per installation: one deployed app serves every site that installed it, and a warm
 * process must never sign for one site with another's key or tell peers another's URLs.
 */
const processCache = new Map<string, InstallationCache>();

/** For tests: forget what this process kept, as a fresh Forge process would. */
export function forgetProcessCache(): void {
  processCache.clear();
}

/** This invocation's installation's cache; without an installation to tell apart, nothing is kept. */
function installationCache(): InstallationCache {
  let installationId: string;
  try {
    installationId = getAppContext().installationAri.installationId;
  } catch {
    return {};
  }
  let cache = processCache.get(installationId);
  if (cache === undefined) processCache.set(installationId, (cache = {}));
  return cache;
}

/**
 * Assembles core's capabilities inside a Forge invocation, as hosts/node/start-node.ts does in a
 * node: KVS store, the Jira Cloud adapter over `requestJira`, Forge egress for peers, QuickJS for
 * scripts. The app is always public: its web trigger is an HTTPS URL any peer can reach, so a
 * private peer polls it and a public one pushes to it. Every wait and peer call is held to the
 * time Forge gives this kind of invocation (InvocationBudget), counted from now.
 */
export async function createForgeNodeContext(source: string, kind: InvocationKind, requestJira: RequestJira = requestJiraAsApp): Promise<NodeContext> {
  const clock = systemClock;
  const budget = new InvocationBudget(kind, clock);
  const store = KvsStore.open({ clock, budget });
  const cache = installationCache();
  const siteUrl = cache.siteUrl ?? (await store.getSetting(siteUrlSetting)) ?? (await discoverSiteUrl(store, createForgeJiraFetch(requestJira)));
  cache.siteUrl = siteUrl;
  const secrets = createForgeSecrets();
  const [identity, nodeUrl] = await Promise.all([cache.identity ?? loadNodeIdentity(store, secrets, clock.now()), cachedNodeUrl(cache)]);
  cache.identity = identity;
  return {
    store,
    // Forge authenticates requestJira itself; the adapter's header is dropped by the Forge fetch.
    // Creations of this invocation's changes share issue/bulk calls; nothing waits on a timer.
    tracker: gatherCreations(new JiraCloudAdapter({ baseUrl: siteUrl, authorization: 'Forge', fetch: createForgeJiraFetch(requestJira, siteUrl) })),
    transport: new ForgeTransport(budget),
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
    // Polls are answered at once on Forge (exchange-web-trigger.ts): nothing waits on a signal
    // across invocations, so the in-process signals of core are all this needs.
    signals: new SyncSignals(),
    identity,
    settings: {
      nodeUrl: nodeUrl.replace(/\/+$/, ''),
      invitationLifetimeMs: defaultInvitationLifetimeMs,
      allowPrivateDestinations: false,
      maximumMessageBytes: forgeMessageBytes,
    },
  };
}

function cachedNodeUrl(cache: InstallationCache): Promise<string> {
  cache.nodeUrl ??= webTrigger.getUrl(exchangeWebTriggerKey).catch((error: unknown) => {
    // A failed look-up is not kept: the next invocation asks again.
    delete cache.nodeUrl;
    throw error;
  });
  return cache.nodeUrl;
}

/** The site's own address (what peers are told as instance URL), asked once and kept. */
async function discoverSiteUrl(store: KvsStore, fetch: ReturnType<typeof createForgeJiraFetch>): Promise<string> {
  const response = await fetch('https://jira.invalid/rest/api/3/serverInfo', { method: 'GET', headers: { accept: 'application/json' } });
  const information = serverInformationSchema.safeParse(response.ok ? await response.json() : undefined);
  if (!information.success)
    throw new ExalateError(
      'tracker_unavailable',
      `Jira did not tell the app its site address (serverInfo answered ${response.status}); try again in a minute.`,
      { isRetryable: true },
    );
  await store.putSetting(siteUrlSetting, information.data.baseUrl);
  return information.data.baseUrl;
}

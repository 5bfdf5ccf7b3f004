import Fastify from 'fastify';
import { changeHookPath, registerChangeHooks } from './change-hooks';
import { createConsoleLogger } from './console-logger';
import { nodeServerOptions } from './http-server-options';
import { startNode, type NodeOptions } from './start-node';
import { trackerFromEnvironment } from './tracker-from-environment';
import { consoleRoutes } from './ui/console-routes';

/**
 * A self-hosted node for one tracker. Settings come from the environment:
 * PORT (8080), DATA_DIR (.data), NODE_URL (this node's public URL; unset for a private node),
 * ADMIN_TOKEN (generated and printed on first start when unset), INVITATION_LIFETIME_HOURS (72),
 * CHANGE_HOOK_URL (where the tracker delivers change events; default NODE_URL/hooks/change),
 * JIRA_CLOUD_OAUTH_CLIENT_SECRET (Jira Cloud signs webhook deliveries with the OAuth app's secret),
 * TRACKER, TRACKER_URL, TRACKER_AUTH for the tracker, DATABASE_URL (PostgreSQL instead of SQLite;
 * several processes may share it), NODE_NAME (names the PostgreSQL schema; default "node"),
 * SHUTDOWN_GRACE_SECONDS (20: how long claimed work may take to finish on SIGTERM),
 * MAXIMUM_PENDING_CONNECTIONS (100: invitation codes waiting to be accepted at once),
 * ATTACHMENT_CONTENT_LIMIT_MB (256: attachment content a peer may leave waiting, per connection),
 * JIRA_SERVER_OAUTH_CLIENT_ID and JIRA_SERVER_OAUTH_CLIENT_SECRET (Jira DC's incoming application link:
 * Jira administrators then open Exalate from Jira's Manage apps without a token) and
 * TRUST_PROXY (the reverse proxies whose X-Forwarded-* headers are believed; see http-server-options.ts).
 */
async function main(): Promise<void> {
  const environment = process.env;
  const port = Number(environment['PORT'] ?? 8080);
  // Read first: a mistyped TRUST_PROXY stops the start before anything is opened.
  const serverOptions = nodeServerOptions(environment);
  const tracker = trackerFromEnvironment(environment);
  const nodeUrl = environment['NODE_URL']?.replace(/\/+$/, '') || null;
  const logger = createConsoleLogger('node');
  const lifetimeHours = Number(environment['INVITATION_LIFETIME_HOURS'] ?? 72);
  const node = await startNode({
    name: environment['NODE_NAME'] || 'node',
    dataDirectory: environment['DATA_DIR'] ?? '.data',
    nodeUrl,
    tracker,
    logger,
    adminToken: environment['ADMIN_TOKEN'],
    invitationLifetimeMs: lifetimeHours * 3600_000,
    maximumPendingConnections: wholeNumberSetting(environment, 'MAXIMUM_PENDING_CONNECTIONS'),
    attachmentContentLimitBytes: mapDefined(wholeNumberSetting(environment, 'ATTACHMENT_CONTENT_LIMIT_MB'), (megabytes) => megabytes * 1024 * 1024),
    databaseUrl: environment['DATABASE_URL'] || undefined,
    processMetrics: true,
    ...azureDevOpsHubAccess(environment),
    jiraServerEntry: jiraServerEntryFromEnvironment(environment, nodeUrl),
  });
  const app = Fastify(serverOptions);
  await app.register(node.routes);
  await app.register(consoleRoutes({ title: tracker.kind, tracker: tracker.kind, adminApi: '/api/v1' }), { prefix: '/console' });
  await app.listen({ port, host: environment['HOST'] ?? '0.0.0.0' });
  // Where the tracker can call this node; a private node behind a firewall still has one inside it.
  const changeHookUrl = environment['CHANGE_HOOK_URL'] ?? (nodeUrl ? `${nodeUrl}${changeHookPath}` : undefined);
  if (changeHookUrl) await registerChangeHooks(node, changeHookUrl, environment['JIRA_CLOUD_OAUTH_CLIENT_SECRET']);
  logger.info('node started', { port, nodeUrl, tracker: tracker.kind, private: nodeUrl === null });
  // Secrets in the database are sealed with a key kept beside DATA_DIR: every process sharing the
  // database needs the same one, or the second opens nothing the first sealed.
  if (environment['DATABASE_URL'] && !environment['NODE_SECRET_KEY']) {
    logger.warn('DATABASE_URL is set but NODE_SECRET_KEY is not: give every process of this node the same NODE_SECRET_KEY (or the same DATA_DIR)');
  }
  if (node.adminTokenIsNew) process.stdout.write(`Admin token (shown once; keep it safe): ${node.adminToken}\n`);
  const graceMs = Number(environment['SHUTDOWN_GRACE_SECONDS'] ?? 20) * 1000;
  let stopping = false;
  // SIGTERM (an orchestrator) or Ctrl-C: claim nothing new and report not ready, stop taking
  // requests, let claimed work finish or hand it back, close the store, exit. A second signal
  // exits at once; the queue's leases cover whatever was cut short.
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info('shutting down', { signal, graceMs });
    node.stopClaiming();
    // Should closing itself hang, the process still ends, a little after the grace period.
    setTimeout(() => process.exit(1), graceMs + 10_000).unref();
    void app
      .close()
      .then(() => node.close({ graceMs }))
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error('shutdown failed', { message: error instanceof Error ? error.message : String(error) });
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`The node could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

/**
 * The Exalate hub's static files are served from its publisher's Marketplace CDN; the publisher is
 * the deployer's (AZURE_DEVOPS_PUBLISHER, as `npm run package` used it), `idalko-tools` by default.
 */
function azureDevOpsHubOrigins(publisher: string): string[] {
  return [`https://${publisher}.gallerycdn.vsassets.io`, `https://${publisher}.gallery.vsassets.io`];
}

/**
 * AZURE_DEVOPS_EXTENSION_SECRET (the extension's certificate) lets the Azure DevOps hub in with its
 * app token, from the hub's origins; AZURE_DEVOPS_ADMIN_IDS (comma-separated user ids) narrows it
 * to those admins; CONSOLE_ORIGINS (comma-separated) replaces the hub's origins, e.g. for a hub
 * served from your own host.
 */
function azureDevOpsHubAccess(environment: NodeJS.ProcessEnv): Pick<NodeOptions, 'azureDevOpsAppTokens' | 'consoleOrigins'> {
  const list = (name: string) =>
    environment[name]
      ?.split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  const secret = environment['AZURE_DEVOPS_EXTENSION_SECRET'];
  const userIds = list('AZURE_DEVOPS_ADMIN_IDS');
  const origins = list('CONSOLE_ORIGINS') ?? (secret ? azureDevOpsHubOrigins(environment['AZURE_DEVOPS_PUBLISHER'] ?? 'idalko-tools') : []);
  return { consoleOrigins: origins, ...(secret ? { azureDevOpsAppTokens: { secret, ...(userIds ? { userIds } : {}) } } : {}) };
}

/**
 * The client id and secret of the incoming application link a Jira administrator made for this node
 * (docs/decisions/2026-12-06-jira-server-admin-entry.md); the console is the node's own at /console/.
 */
function jiraServerEntryFromEnvironment(environment: NodeJS.ProcessEnv, nodeUrl: string | null): NodeOptions['jiraServerEntry'] {
  const clientId = environment['JIRA_SERVER_OAUTH_CLIENT_ID'] || undefined;
  const clientSecret = environment['JIRA_SERVER_OAUTH_CLIENT_SECRET'] || undefined;
  if (clientId === undefined && clientSecret === undefined) return undefined;
  if (clientId === undefined || clientSecret === undefined)
    throw new Error(
      'Set both JIRA_SERVER_OAUTH_CLIENT_ID and JIRA_SERVER_OAUTH_CLIENT_SECRET (Jira: Administration → Applications → Application links → your incoming link), or neither.',
    );
  if (nodeUrl === null) throw new Error("JIRA_SERVER_OAUTH_CLIENT_ID needs NODE_URL: Jira sends administrators back to the node's public address.");
  return { clientId, clientSecret, consoleUrl: `${nodeUrl}/console/` };
}

/** A positive whole number from the environment, or undefined when unset; anything else stops the start with the reason. */
function wholeNumberSetting(environment: NodeJS.ProcessEnv, name: string): number | undefined {
  const text = environment[name];
  if (text === undefined || text === '') return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new Error(`${name} must be a whole number of at least 1; it is "${text}".`);
  return Number(text);
}

function mapDefined<T, U>(value: T | undefined, map: (value: T) => U): U | undefined {
  return value === undefined ? undefined : map(value);
}

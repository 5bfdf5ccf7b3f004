import Fastify from 'fastify';
import { changeHookPath, registerChangeHooks } from './change-hooks';
import { createConsoleLogger } from './console-logger';
import { bodyLimitBytes } from './node-routes';
import { startNode } from './start-node';
import { trackerFromEnvironment } from './tracker-from-environment';
import { consoleRoutes } from './ui/console-routes';

/**
 * A self-hosted node for one tracker. Settings come from the environment:
 * PORT (8080), DATA_DIR (.data), NODE_URL (this node's public URL; unset for a private node),
 * ADMIN_TOKEN (generated and printed on first start when unset), INVITATION_LIFETIME_HOURS (72),
 * CHANGE_HOOK_URL (where the tracker delivers change events; default NODE_URL/hooks/change),
 * JIRA_CLOUD_OAUTH_CLIENT_SECRET (Jira Cloud signs webhook deliveries with the OAuth app's secret),
 * and TRACKER, TRACKER_URL, TRACKER_AUTH for the tracker.
 */
async function main(): Promise<void> {
  const environment = process.env;
  const port = Number(environment['PORT'] ?? 8080);
  const tracker = trackerFromEnvironment(environment);
  const nodeUrl = environment['NODE_URL']?.replace(/\/+$/, '') || null;
  const logger = createConsoleLogger('node');
  const lifetimeHours = Number(environment['INVITATION_LIFETIME_HOURS'] ?? 72);
  const node = await startNode({
    name: 'node',
    dataDirectory: environment['DATA_DIR'] ?? '.data',
    nodeUrl,
    tracker,
    logger,
    adminToken: environment['ADMIN_TOKEN'],
    invitationLifetimeMs: lifetimeHours * 3600_000,
  });
  const app = Fastify({ bodyLimit: bodyLimitBytes, trustProxy: true, forceCloseConnections: true });
  await app.register(node.routes);
  await app.register(consoleRoutes({ title: tracker.kind, tracker: tracker.kind, adminApi: '/api/v1' }), { prefix: '/console' });
  await app.listen({ port, host: environment['HOST'] ?? '0.0.0.0' });
  // Where the tracker can call this node; a private node behind a firewall still has one inside it.
  const changeHookUrl = environment['CHANGE_HOOK_URL'] ?? (nodeUrl ? `${nodeUrl}${changeHookPath}` : undefined);
  if (changeHookUrl) await registerChangeHooks(node.context, changeHookUrl, environment['JIRA_CLOUD_OAUTH_CLIENT_SECRET']);
  logger.info('node started', { port, nodeUrl, tracker: tracker.kind, private: nodeUrl === null });
  if (node.adminTokenIsNew) process.stdout.write(`Admin token (shown once; keep it safe): ${node.adminToken}\n`);
  const stop = () => void app.close().then(() => node.close()).then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`The node could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

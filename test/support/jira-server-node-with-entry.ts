import Fastify from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger, type ClockV1 } from '../../core';
import { startEmulatorServer } from '../../hosts/emulator-kit';
import { JiraServerAdapter } from '../../hosts/jira-server/adapter';
import { createJiraServerEmulator, type JiraServerEmulator } from '../../hosts/jira-server/emulator';
import { startNode, type RunningNode } from '../../hosts/node/start-node';
import { freePort } from './free-port';

export const entryClientId = 'exalate-node-client';
export const entryClientSecret = 'exalate-node-client-secret';

export interface JiraServerNodeWithEntry {
  readonly emulator: JiraServerEmulator;
  readonly node: RunningNode;
  /** The node's origin, which Jira's incoming link sends people back to. */
  readonly origin: string;
  /** Where the Jira DC emulator answers (its base URL). */
  readonly jiraUrl: string;
  close(): Promise<void>;
}

/**
 * A Jira DC emulator with an OAuth 2.0 incoming link for the node, and a node serving the Jira
 * administrators' entry (hosts/node/jira-server-entry/) on its own port: what the Jira DC plugin's
 * Manage apps page and issue panel open.
 */
export async function startJiraServerNodeWithEntry(
  options: { readonly clock?: ClockV1; readonly trackerFetch?: typeof fetch } = {},
): Promise<JiraServerNodeWithEntry> {
  const emulator = createJiraServerEmulator();
  const jira = await startEmulatorServer(emulator.routes, { prefix: '/jira' });
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  emulator.state.oauth.createIncomingLink(`${origin}/jira-server/enter/callback`, entryClientId, entryClientSecret);
  const dataDirectory = mkdtempSync(join(tmpdir(), 'exalate-jira-entry-'));
  const node = await startNode({
    name: 'jira-dc',
    dataDirectory,
    nodeUrl: origin,
    tracker: new JiraServerAdapter({
      baseUrl: jira.mountUrl,
      authorization: emulator.authorization,
      ...(options.trackerFetch ? { fetch: options.trackerFetch } : {}),
    }),
    logger: silentLogger,
    runSync: false,
    ...(options.clock ? { clock: options.clock } : {}),
    jiraServerEntry: { clientId: entryClientId, clientSecret: entryClientSecret, consoleUrl: `${origin}/console/` },
  });
  const server = Fastify();
  await server.register(node.routes);
  await server.listen({ port, host: '127.0.0.1' });
  return {
    emulator,
    node,
    origin,
    jiraUrl: jira.mountUrl,
    close: async () => {
      await server.close();
      await node.close();
      await jira.close();
      rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}

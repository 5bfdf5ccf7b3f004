import { MemoryTracker } from '../fakes/memory-tracker';
import { startTestNode, type TestNode } from './test-node';
import { startTestNodePair } from './test-node-pair';

/**
 * Two real nodes over memory trackers, Jira Cloud and Azure DevOps, with an active Script-mode
 * connection on project SUP: the Jira node initiated it and the Azure DevOps node accepted.
 */
export interface ConnectedTestNodes {
  readonly jira: MemoryTracker;
  readonly ado: MemoryTracker;
  /** Public: the initiating side. */
  readonly jiraNode: TestNode;
  readonly adoNode: TestNode;
  readonly connectionId: string;
  close(): Promise<void>;
}

export async function startConnectedTestNodes(options: {
  /** A public Azure DevOps node is invited at its URL; a private one is invited with no destination and polls the Jira node. */
  readonly adoIsPublic: boolean;
  readonly connectionName: string;
  /** Sync engine timing for both nodes; the engines are off unless this is given. */
  readonly sync?: Parameters<typeof startTestNode>[0]['sync'];
}): Promise<ConnectedTestNodes> {
  const nodes = await startTestNodePair({ adoIsPublic: options.adoIsPublic, ...(options.sync ? { sync: options.sync } : {}) });
  const { jiraNode, adoNode } = nodes;
  const initiated = await jiraNode.admin('POST', '/connections/initiate', {
    destinationUrl: adoNode.nodeUrl,
    mode: 'script',
    localName: 'jira',
    remoteName: 'ado',
    name: options.connectionName,
    projectKey: 'SUP',
  });
  expect(initiated.status).toBe(201);
  expect((await adoNode.admin('POST', '/connections/accept', { invitationCode: initiated.body.invitationCode, projectKey: 'SUP' })).status).toBe(201);
  return { ...nodes, connectionId: initiated.body.connection.id };
}

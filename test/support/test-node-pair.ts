import { MemoryTracker } from '../fakes/memory-tracker';
import { startTestNode, type TestNode } from './test-node';

/** Two real nodes, not yet connected: Jira Cloud's (public, the one that initiates) and Azure DevOps'. */
export interface TestNodePair<JiraTracker extends MemoryTracker = MemoryTracker, AdoTracker extends MemoryTracker = MemoryTracker> {
  readonly jira: JiraTracker;
  readonly ado: AdoTracker;
  readonly jiraNode: TestNode;
  readonly adoNode: TestNode;
  close(): Promise<void>;
}

/**
 * Starts the pair over memory trackers (or the ones given, for a project with its own values). A
 * private Azure DevOps node is reached by nobody: it polls the Jira node, as behind a firewall.
 */
export async function startTestNodePair<JiraTracker extends MemoryTracker = MemoryTracker, AdoTracker extends MemoryTracker = MemoryTracker>(options: {
  readonly adoIsPublic: boolean;
  /** Sync engine timing for both nodes; the engines are off unless this is given. */
  readonly sync?: Parameters<typeof startTestNode>[0]['sync'];
  readonly jira?: JiraTracker;
  readonly ado?: AdoTracker;
}): Promise<TestNodePair<JiraTracker, AdoTracker>> {
  // Without trackers given, the defaults are plain memory trackers, which is what the type parameters default to.
  const jira = options.jira ?? (new MemoryTracker('jira-cloud') as JiraTracker);
  const ado = options.ado ?? (new MemoryTracker('azure-devops') as AdoTracker);
  const sync = options.sync ? { sync: options.sync } : {};
  const jiraNode = await startTestNode({ name: 'jira', isPublic: true, tracker: jira, ...sync });
  const adoNode = await startTestNode({ name: 'ado', isPublic: options.adoIsPublic, tracker: ado, ...sync });
  return {
    jira,
    ado,
    jiraNode,
    adoNode,
    close: async () => {
      await Promise.all([jiraNode.close(), adoNode.close()]);
    },
  };
}

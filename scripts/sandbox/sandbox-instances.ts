import type { TrackerKind } from '../../core';

/** One tracker with its node, as the sandbox runs it. */
export interface SandboxInstanceDefinition {
  readonly id: string;
  readonly tracker: TrackerKind;
  /** False: a private side with no inbound URL, which starts every request itself. */
  readonly public: boolean;
  readonly title: string;
}

/**
 * A public instance of every tracker, and a private Azure DevOps Server: the usual case of a
 * private side (an on-premise tracker behind a firewall) and one that can run Script mode
 * (Jira Server/DC needs a public instance for it).
 */
export const sandboxInstances: readonly SandboxInstanceDefinition[] = [
  { id: 'jira-cloud', tracker: 'jira-cloud', public: true, title: 'Jira Cloud' },
  { id: 'jira-server', tracker: 'jira-server', public: true, title: 'Jira Server / Data Center' },
  { id: 'azure-devops', tracker: 'azure-devops', public: true, title: 'Azure DevOps Services' },
  { id: 'asana', tracker: 'asana', public: true, title: 'Asana' },
  { id: 'azure-devops-private', tracker: 'azure-devops', public: false, title: 'Azure DevOps Server (private network)' },
];

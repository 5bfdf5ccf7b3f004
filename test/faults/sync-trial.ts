import { AzureDevOpsAdapter } from '../../hosts/azure-devops/adapter';
import { JiraCloudAdapter } from '../../hosts/jira-cloud/adapter';
import type { SandboxDescription } from '../../scripts/sandbox/sandbox-description';
import { readTrigger } from '../support/read-trigger';
import { adminClient, instanceOf } from '../support/sandbox-client';
import { waitFor } from '../support/wait-for';

/** How many new Jira Cloud issues each kill -9 trial syncs to the private Azure DevOps Server. */
export const issuesPerTrial = 25;

export interface SyncTrial {
  readonly connectionId: string;
  readonly keys: readonly string[];
}

/** A Jira Cloud connection to the private Azure DevOps Server, as an administrator makes it: initiated, accepted, Script mode. */
export async function connectJiraToPrivateAzureDevOps(description: SandboxDescription, trial: number): Promise<string> {
  const jiraAdmin = adminClient(instanceOf(description, 'jira-cloud'));
  const initiated = await jiraAdmin('POST', '/connections/initiate', {
    destinationUrl: null,
    mode: 'script',
    localName: 'jira',
    remoteName: 'ado',
    name: `fault_${trial}`,
    projectKey: 'SUP',
  });
  const accepted = await adminClient(instanceOf(description, 'azure-devops-private'))('POST', '/connections/accept', {
    invitationCode: initiated.body.invitationCode,
    projectKey: 'Fabrikam Fiber',
  });
  if (accepted.status !== 201) throw new Error(`the private side did not accept the invitation: ${JSON.stringify(accepted.body)}`);
  return initiated.body.connection.id as string;
}

export async function createTrialIssues(description: SandboxDescription, trial: number): Promise<string[]> {
  const jira = instanceOf(description, 'jira-cloud');
  const jiraUser = new JiraCloudAdapter({ baseUrl: jira.trackerApi, authorization: jira.trackerAuth });
  const keys: string[] = [];
  for (let index = 0; index < issuesPerTrial; index++)
    keys.push((await jiraUser.createItem({ projectKey: 'SUP', type: 'Task', summary: `fault ${trial}-${index}` })).key);
  return keys;
}

export async function isSynchronized(description: SandboxDescription, { connectionId, keys }: SyncTrial): Promise<boolean> {
  const jiraAdmin = adminClient(instanceOf(description, 'jira-cloud'));
  const twins = await Promise.all(keys.map((key) => jiraAdmin('GET', `/connections/${connectionId}/twins/${key}`)));
  return twins.every((twin) => twin.body?.status === 'synchronized');
}

/**
 * After the restart: every issue of the trial ends with its twin synchronized, and the private
 * Azure DevOps holds exactly one work item per issue (none lost, none created twice).
 */
export async function expectEachIssueSyncedOnce(description: SandboxDescription, trial: number, { connectionId, keys }: SyncTrial): Promise<void> {
  const jiraAdmin = adminClient(instanceOf(description, 'jira-cloud'));
  const privateAdmin = adminClient(instanceOf(description, 'azure-devops-private'));
  for (const key of keys) {
    try {
      await waitFor(
        `${key} synchronized after the restart`,
        async () => (await jiraAdmin('GET', `/connections/${connectionId}/twins/${key}`)).body?.status === 'synchronized',
        60_000,
      );
    } catch (error) {
      const twin = (await jiraAdmin('GET', `/connections/${connectionId}/twins/${key}`)).body;
      const queue = (await jiraAdmin('GET', `/connections/${connectionId}/queue`)).body;
      const privateQueue = (await privateAdmin('GET', `/connections/${connectionId}/queue`)).body;
      const errors = (await privateAdmin('GET', '/errors')).body;
      throw new Error(
        `${String(error)}; twin ${JSON.stringify(twin)}; public queue ${JSON.stringify(queue).slice(0, 1500)}; private queue ${JSON.stringify(privateQueue).slice(0, 1500)}; private errors ${JSON.stringify(errors).slice(0, 1500)}`,
      );
    }
  }
  const ado = instanceOf(description, 'azure-devops-private');
  const adoUser = new AzureDevOpsAdapter({ baseUrl: ado.trackerApi, authorization: ado.trackerAuth });
  const summaries: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await adoUser.searchItems(readTrigger("[System.TeamProject] = 'Fabrikam Fiber'", 'azure-devops'), { cursor, limit: 200 });
    for (const key of page.keys) summaries.push((await adoUser.getItem(key))!.summary);
    cursor = page.nextCursor;
  } while (cursor !== null);
  const synced = summaries.filter((summary) => summary.startsWith(`fault ${trial}-`)).sort();
  expect(synced).toEqual(keys.map((_key, index) => `fault ${trial}-${index}`).sort());
}

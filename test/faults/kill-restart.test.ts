import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AzureDevOpsAdapter } from '../../hosts/azure-devops/adapter';
import { JiraCloudAdapter } from '../../hosts/jira-cloud/adapter';
import { freePort } from '../support/free-port';
import { adminClient, instanceOf } from '../support/sandbox-client';
import { waitFor } from '../support/wait-for';
import { killHard, startSandboxProcess } from './sandbox-process';

/**
 * `kill -9` of the whole sandbox (trackers and nodes in one process) at a random moment while a
 * trigger syncs a batch of new issues, then a restart on the same data: every issue must end up
 * with exactly one twin, and the private side must hold exactly one work item per issue.
 * Quick run: 2 trials. Full run: FAULT_TRIALS=20 npx jest test/faults.
 */
const trials = Number(process.env['FAULT_TRIALS'] ?? 2);
const issuesPerTrial = 25;

describe('kill -9 during sync, then restart', () => {
  it.each(Array.from({ length: trials }, (_unused, index) => index + 1))('trial %i: nothing lost, nothing duplicated', async (trial) => {
    const dataDirectory = mkdtempSync(join(tmpdir(), 'exalate-fault-'));
    const port = await freePort();
    let { child, description } = await startSandboxProcess(port, dataDirectory);
    try {
      const jira = instanceOf(description, 'jira-cloud');
      const ado = instanceOf(description, 'azure-devops-private');
      const jiraAdmin = adminClient(jira);
      const initiated = await jiraAdmin('POST', '/connections/initiate', { destinationUrl: null, mode: 'script', localName: 'jira', remoteName: 'ado', name: `fault_${trial}`, projectKey: 'SUP' });
      expect((await adminClient(ado)('POST', '/connections/accept', { invitationCode: initiated.body.invitationCode, projectKey: 'Fabrikam Fiber' })).status).toBe(201);
      const connectionId = initiated.body.connection.id as string;
      await jiraAdmin('POST', `/connections/${connectionId}/triggers`, { query: 'project = SUP', active: true });

      const jiraUser = new JiraCloudAdapter({ baseUrl: jira.trackerApi, authorization: jira.trackerAuth });
      const keys: string[] = [];
      for (let index = 0; index < issuesPerTrial; index++) keys.push((await jiraUser.createItem({ projectKey: 'SUP', type: 'Task', summary: `fault ${trial}-${index}` })).key);
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 1500)));
      await killHard(child);

      ({ child, description } = await startSandboxProcess(port, dataDirectory));
      const restartedAdmin = adminClient(instanceOf(description, 'jira-cloud'));
      for (const key of keys) {
        try {
          await waitFor(`${key} synchronized after the restart`, async () => (await restartedAdmin('GET', `/connections/${connectionId}/twins/${key}`)).body?.status === 'synchronized', 60_000);
        } catch (error) {
          const twin = (await restartedAdmin('GET', `/connections/${connectionId}/twins/${key}`)).body;
          const queue = (await restartedAdmin('GET', `/connections/${connectionId}/queue`)).body;
          const privateQueue = (await adminClient(instanceOf(description, 'azure-devops-private'))('GET', `/connections/${connectionId}/queue`)).body;
          const errors = (await adminClient(instanceOf(description, 'azure-devops-private'))('GET', '/errors')).body;
          throw new Error(`${String(error)}; twin ${JSON.stringify(twin)}; public queue ${JSON.stringify(queue).slice(0, 1500)}; private queue ${JSON.stringify(privateQueue).slice(0, 1500)}; private errors ${JSON.stringify(errors).slice(0, 1500)}`);
        }
      }
      const adoUser = new AzureDevOpsAdapter({ baseUrl: ado.trackerApi, authorization: ado.trackerAuth });
      const summaries: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await adoUser.searchItems("[System.TeamProject] = 'Fabrikam Fiber'", { cursor, limit: 200 });
        for (const key of page.keys) summaries.push((await adoUser.getItem(key))!.summary);
        cursor = page.nextCursor;
      } while (cursor !== null);
      const synced = summaries.filter((summary) => summary.startsWith(`fault ${trial}-`)).sort();
      expect(synced).toEqual(keys.map((_key, index) => `fault ${trial}-${index}`).sort());
    } finally {
      await killHard(child);
      rmSync(dataDirectory, { recursive: true, force: true });
    }
  }, 180_000);
});

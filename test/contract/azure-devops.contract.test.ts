import { z } from 'zod';
import { parseJson } from '../../core';
import { AzureDevOpsAdapter } from '../../hosts/azure-devops/adapter';
import { startAzureDevOpsHarness } from '../support/azure-devops-harness';
import { describeLiveTrackerContract, describeTrackerContract, type TrackerContractVocabulary } from './tracker.contract';

const emulatedProject = 'Fabrikam Fiber';

const vocabulary = (userEmail: string, itemType = 'Bug'): TrackerContractVocabulary => ({
  itemType,
  // The Agile process: a new Bug is New, and Active is one step away.
  initialStatus: process.env['AZURE_DEVOPS_INITIAL_STATE'] ?? 'New',
  targetStatus: process.env['AZURE_DEVOPS_TARGET_STATE'] ?? 'Active',
  // Microsoft.VSTS.Common.Priority: 1 (highest) to 4.
  priorities: ['1', '3'],
  supportsLabels: true,
  userEmail,
  missingItemKey: '2147483000',
  queryForProject: (projectKey) => `project = "${projectKey}" ORDER BY [System.Id]`,
});

describeTrackerContract('azure-devops (emulator)', async () => {
  const harness = await startAzureDevOpsHarness();
  const { emulator } = harness;
  return {
    tracker: harness.adapter,
    projectKey: emulatedProject,
    vocabulary: vocabulary('ada@acme.example'),
    close: () => harness.close(),
    faults: {
      startRateLimitStorm: (options) => emulator.rateLimit.start(options),
      stopRateLimitStorm: () => emulator.rateLimit.stop(),
      waits: harness.timers.waits,
      countItems: (projectKey) =>
        emulator.state.workItems.filter((item) => String(item.fields['System.TeamProject']).toLowerCase() === projectKey.toLowerCase()).length,
      countComments: (itemKey) => emulator.state.commentsOf(Number(itemKey)).filter((comment) => !comment.isDeleted).length,
    },
    assertExchangesMatchSpec: () => {
      try {
        harness.checks.assertExchangesMatchSpec();
      } finally {
        harness.checks.clear();
      }
    },
  };
});

const connectionDataSchema = z.looseObject({
  authenticatedUser: z.looseObject({ properties: z.looseObject({ Account: z.looseObject({ $value: z.string() }).optional() }).optional() }),
});

/**
 * Against a real organization: AZURE_DEVOPS_URL (https://dev.azure.com/your-organization) and
 * AZURE_DEVOPS_TOKEN (a PAT with Work Items read & write, Project and Team read, Identity read).
 * Optional: AZURE_DEVOPS_PROJECT (else the first project), AZURE_DEVOPS_ITEM_TYPE (Bug),
 * AZURE_DEVOPS_INITIAL_STATE / AZURE_DEVOPS_TARGET_STATE (New / Active).
 */
describeLiveTrackerContract('azure-devops', ['AZURE_DEVOPS_URL', 'AZURE_DEVOPS_TOKEN'], async (environment) => {
  const baseUrl = (environment['AZURE_DEVOPS_URL'] ?? '').replace(/\/+$/, '');
  const authorization = `Basic ${Buffer.from(`:${environment['AZURE_DEVOPS_TOKEN'] ?? ''}`).toString('base64')}`;
  const adapter = new AzureDevOpsAdapter({ baseUrl, authorization });
  const projectKey = process.env['AZURE_DEVOPS_PROJECT'] ?? (await adapter.listProjects())[0]?.key ?? '';
  const answer = await fetch(`${baseUrl}/_apis/connectionData?api-version=7.1-preview`, { headers: { Authorization: authorization } });
  const me = parseJson(await answer.text(), connectionDataSchema);
  const email = me.ok ? (me.value.authenticatedUser.properties?.Account?.$value ?? '') : '';
  return {
    tracker: adapter,
    projectKey,
    vocabulary: vocabulary(email, process.env['AZURE_DEVOPS_ITEM_TYPE'] ?? 'Bug'),
    close: async () => undefined,
    // Work items the suite made go to the project's recycle bin.
    deleteItem: async (key) => {
      await fetch(`${baseUrl}/_apis/wit/workitems/${key}?api-version=7.1`, { method: 'DELETE', headers: { Authorization: authorization } });
    },
  };
});

import { z } from 'zod';
import type { TrackerProjectValues } from '../../core';
import type { AzureDevOpsClient } from './azure-devops-client';

/** WorkItemType in the `{ count, value }` wrapper: the project's process types. */
const workItemTypeListSchema = z.looseObject({
  value: z.array(z.looseObject({ name: z.string(), isDisabled: z.boolean().optional() })),
});
/** WorkItemStateColor in the `{ count, value }` wrapper. */
const stateListSchema = z.looseObject({ value: z.array(z.looseObject({ name: z.string() })) });

/**
 * Microsoft.VSTS.Common.Priority's allowed values in every process template (Agile, Scrum, CMMI,
 * Basic): 1 (highest) to 4. The adapter names priorities by that number (core/trackers/azure-devops.ts).
 */
const priorities = ['1', '2', '3', '4'];

/**
 * A project's work item types (disabled ones left out, since nothing can be created in them) and
 * the union of their states, with one read for the types and one per type for its states
 * (`workitemtypes` and `workitemtypes/{type}/states`, work item tracking 7.1).
 */
export async function readWorkItemTypeValues(client: AzureDevOpsClient, apiVersion: string, projectKey: string): Promise<TrackerProjectValues> {
  const project = encodeURIComponent(projectKey);
  const types = await client.json(
    { path: `/${project}/_apis/wit/workitemtypes`, apiVersion, action: `read the work item types of project ${projectKey}` },
    workItemTypeListSchema,
  );
  const enabled = types.value.value.filter((type) => type.isDisabled !== true).map((type) => type.name);
  const states = await Promise.all(
    enabled.map((type) =>
      client.json(
        { path: `/${project}/_apis/wit/workitemtypes/${encodeURIComponent(type)}/states`, apiVersion, action: `read the states of ${type} in ${projectKey}` },
        stateListSchema,
      ),
    ),
  );
  return {
    statuses: [...new Set(states.flatMap((answer) => answer.value.value.map((state) => state.name)))],
    priorities,
    types: enabled,
  };
}

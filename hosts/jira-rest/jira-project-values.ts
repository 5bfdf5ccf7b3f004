import { z } from 'zod';
import type { TrackerProjectValues } from '../../core';
import type { TrackerHttpClient } from '../tracker-http';
import type { JiraDialect } from './jira-dialect';

/** IssueTypeWithStatus: each issue type of the project with the statuses of its workflow. */
const projectStatusesSchema = z.array(z.looseObject({ name: z.string(), statuses: z.array(z.looseObject({ name: z.string() })) }));
/** Priority: the site's priorities (Jira has one list for the whole site, in its own order). */
const prioritiesSchema = z.array(z.looseObject({ name: z.string() }));
/** Project: the issue types it offers. */
const projectIssueTypesSchema = z.looseObject({ issueTypes: z.array(z.looseObject({ name: z.string() })).default([]) });

/**
 * A Jira project's statuses (the union over its issue types' workflows, in the order Jira lists
 * them), the site's priorities and the project's issue types, with three reads that are the same
 * resource on v3 and v2: `project/{key}/statuses`, `priority` and `project/{key}`.
 */
export async function readJiraProjectValues(client: TrackerHttpClient, dialect: JiraDialect, projectKey: string): Promise<TrackerProjectValues> {
  const project = encodeURIComponent(projectKey);
  const [statuses, priorities, details] = await Promise.all([
    client.json({ path: `${dialect.api}/project/${project}/statuses`, action: `read the statuses of project ${projectKey}` }, projectStatusesSchema),
    client.json({ path: `${dialect.api}/priority`, action: 'read the priorities' }, prioritiesSchema),
    client.json({ path: `${dialect.api}/project/${project}`, action: `read project ${projectKey}` }, projectIssueTypesSchema),
  ]);
  return {
    statuses: unique(statuses.flatMap((type) => type.statuses.map((status) => status.name))),
    priorities: unique(priorities.map((priority) => priority.name)),
    types: unique(details.issueTypes.map((type) => type.name)),
  };
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}

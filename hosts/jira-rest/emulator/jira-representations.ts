import { z } from 'zod';

/**
 * Jira resources as both Jira emulators answer them. Jira Cloud REST v3 and Jira Server/DC REST v2
 * serve the same resources (project, user, serverInfo) with the same JSON; v2 only differs in text
 * fields (wiki markup instead of ADF), which none of these carry. Shapes follow
 * `components.schemas.Project` and `AvatarUrlsBean` of the Jira Cloud platform v3 document, which
 * declares `additionalProperties: false`, so only fields named there are emitted.
 */

export const jiraProjectTypeKeys = ['software', 'service_desk', 'business'] as const;

/** Jira project keys: an uppercase letter, then uppercase letters, digits or underscores (Jira's default pattern). */
const jiraProjectKeyPattern = /^[A-Z][A-Z0-9_]{1,9}$/;

export const jiraProjectRecordSchema = z.strictObject({
  id: z.string().regex(/^\d+$/),
  key: z.string().regex(jiraProjectKeyPattern),
  name: z.string().min(1),
  projectTypeKey: z.enum(jiraProjectTypeKeys),
  description: z.string(),
});

export type JiraProjectRecord = z.infer<typeof jiraProjectRecordSchema>;

export interface JiraProjectSeed {
  readonly key: string;
  readonly name: string;
  readonly projectTypeKey?: (typeof jiraProjectTypeKeys)[number];
  readonly description?: string;
}

/** Jira numbers projects from 10000 upwards. */
export const firstJiraProjectId = 10000;

export function createJiraProjectRecords(seeds: readonly JiraProjectSeed[]): JiraProjectRecord[] {
  const records: JiraProjectRecord[] = [];
  for (const [index, seed] of seeds.entries()) {
    if (records.some((record) => record.key === seed.key))
      throw new Error(`Two seeded Jira projects share the key ${seed.key}; project keys are unique in Jira.`);
    records.push(jiraProjectRecord(String(firstJiraProjectId + index), seed));
  }
  return records;
}

/** A project created after the seed (the sandbox's and tests' `addProject`): the next free id, a key not yet taken. */
export function addJiraProjectRecord(records: readonly JiraProjectRecord[], seed: JiraProjectSeed): JiraProjectRecord {
  if (records.some((project) => project.key === seed.key)) throw new Error(`A Jira project with the key ${seed.key} already exists.`);
  return jiraProjectRecord(nextJiraProjectId(records), seed);
}

function nextJiraProjectId(records: readonly JiraProjectRecord[]): string {
  return String(records.reduce((highest, record) => Math.max(highest, Number(record.id)), firstJiraProjectId - 1) + 1);
}

function jiraProjectRecord(id: string, seed: JiraProjectSeed): JiraProjectRecord {
  return jiraProjectRecordSchema.parse({
    id,
    key: seed.key,
    name: seed.name,
    projectTypeKey: seed.projectTypeKey ?? 'software',
    description: seed.description ?? '',
  });
}

/**
 * Jira's timestamp format, `2024-05-01T09:30:00.000+0000`: ISO 8601 with a colon-less offset. The
 * v3 document calls these `date-time` and its own examples use this form.
 */
export function jiraTimestamp(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

export interface JiraAvatarUrls {
  readonly '16x16': string;
  readonly '24x24': string;
  readonly '32x32': string;
  readonly '48x48': string;
}

/** Avatar links in the form Jira uses for project avatars (`/secure/projectavatar?size=…&pid=…`). */
export function jiraProjectAvatarUrls(siteUrl: string, projectId: string): JiraAvatarUrls {
  const avatar = (size: string): string => `${siteUrl}/secure/projectavatar?size=${size}&pid=${projectId}`;
  return { '16x16': avatar('xsmall'), '24x24': avatar('small'), '32x32': avatar('medium'), '48x48': avatar('large') };
}

/** Avatar links in the form Jira uses for user avatars (`/secure/useravatar?size=…&ownerId=…`). */
export function jiraUserAvatarUrls(siteUrl: string, ownerId: string): JiraAvatarUrls {
  const avatar = (size: string): string => `${siteUrl}/secure/useravatar?size=${size}&ownerId=${encodeURIComponent(ownerId)}`;
  return { '16x16': avatar('xsmall'), '24x24': avatar('small'), '32x32': avatar('medium'), '48x48': avatar('large') };
}

export type JiraRestVersion = '2' | '3';

/** A project as `GET /rest/api/{2,3}/project` and `/rest/api/3/project/search` list it. */
export function jiraProjectRepresentation(siteUrl: string, restVersion: JiraRestVersion, project: JiraProjectRecord): Record<string, unknown> {
  const common = {
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    self: `${siteUrl}/rest/api/${restVersion}/project/${project.id}`,
    id: project.id,
    key: project.key,
    name: project.name,
    avatarUrls: jiraProjectAvatarUrls(siteUrl, project.id),
    projectTypeKey: project.projectTypeKey,
  };
  // Cloud adds the team-managed flags; Server/DC lists `archived` instead (Jira 8.x and later).
  return restVersion === '3' ? { ...common, simplified: false, style: 'classic', isPrivate: false, properties: {} } : { ...common, archived: false };
}

import { asana } from './asana';
import { azureDevOps } from './azure-devops';
import { jiraCloud } from './jira-cloud';
import { jiraServer } from './jira-server';
import type { TrackerProfile } from './tracker-profile';

/**
 * The one registration of every tracker: its slug here and its profile below. A slug without a
 * profile (or a profile without a slug) does not compile, and neither does any
 * `Record<TrackerKind, …>` table that misses the new tracker.
 */
export const trackerKinds = ['jira-cloud', 'jira-server', 'azure-devops', 'asana'] as const;
export type TrackerKind = (typeof trackerKinds)[number];

export const trackerProfiles = {
  'jira-cloud': jiraCloud,
  'jira-server': jiraServer,
  'azure-devops': azureDevOps,
  asana,
} as const satisfies Readonly<Record<TrackerKind, TrackerProfile>>;

export function trackerProfile(tracker: TrackerKind): TrackerProfile {
  return trackerProfiles[tracker];
}

export const trackerDisplayNames: Readonly<Record<TrackerKind, string>> = Object.fromEntries(
  trackerKinds.map((kind) => [kind, trackerProfiles[kind].displayName]),
) as Record<TrackerKind, string>;

export type * from './tracker-profile';
export type * from './trigger-condition';

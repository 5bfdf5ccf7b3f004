import { trackerProfile, type StatusVocabulary, type TrackerKind } from '../trackers';

/**
 * Maps between two trackers' default vocabularies (each in its profile, core/trackers), which the
 * default scripts write out. Admins with other workflows edit the maps in their scripts; these only
 * have to be right for new projects.
 */

export function statusVocabulary(tracker: TrackerKind): StatusVocabulary {
  return trackerProfile(tracker).vocabulary.statuses;
}

/** Remote status name → local status name, for every name the remote tracker uses by default. */
export function statusMapBetween(local: TrackerKind, remote: TrackerKind): Record<string, string> {
  const target = statusVocabulary(local).target;
  return Object.fromEntries(Object.entries(statusVocabulary(remote).known).map(([name, category]) => [name, target[category]]));
}

/** The statuses that mean "finished" on this tracker. */
export function doneStatuses(tracker: TrackerKind): string[] {
  return Object.entries(statusVocabulary(tracker).known)
    .filter(([, category]) => category === 'done')
    .map(([name]) => name);
}

/** Remote type → local type where the names differ; unmapped names are tried as they are. */
export function typeMapBetween(local: TrackerKind, remote: TrackerKind): Readonly<Record<string, string>> {
  return trackerProfile(local).vocabulary.typeNamesFrom[trackerProfile(remote).vocabulary.family] ?? {};
}

/**
 * Remote priority → local priority (Jira priorities by name, Azure DevOps Microsoft.VSTS.Common.Priority
 * 1 to 4); undefined: copy names as they are.
 */
export function priorityMapBetween(local: TrackerKind, remote: TrackerKind): Readonly<Record<string, string>> | undefined {
  return trackerProfile(local).vocabulary.priorityNamesFrom[trackerProfile(remote).vocabulary.family];
}

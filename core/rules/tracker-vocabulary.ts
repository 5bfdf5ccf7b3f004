import type { TrackerKind } from '../ports/tracker';

/**
 * The words each tracker uses out of the box, which the default scripts map between. Admins with
 * other workflows edit the maps in their scripts; these only have to be right for new projects.
 */

export type StatusCategory = 'todo' | 'doing' | 'done';

export interface StatusVocabulary {
  /** The status a new or moved item gets for each category. */
  readonly target: Readonly<Record<StatusCategory, string>>;
  /** Names this tracker's default workflows use, by what they mean. */
  readonly known: Readonly<Record<string, StatusCategory>>;
}

export const statusVocabularies: Readonly<Record<TrackerKind, StatusVocabulary>> = {
  // Jira software and business templates.
  'jira-cloud': jiraStatuses(),
  'jira-server': jiraStatuses(),
  // Azure DevOps processes: Agile (New, Active, Resolved, Closed, Removed), Scrum (Approved,
  // Committed, Done) and Basic (To Do, Doing, Done).
  'azure-devops': {
    target: { todo: 'New', doing: 'Active', done: 'Closed' },
    known: { New: 'todo', Approved: 'todo', 'To Do': 'todo', Active: 'doing', Committed: 'doing', Doing: 'doing', Resolved: 'done', Closed: 'done', Done: 'done', Removed: 'done' },
  },
  // Asana tasks are only completed or not.
  asana: {
    target: { todo: 'incomplete', doing: 'incomplete', done: 'completed' },
    known: { incomplete: 'todo', completed: 'done' },
  },
};

function jiraStatuses(): StatusVocabulary {
  return {
    target: { todo: 'To Do', doing: 'In Progress', done: 'Done' },
    known: { 'To Do': 'todo', Open: 'todo', Backlog: 'todo', 'Selected for Development': 'todo', 'In Progress': 'doing', 'In Review': 'doing', Done: 'done', Resolved: 'done', Closed: 'done' },
  };
}

/** Remote status name → local status name, for every name the remote tracker uses by default. */
export function statusMapBetween(local: TrackerKind, remote: TrackerKind): Record<string, string> {
  const target = statusVocabularies[local].target;
  return Object.fromEntries(Object.entries(statusVocabularies[remote].known).map(([name, category]) => [name, target[category]]));
}

/** The statuses that mean "finished" on this tracker. */
export function doneStatuses(tracker: TrackerKind): string[] {
  return Object.entries(statusVocabularies[tracker].known)
    .filter(([, category]) => category === 'done')
    .map(([name]) => name);
}

type TrackerFamily = 'jira' | 'azure-devops' | 'asana';

export function familyOf(tracker: TrackerKind): TrackerFamily {
  return tracker === 'jira-cloud' || tracker === 'jira-server' ? 'jira' : tracker;
}

/** Remote type → local type where the names differ; unmapped names are tried as they are. */
const typeMaps: Readonly<Record<TrackerFamily, Readonly<Record<TrackerFamily, Readonly<Record<string, string>>>>>> = {
  jira: {
    jira: { 'Sub-task': 'Task', Subtask: 'Task' },
    'azure-devops': { 'User Story': 'Story', 'Product Backlog Item': 'Story', Feature: 'Epic', Issue: 'Task' },
    asana: {},
  },
  'azure-devops': {
    jira: { Story: 'User Story', 'Sub-task': 'Task', Subtask: 'Task' },
    'azure-devops': {},
    asana: {},
  },
  asana: { jira: {}, 'azure-devops': {}, asana: {} },
};

export function typeMapBetween(local: TrackerKind, remote: TrackerKind): Readonly<Record<string, string>> {
  return typeMaps[familyOf(local)][familyOf(remote)];
}

/**
 * Jira priorities by name, Azure DevOps Microsoft.VSTS.Common.Priority 1 (highest) to 4; Asana has
 * no built-in priority (null). undefined: copy names as they are.
 */
export function priorityMapBetween(local: TrackerKind, remote: TrackerKind): Readonly<Record<string, string>> | undefined {
  const pair = `${familyOf(remote)}>${familyOf(local)}`;
  if (pair === 'jira>azure-devops') return { Highest: '1', High: '2', Medium: '3', Low: '4', Lowest: '4' };
  if (pair === 'azure-devops>jira') return { '1': 'Highest', '2': 'High', '3': 'Medium', '4': 'Low' };
  return undefined;
}

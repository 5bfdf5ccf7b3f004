import type { TrackerKind } from './browser-core';

/** How the admin's own tracker names its items and its query language, for labels and examples. */
export interface TrackerWords {
  /** "issue", "work item", "task". */
  readonly item: string;
  readonly items: string;
  /** The same words at the start of a sentence or as a column heading. */
  readonly itemHeading: string;
  readonly itemsHeading: string;
  /** What identifies one item, as the tracker's own screens call it. */
  readonly itemKeyLabel: string;
  readonly itemKeyExample: string;
  /** The label of a trigger's query, naming the language it is written in (core/trackers/trigger-query.ts reads each). */
  readonly queryLabel: string;
  readonly queryExample: string;
}

const jira: TrackerWords = {
  item: 'issue',
  items: 'issues',
  itemHeading: 'Issue',
  itemsHeading: 'Issues',
  itemKeyLabel: 'Issue key',
  itemKeyExample: 'SUP-12',
  queryLabel: 'Query (JQL)',
  queryExample: 'project = SUP AND labels = customer',
};

export const trackerWords: Readonly<Record<TrackerKind, TrackerWords>> = {
  'jira-cloud': jira,
  'jira-server': jira,
  'azure-devops': {
    item: 'work item',
    items: 'work items',
    itemHeading: 'Work item',
    itemsHeading: 'Work items',
    itemKeyLabel: 'Work item id',
    itemKeyExample: '42',
    queryLabel: 'Query (WIQL)',
    queryExample: "[System.TeamProject] = 'Support' AND [System.Tags] CONTAINS 'customer'",
  },
  // Asana has no query language of its own: triggers name a project (its gid) and the completed flag.
  asana: {
    item: 'task',
    items: 'tasks',
    itemHeading: 'Task',
    itemsHeading: 'Tasks',
    itemKeyLabel: 'Task id',
    itemKeyExample: '1205000000000101',
    queryLabel: 'Query',
    queryExample: 'project = 1205000000000003 AND completed = false',
  },
};

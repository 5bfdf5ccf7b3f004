import type { TrackerProfile, TrackerVocabulary, TriggerLanguage } from './tracker-profile';

/** What Jira Cloud and Jira Server/DC share: the same workflows, names and JQL. */

/** Jira software and business templates. */
export const jiraVocabulary: TrackerVocabulary = {
  family: 'jira',
  statuses: {
    target: { todo: 'To Do', doing: 'In Progress', done: 'Done' },
    known: {
      'To Do': 'todo',
      Open: 'todo',
      Backlog: 'todo',
      'Selected for Development': 'todo',
      'In Progress': 'doing',
      'In Review': 'doing',
      Done: 'done',
      Resolved: 'done',
      Closed: 'done',
    },
  },
  typeNamesFrom: {
    jira: { 'Sub-task': 'Task', Subtask: 'Task' },
    'azure-devops': { 'User Story': 'Story', 'Product Backlog Item': 'Story', Feature: 'Epic', Issue: 'Task' },
  },
  // Azure DevOps' Microsoft.VSTS.Common.Priority runs from 1 (highest) to 4.
  priorityNamesFrom: { 'azure-devops': { '1': 'Highest', '2': 'High', '3': 'Medium', '4': 'Low' } },
  onlyItemType: null,
  hasPriority: true,
  statusIsCompletion: false,
  labelsMayHaveSpaces: false,
};

/** The JQL subset triggers use: `project = SUP AND type = Bug AND status = "In Progress" AND labels = sync`. */
export const jiraTriggerLanguage: TriggerLanguage = {
  name: 'JQL',
  fields: { project: 'project', type: 'type', issuetype: 'type', status: 'status', labels: 'label', label: 'label' },
  statementHead: null,
};

/** `{site}/browse/{key}`, the issue view every Jira serves. */
export function jiraIssueUrl(baseUrl: string, key: string): string {
  return `${baseUrl}/browse/${encodeURIComponent(key)}`;
}

/** The parts of a Jira profile both deployments share; each adds its name, its rich text and its console. */
export const jiraFamilyProfile = {
  vocabulary: jiraVocabulary,
  scriptFields: { aliases: {}, dottedCustomFields: false, completedFlag: false },
  trigger: jiraTriggerLanguage,
  itemUrl: jiraIssueUrl,
} satisfies Partial<TrackerProfile>;

/** A Jira project is browsed with the Browse projects permission, whoever Exalate signs in as. */
export function jiraWords(whoSignsIn: string): TrackerProfile['words'] {
  return {
    brand: 'Jira',
    item: 'issue',
    scriptItem: 'issue',
    projectAdvice: `Create a project in Jira, or check that ${whoSignsIn} has the Browse projects permission`,
  };
}

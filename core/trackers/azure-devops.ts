import type { TrackerProfile } from './tracker-profile';

export const azureDevOps: TrackerProfile = {
  displayName: 'Azure DevOps',
  words: {
    brand: 'Azure DevOps',
    item: 'work item',
    scriptItem: 'workItem',
    projectAdvice: 'Create a project in your Azure DevOps organization, or check that Exalate is allowed to read its projects',
  },
  vocabulary: {
    family: 'azure-devops',
    // Azure DevOps processes: Agile (New, Active, Resolved, Closed, Removed), Scrum (Approved,
    // Committed, Done) and Basic (To Do, Doing, Done).
    statuses: {
      target: { todo: 'New', doing: 'Active', done: 'Closed' },
      known: {
        New: 'todo',
        Approved: 'todo',
        'To Do': 'todo',
        Active: 'doing',
        Committed: 'doing',
        Doing: 'doing',
        Resolved: 'done',
        Closed: 'done',
        Done: 'done',
        Removed: 'done',
      },
    },
    typeNamesFrom: { jira: { Story: 'User Story', 'Sub-task': 'Task', Subtask: 'Task' } },
    // Microsoft.VSTS.Common.Priority runs from 1 (highest) to 4.
    priorityNamesFrom: { jira: { Highest: '1', High: '2', Medium: '3', Low: '4', Lowest: '4' } },
    onlyItemType: null,
    hasPriority: true,
    statusIsCompletion: false,
    labelsMayHaveSpaces: true,
  },
  scriptFields: { aliases: { areaPath: 'System.AreaPath', iterationPath: 'System.IterationPath' }, dottedCustomFields: true, completedFlag: false },
  // The friendly words of the JQL-like subset, or WIQL's own reference names, with or without
  // `SELECT … FROM WorkItems WHERE`: `[System.TeamProject] = 'Fabrikam' AND [System.WorkItemType] = 'Bug'`.
  trigger: {
    name: 'WIQL',
    fields: {
      project: 'project',
      type: 'type',
      issuetype: 'type',
      workitemtype: 'type',
      status: 'status',
      state: 'status',
      labels: 'label',
      label: 'label',
      tags: 'label',
      '[system.teamproject]': 'project',
      '[system.workitemtype]': 'type',
      '[system.state]': 'status',
      '[system.tags]': 'label',
    },
    statementHead: /^select\s+.*?\s+from\s+workitems\s+where\s+/is,
  },
  richText: 'html',
  // `{organization}/_workitems/edit/{id}`, which Azure DevOps opens without the project.
  itemUrl: (baseUrl, key) => `${baseUrl}/_workitems/edit/${encodeURIComponent(key)}`,
  // The extension is connected by its platform; the guide says "Click Initiate.".
  console: { signIn: null, initiateButton: 'initiate', projectStepNotice: null, scriptModeNeedsPublicLicensedInstance: false },
};

import type { TrackerProfile } from './tracker-profile';

export const asana: TrackerProfile = {
  displayName: 'Asana',
  words: {
    brand: 'Asana',
    item: 'task',
    scriptItem: 'entity',
    projectAdvice: 'Create a project in your Asana workspace, or check that the Asana account Exalate uses is a member of it',
  },
  vocabulary: {
    family: 'asana',
    // Asana tasks are only completed or not.
    statuses: { target: { todo: 'incomplete', doing: 'incomplete', done: 'completed' }, known: { incomplete: 'todo', completed: 'done' } },
    typeNamesFrom: {},
    priorityNamesFrom: {},
    onlyItemType: 'Task',
    hasPriority: false,
    statusIsCompletion: true,
    labelsMayHaveSpaces: true,
  },
  scriptFields: { aliases: { due: 'due_on' }, dottedCustomFields: false, completedFlag: true },
  // `project = <gid>`, optionally `AND completed = false`: what Asana's task list of a project can filter.
  trigger: { name: 'Asana filter', fields: { project: 'project', completed: 'completed' }, statementHead: null },
  richText: 'asana-html',
  // `{host}/0/0/{gid}`, Asana's task permalink with "0" for "any project".
  itemUrl: (baseUrl, key) => `${baseUrl}/0/0/${encodeURIComponent(key)}`,
  // The console signs in with Asana's OAuth; Asana's guide says "9. Click Next." and has no project
  // step, so the step says why Asana needs one.
  console: {
    signIn: 'oauth',
    initiateButton: 'next',
    projectStepNotice: 'Every Asana task lives in a project: choose the one where tasks that come from the other side are created.',
    scriptModeNeedsPublicLicensedInstance: false,
  },
};

// What the Jira Cloud and Jira Server/DC emulators share: one Jira site (work, workflow, JQL, issue,
// attachment, search, webhook and project routes, refusals and error bodies) in a v3 or v2 dialect.
// Only the two Jira emulators and tests import it; the Jira adapters never do.
export * from './jira-attachment-routes';
export * from './jira-emulator';
export * from './jira-error-collection';
export * from './jira-issue-fields';
export * from './jira-issue-representation';
export * from './jira-issue-routes';
export * from './jira-jql';
export * from './jira-project-routes';
export * from './jira-refusal';
export * from './jira-representations';
export * from './jira-routes-context';
export * from './jira-search-routes';
export * from './jira-site-routes';
export * from './jira-site-state';
export * from './jira-webhook-delivery';
export * from './jira-webhook-routes';
export * from './jira-work';
export * from './jira-work-records';

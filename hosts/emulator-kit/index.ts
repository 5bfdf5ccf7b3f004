// Shared plumbing of the tracker emulators (auth checks, error bodies, pagination, mounting).
// Emulators import from here; product adapters never do.
export * from './authorization';
export * from './authorization-guard';
export * from './error-bodies';
export * from './jira-attachment-routes';
export * from './jira-issue-fields';
export * from './jira-issue-representation';
export * from './jira-issue-routes';
export * from './jira-jql';
export * from './jira-project-routes';
export * from './jira-refusal';
export * from './jira-routes-context';
export * from './jira-search-routes';
export * from './jira-webhook-delivery';
export * from './jira-webhook-routes';
export * from './jira-work';
export * from './jira-work-records';
export * from './multipart-form';
export * from './rate-limit-storm';
export * from './jira-representations';
export * from './pagination';
export * from './public-base-url';
export * from './query-parameters';
export * from './start-emulator-server';
export * from './tracker-emulator';
export * from './tracker-error-handlers';
export * from './webhook-receiver';

// Jira REST pieces shared by the Jira Cloud (v3) and Jira Server/DC (v2) adapters. Not a host:
// hosts/jira-cloud and hosts/jira-server each supply a JiraDialect and wrap JiraItemOperations.
export type { JiraDialect, MentionDirectory } from './jira-dialect';
export { createJiraHttpClient, type JiraClientOptions } from './jira-http-client';
export { JiraItemOperations } from './jira-item-operations';
export { readJiraProjectValues } from './jira-project-values';
export * from './jira-rest-responses';
export { formatJqlInstant, isoFromJiraTimestamp, quoteJql } from './jql-text';
export { projectsJql } from './projects-jql';
// Webhook intake (node:crypto) is imported by the change intakes from './webhook-signature' and './jira-webhook-payload'.

import { quoteJql } from './jql-text';

/**
 * The JQL filter of a webhook that covers some projects. Dynamic webhooks accept only a subset of
 * JQL (project, issuetype, status, … with =, !=, IN, NOT IN: Jira Cloud "Webhooks" reference), so
 * nothing fancier is written here.
 */
export function projectsJql(projectKeys: readonly string[]): string {
  return projectKeys.length === 1 ? `project = ${quoteJql(projectKeys[0]!)}` : `project IN (${projectKeys.map(quoteJql).join(', ')})`;
}

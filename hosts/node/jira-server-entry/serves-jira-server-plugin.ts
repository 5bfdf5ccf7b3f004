import type { TrackerKind } from '../../../core';

/**
 * Whether a tracker's node serves the Jira Server/DC plugin's pages: the entry from Jira's Manage
 * apps (entry-routes.ts) and the issue panel's item surface (item-surface-routes.ts). Only a Jira
 * Server/DC node does; the other trackers' consoles live in their own hosts (Forge, the Azure
 * DevOps extension, the node console for Asana). A table, so that a new tracker does not compile
 * until it answers.
 */
export const servesJiraServerPlugin: Readonly<Record<TrackerKind, boolean>> = {
  'jira-cloud': false,
  'jira-server': true,
  'azure-devops': false,
  asana: false,
};

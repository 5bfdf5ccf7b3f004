import type { JiraCloudEmulatorSeedDefaults } from './jira-cloud-emulator-state';

/** What a fresh Jira Cloud emulator holds: one site, one admin account, three projects to pick from. */
export const jiraCloudSampleSeed: JiraCloudEmulatorSeedDefaults = {
  serverTitle: 'Acme Jira Cloud',
  // Jira Cloud reports one rolling version; `1001.0.0-SNAPSHOT` is what the v3 document's example shows.
  version: '1001.0.0-SNAPSHOT',
  account: {
    accountId: '5b10a2844c20165700ede21g',
    emailAddress: 'admin@acme.example',
    displayName: 'Alex Admin',
    timeZone: 'Europe/Brussels',
    apiToken: 'sandbox-jira-cloud-api-token',
  },
  projects: [
    { key: 'SUP', name: 'Customer Support', projectTypeKey: 'service_desk', description: 'Tickets raised by customers.' },
    { key: 'DEV', name: 'Development', projectTypeKey: 'software', description: 'Product engineering backlog.' },
    { key: 'OPS', name: 'Operations', projectTypeKey: 'business', description: 'Run and maintain.' },
  ],
};

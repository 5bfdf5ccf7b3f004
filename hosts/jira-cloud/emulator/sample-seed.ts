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
  people: [
    {
      id: '712020:5e9f4a3c-1b2d-4c8e-9f0a-3b4c5d6e7f80',
      emailAddress: 'sam@acme.example',
      displayName: 'Sam Support',
      active: true,
      timeZone: 'Europe/Brussels',
    },
    {
      id: '712020:0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      emailAddress: 'dana@acme.example',
      displayName: 'Dana Developer',
      active: true,
      timeZone: 'America/New_York',
    },
  ],
  // The OAuth 2.0 (3LO) app the node registers dynamic webhooks as; deliveries are signed with its secret.
  oauthApp: { clientId: 'sandbox-exalate-oauth-client', clientSecret: 'sandbox-exalate-oauth-client-secret' },
  projects: [
    { key: 'SUP', name: 'Customer Support', projectTypeKey: 'service_desk', description: 'Tickets raised by customers.' },
    { key: 'DEV', name: 'Development', projectTypeKey: 'software', description: 'Product engineering backlog.' },
    { key: 'OPS', name: 'Operations', projectTypeKey: 'business', description: 'Run and maintain.' },
  ],
};

import { exalateJiraServerAppKey } from '../app-key';
import type { JiraServerEmulatorSeedDefaults } from './jira-server-emulator-state';

/**
 * What a fresh Jira Server/DC emulator holds: a Data Center site with this product's plugin
 * installed and no licence for it (the open edition sells none), three projects.
 */
export const jiraServerSampleSeed: JiraServerEmulatorSeedDefaults = {
  serverTitle: 'Acme Jira Data Center',
  version: '9.12.2',
  deploymentType: 'DataCenter',
  account: {
    key: 'JIRAUSER10000',
    name: 'admin',
    emailAddress: 'admin@acme.example',
    displayName: 'Jira Administrator',
    timeZone: 'Europe/Brussels',
    personalAccessToken: 'sandbox-jira-server-personal-access-token',
  },
  appKey: exalateJiraServerAppKey,
  licence: 'none',
  people: [
    { id: 'JIRAUSER10100', name: 'ssupport', emailAddress: 'sam@acme.example', displayName: 'Sam Support', active: true, timeZone: 'Europe/Brussels' },
    { id: 'JIRAUSER10101', name: 'ddeveloper', emailAddress: 'dana@acme.example', displayName: 'Dana Developer', active: true, timeZone: 'America/New_York' },
  ],
  projects: [
    { key: 'ITSM', name: 'IT Service Desk', projectTypeKey: 'service_desk', description: 'Internal IT requests.' },
    { key: 'ENG', name: 'Engineering', projectTypeKey: 'software', description: 'Engineering backlog.' },
    { key: 'QA', name: 'Quality Assurance', projectTypeKey: 'software', description: 'Test campaigns and defects.' },
  ],
};

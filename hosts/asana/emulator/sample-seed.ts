import type { AsanaEmulatorSeedDefaults } from './asana-emulator-state';
import type { AsanaOAuthClient } from './asana-oauth-grants';

/** What a fresh Asana emulator holds: one user in two workspaces, with projects in each. */
export const asanaSampleSeed: AsanaEmulatorSeedDefaults = {
  user: {
    name: 'Sam Asana',
    email: 'sam@acme.example',
    personalAccessToken: '2/1205000000000001/1205000000000099:sandboxasanapersonalaccesstoken',
  },
  workspaces: [
    {
      name: 'Acme Corp',
      isOrganization: true,
      customFields: [{ name: 'Priority', type: 'enum', options: ['High', 'Medium', 'Low'] }],
      projects: [
        { name: 'Roadmap', color: 'dark-blue', notes: 'What ships this quarter.' },
        { name: 'Bugs', color: 'dark-red', notes: 'Defects reported by support.' },
        { name: 'Old launch plan', archived: true },
      ],
    },
    {
      name: 'Partner Workspace',
      isOrganization: false,
      projects: [{ name: 'Joint launch', color: 'light-green' }],
    },
  ],
  people: [
    { name: 'Ada Lovelace', email: 'ada@acme.example' },
    { name: 'Grace Hopper', email: 'grace@acme.example' },
  ],
  sections: ['To do', 'Doing', 'Done'],
};

/**
 * The OAuth app a fresh emulator knows: the sandbox's Asana node signs in with it. Sandbox-only
 * values, like the personal access token above; they open nothing but the emulator.
 */
export const asanaSampleOAuthClient: AsanaOAuthClient = {
  clientId: '1205000000000777',
  clientSecret: 'sandbox-asana-oauth-client-secret',
  name: 'Exalate (sandbox)',
};

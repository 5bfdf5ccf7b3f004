import type { AzureDevOpsEmulatorSeedDefaults } from './azure-devops-emulator-state';

/** What a fresh Azure DevOps emulator holds: the `acme` organization on Services with three projects and three people. */
export const azureDevOpsSampleSeed: AzureDevOpsEmulatorSeedDefaults = {
  organization: 'acme',
  deploymentType: 'hosted',
  account: {
    displayName: 'Dana DevOps',
    email: 'dana@acme.example',
    personalAccessToken: 'sandbox-azure-devops-personal-access-token',
  },
  projects: [
    { name: 'Fabrikam Fiber', description: 'Customer-facing web and mobile apps.' },
    { name: 'Contoso Web', description: 'Marketing site and shop.' },
    { name: 'Platform', description: 'Shared services and infrastructure.' },
  ],
  users: [
    { displayName: 'Ada Lovelace', email: 'ada@acme.example' },
    { displayName: 'Grace Hopper', email: 'grace@acme.example' },
  ],
};

import type { ConsoleConnection } from './admin-answers';
import { ok } from './browser-core';
import type { WizardClient } from './wizard-effect-runner';

/** A pending connection as the admin API shows one; tests override what they look at. */
export function sampleConnection(overrides: Partial<ConsoleConnection> = {}): ConsoleConnection {
  return {
    id: 'connection-1',
    name: 'acme-jira_to_partner-ado',
    description: '',
    mode: 'script',
    status: 'pending',
    statusReason: null,
    role: 'initiator',
    localName: 'acme-jira',
    remoteName: 'partner-ado',
    projectKey: 'SUP',
    destination: 'unknown',
    remoteTracker: 'unknown',
    invitationExpiresAt: '2026-11-26T20:00:00.000Z',
    ...overrides,
  };
}

/**
 * The wizard's admin calls, each answering successfully from fixed data; a test replaces the calls
 * it is about. For the consoles' tests only.
 */
export function createFakeWizardClient(overrides: Partial<WizardClient> = {}): WizardClient {
  return {
    listProjects: async () => ok([{ key: 'SUP', name: 'Customer Support' }]),
    inspectDestination: async () => ok({ tracker: 'azure-devops', isPublic: true, modes: ['script'] }),
    previewInvitation: async () =>
      ok({
        inviterName: 'acme-jira',
        destinationName: 'partner-ado',
        tracker: 'jira-cloud',
        instanceUrl: 'https://acme.atlassian.net',
        mode: 'script',
        connectionName: 'acme-jira_to_partner-ado',
        description: '',
        expiresAt: '2026-11-26T20:00:00.000Z',
      }),
    initiateConnection: async () => ok({ connection: sampleConnection(), invitationCode: 'exa1.code.crc' }),
    acceptInvitation: async () => ok({ connection: sampleConnection({ status: 'active', role: 'acceptor' }) }),
    ...overrides,
  };
}

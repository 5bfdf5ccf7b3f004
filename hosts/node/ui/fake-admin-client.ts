import type { ConsoleConnection } from './admin-answers';
import type { AdminClient } from './admin-client';
import { ok } from './browser-core';

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
 * An AdminClient that answers every call successfully from fixed data; a test replaces the calls
 * it is about. For the UI's tests only.
 */
export function createFakeAdminClient(overrides: Partial<AdminClient> = {}): AdminClient {
  return {
    describeInstance: async () =>
      ok({ nodeId: 'node_1', nodeUrl: 'https://exalate.acme.test', isPublic: true, tracker: 'jira-cloud', trackerName: 'Jira Cloud', trackerVersion: '1001.0.0', instanceUrl: 'https://acme.atlassian.net', licence: null, modes: ['script'] }),
    listProjects: async () => ok([{ key: 'SUP', name: 'Customer Support' }]),
    inspectDestination: async () => ok({ tracker: 'azure-devops', isPublic: true, modes: ['script'] }),
    previewInvitation: async () =>
      ok({ inviterName: 'acme-jira', destinationName: 'partner-ado', tracker: 'jira-cloud', instanceUrl: 'https://acme.atlassian.net', mode: 'script', connectionName: 'acme-jira_to_partner-ado', description: '', expiresAt: '2026-11-26T20:00:00.000Z' }),
    initiateConnection: async () => ok({ connection: sampleConnection(), invitationCode: 'exa1.code.crc' }),
    acceptInvitation: async () => ok({ connection: sampleConnection({ status: 'active', role: 'acceptor' }) }),
    listConnections: async () => ok([]),
    changeConnectionStatus: async (id, change) => ok(sampleConnection({ id, status: change === 'activate' ? 'active' : 'deactivated' })),
    deleteConnection: async (id) => ok(sampleConnection({ id, status: 'deleted' })),
    checkConnection: async () => ok({ reachable: true, remoteStatus: 'active', roundTripMs: 12 }),
    readInvitation: async () => ok({ invitationCode: 'exa1.code.crc', expiresAt: '2026-11-26T20:00:00.000Z' }),
    ...overrides,
  };
}

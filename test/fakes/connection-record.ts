import type { Connection } from '../../core';

/**
 * A connection as a store keeps it, for store and route tests that insert one directly: a
 * pending Script-mode invitation this side made, with no peer yet. Name only what the test is about.
 */
export function connectionRecord(fields: Partial<Connection> & Pick<Connection, 'id'>): Connection {
  return {
    name: `name ${fields.id}`,
    description: '',
    mode: 'script',
    status: 'pending',
    statusReason: null,
    role: 'initiator',
    localName: 'local',
    remoteName: 'remote',
    projectKey: 'KEY',
    destination: 'unknown',
    remoteTracker: 'unknown',
    localIsPrivate: false,
    peer: null,
    invitationExpiresAt: 100,
    createdAt: 1,
    updatedAt: 1,
    ...fields,
  };
}

import type { Connection, ConnectionStatus } from './connection';
import { applyLifecycleEvent, type LifecycleEvent } from './lifecycle';

const createdAt = Date.parse('2026-11-20T09:00:00Z');
const now = Date.parse('2026-11-23T12:00:00Z');

function connectionIn(status: ConnectionStatus, statusReason: string | null = null): Connection {
  return {
    id: 'con_1',
    name: 'acme_to_partner',
    description: '',
    mode: 'script',
    status,
    statusReason,
    role: 'initiator',
    localName: 'acme',
    remoteName: 'partner',
    projectKey: 'SUP',
    destination: 'https://partner.example.com',
    remoteTracker: 'azure-devops',
    localIsPrivate: false,
    peer: null,
    invitationExpiresAt: null,
    createdAt,
    updatedAt: createdAt,
  };
}

/** The whole lifecycle as a table: for each status and event, the status after it, or 'refused'. */
const table: readonly (readonly [ConnectionStatus, LifecycleEvent, ConnectionStatus | 'refused'])[] = [
  ['pending', 'handshake_completed', 'active'],
  ['pending', 'deactivate', 'refused'],
  ['pending', 'activate', 'refused'],
  ['pending', 'fail', 'error'],
  ['pending', 'recover', 'refused'],
  ['pending', 'delete', 'deleted'],
  ['active', 'handshake_completed', 'refused'],
  ['active', 'deactivate', 'deactivated'],
  ['active', 'activate', 'refused'],
  ['active', 'fail', 'error'],
  ['active', 'recover', 'refused'],
  ['active', 'delete', 'deleted'],
  ['deactivated', 'handshake_completed', 'refused'],
  ['deactivated', 'deactivate', 'refused'],
  ['deactivated', 'activate', 'active'],
  ['deactivated', 'fail', 'error'],
  ['deactivated', 'recover', 'refused'],
  ['deactivated', 'delete', 'deleted'],
  ['error', 'handshake_completed', 'refused'],
  ['error', 'deactivate', 'refused'],
  ['error', 'activate', 'refused'],
  ['error', 'fail', 'refused'],
  ['error', 'recover', 'active'],
  ['error', 'delete', 'deleted'],
  ['deleted', 'handshake_completed', 'refused'],
  ['deleted', 'deactivate', 'refused'],
  ['deleted', 'activate', 'refused'],
  ['deleted', 'fail', 'refused'],
  ['deleted', 'recover', 'refused'],
  ['deleted', 'delete', 'refused'],
];

describe('the connection lifecycle', () => {
  it.each(table)('a %s connection, on %s, becomes %s', (status, event, expected) => {
    const result = applyLifecycleEvent(connectionIn(status), event, now, 'the peer stopped answering');
    expect(result.ok ? result.value.status : 'refused').toBe(expected);
    if (result.ok) {
      expect(result.value.updatedAt).toBe(now);
      expect(result.value).toEqual({ ...connectionIn(status), status: expected, statusReason: result.value.statusReason, updatedAt: now });
    } else {
      expect(result.error.code).toBe('connection_state');
      expect(result.error.details).toEqual({ status, event });
    }
  });

  it('keeps the reason of a failure, and forgets it when the connection leaves Error', () => {
    const failed = applyLifecycleEvent(connectionIn('active'), 'fail', now, 'the peer stopped answering');
    expect(failed.ok && failed.value.statusReason).toBe('the peer stopped answering');
    const recovered = applyLifecycleEvent(connectionIn('error', 'the peer stopped answering'), 'recover', now, 'ignored');
    expect(recovered.ok && recovered.value.statusReason).toBeNull();
    const deleted = applyLifecycleEvent(connectionIn('error', 'the peer stopped answering'), 'delete', now, 'ignored');
    expect(deleted.ok && deleted.value.statusReason).toBeNull();
    const failedWithoutReason = applyLifecycleEvent(connectionIn('active'), 'fail', now);
    expect(failedWithoutReason.ok && failedWithoutReason.value.statusReason).toBeNull();
  });

  it.each([
    ['pending', 'deactivate', 'The connection "acme_to_partner" is waiting for the other side to accept the invitation, so it cannot deactivate now.'],
    ['active', 'handshake_completed', 'The connection "acme_to_partner" is active, so it cannot handshake completed now.'],
    ['deactivated', 'recover', 'The connection "acme_to_partner" is deactivated, so it cannot recover now.'],
    ['error', 'activate', 'The connection "acme_to_partner" is in error, so it cannot activate now.'],
    ['deleted', 'delete', 'The connection "acme_to_partner" is deleted, so it cannot delete now.'],
  ] as const)('tells the admin why a %s connection cannot %s', (status, event, message) => {
    const result = applyLifecycleEvent(connectionIn(status), event, now);
    expect(result.ok ? 'changed' : result.error.message).toBe(message);
  });
});

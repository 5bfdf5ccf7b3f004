// Shared by the invitation code's tests only: the instant codes are read at, and one real invitation.
import { encodeInvitationCode } from './invitation-code';
import type { InvitationPayload } from './invitation-payload';

export const now = Date.parse('2026-11-23T12:00:00Z');

/** A Jira Cloud node inviting a partner's instance, valid for three days after `now`; the description has non-ASCII text. */
export const samplePayload: InvitationPayload = {
  connectionId: 'con_abcdefghijklmnop',
  token: 'tok_0123456789abcdefghijklmnopqrstuvwxyzABCDEF',
  initiator: {
    nodeId: 'node_jira',
    nodeUrl: 'https://exalate.acme.example/node',
    publicKey: 'pk_abcdefghijklmnopqrstuvwxyz0123456789ABCDE',
    tracker: 'jira-cloud',
    trackerVersion: '1001.0.0',
    instanceUrl: 'https://acme.atlassian.net',
    name: 'acme-jira',
  },
  destinationName: 'partner-ado',
  destinationIsPublic: false,
  connectionName: 'acme-jira_to_partner-ado',
  description: 'Support escalations — «quoted» text',
  mode: 'script',
  expiresAt: now + 72 * 3600_000,
};

export const sampleCode = encodeInvitationCode(samplePayload);

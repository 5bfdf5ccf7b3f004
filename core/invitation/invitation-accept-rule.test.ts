import { decideInvitationAccept, type StoredInvitationState } from './invitation-accept-rule';

const tokenHash = 'Xq3J9v0mYb6Kc2Lr8Nw1Pz5Ts7Ud4Ve0Wf6Gh2Ij8Ka';
const expiresAt = 1_000_000;
const fresh: StoredInvitationState = { tokenHash, expiresAt, usedAt: null };
const used: StoredInvitationState = { ...fresh, usedAt: 10 };
const nearMiss = `${tokenHash.slice(0, -1)}b`;

describe('the invitation accept rule', () => {
  it.each([
    ['no invitation is stored', undefined, tokenHash, 10, 'unknown'],
    ['the hash differs in its last character', fresh, nearMiss, 10, 'unknown'],
    ['the hash differs only in letter case', fresh, tokenHash.toLowerCase(), 10, 'unknown'],
    ['the hash is a prefix of the stored one', fresh, tokenHash.slice(0, -1), 10, 'unknown'],
    ['the hash is the stored one with more after it', fresh, `${tokenHash}A`, 10, 'unknown'],
    ['the hash is empty', fresh, '', 10, 'unknown'],
    ['the hash is wrong on a used code: the guesser learns nothing of its use', used, nearMiss, 20, 'unknown'],
    ['the hash is wrong on an expired code: nor of its expiry', fresh, nearMiss, expiresAt + 1, 'unknown'],
    ['the code was used', used, tokenHash, 20, 'already_used'],
    ['the code was used and has expired since: still used, so a lost answer can be recognised', used, tokenHash, expiresAt + 1, 'already_used'],
    ['it is the instant the code expires', fresh, tokenHash, expiresAt, 'expired'],
    ['the code expired', fresh, tokenHash, expiresAt + 1, 'expired'],
    ['it is the last millisecond before expiry', fresh, tokenHash, expiresAt - 1, 'spend'],
  ] as const)('when %s', (_case, invitation, presented, now, decision) => {
    expect(decideInvitationAccept(invitation, presented, now)).toBe(decision);
  });
});

import type { InvitationConsumption, InvitationRecord } from '../ports/store';

/** What a stored invitation says to a presented token: spend it now, or the refusal the store answers with. */
export type InvitationAcceptDecision = 'spend' | Exclude<InvitationConsumption, 'consumed'>;

/** The part of a stored invitation the rule reads; each store maps its own row to it. */
export type StoredInvitationState = Pick<InvitationRecord, 'tokenHash' | 'expiresAt' | 'usedAt'>;

/**
 * The one rule every store applies, inside its own lock or transaction, before it marks an
 * invitation used. The order is part of the rule: a token that does not match learns nothing
 * else (not whether the code was used, not whether it expired), so the hash is checked first; a
 * used code stays 'already_used' after it expires, so the acceptor whose answer was lost can be
 * recognised (answer-handshake.ts); the last millisecond before `expiresAt` still accepts. The
 * store keeps only what makes the spend atomic (its row lock or marker), which can still turn a
 * 'spend' into 'already_used' when a concurrent accept won.
 */
export function decideInvitationAccept(invitation: StoredInvitationState | undefined, presentedTokenHash: string, now: number): InvitationAcceptDecision {
  if (invitation === undefined || !constantTimeEqual(invitation.tokenHash, presentedTokenHash)) return 'unknown';
  if (invitation.usedAt !== null) return 'already_used';
  if (invitation.expiresAt <= now) return 'expired';
  return 'spend';
}

/**
 * Every character is compared whatever the first difference, so the time of a refusal does not
 * tell a guesser how much of a hash was right; only the length may show, and every token hash
 * has the same length. Plain JavaScript: core runs where node:crypto's timingSafeEqual is not.
 */
function constantTimeEqual(left: string, right: string): boolean {
  if (left.length !== right.length) return false;
  let difference = 0;
  for (let index = 0; index < left.length; index++) difference |= left.charCodeAt(index) ^ right.charCodeAt(index);
  return difference === 0;
}

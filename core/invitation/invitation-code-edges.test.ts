import { decodeInvitationCode, encodeInvitationCode, maximumInvitationCodeLength } from './invitation-code';
import type { InvitationPayload } from './invitation-payload';
import { now, sampleCode as code, samplePayload as payload } from './test-fixtures';

/**
 * The reader's edges, each found by a mutation that no other test noticed: size limits at their
 * exact lengths, what copy-paste cleaning strips and what it must not, the version prefix, and
 * the words of every refusal (an admin acts on them).
 */
const [prefix, body, checksum] = code.split('.') as [string, string, string];

function outcome(text: string) {
  const result = decodeInvitationCode(text, now);
  return result.ok ? { code: 'ok', message: '' } : { code: result.error.code, message: result.error.message, details: result.error.details };
}

describe('invitation code edges', () => {
  it('reads a code inside whitespace up to four times the limit in all, and refuses one character more without reading it', () => {
    const padding = maximumInvitationCodeLength * 4 - code.length;
    expect(outcome(`${' '.repeat(padding)}${code}`).code).toBe('ok');
    expect(outcome(`${' '.repeat(padding + 1)}${code}`).code).toBe('invitation_too_large');
  });

  it('takes a compact text of exactly the limit as a possible code, and refuses one character more as too large', () => {
    const atLimit = `${prefix}.${'A'.repeat(maximumInvitationCodeLength - prefix.length - 10)}.${checksum}`;
    expect(atLimit).toHaveLength(maximumInvitationCodeLength);
    expect(outcome(atLimit).code).toBe('invitation_damaged');
    expect(outcome(`${atLimit}0`).code).toBe('invitation_too_large');
    expect(outcome(`${atLimit}0`).message).toContain(`at most ${maximumInvitationCodeLength} characters`);
  });

  it('strips any number of quotes and backticks around the code, but none inside it', () => {
    expect(outcome(`"'\`${code}\`'"`).code).toBe('ok');
    expect(outcome(`${prefix}.${body.slice(0, 10)}"${body.slice(10)}.${checksum}`).code).toBe('invitation_damaged');
    expect(outcome(`${code}"x`).code).not.toBe('ok');
    expect(outcome(`x"${code}`).code).not.toBe('ok');
  });

  it.each([
    ['a prefix with something before it', `x${code}`, 'invitation_malformed'],
    ['a prefix with something after the version', `${prefix}x.${body}.${checksum}`, 'invitation_malformed'],
    ['a two-digit version', `exa12.${body}.${checksum}`, 'invitation_unsupported_version'],
    ['a checksum with a ninth digit', `${code}0`, 'invitation_damaged'],
    ['a checksum with a digit in front', `${prefix}.${body}.0${checksum}`, 'invitation_damaged'],
  ])('refuses %s', (_name, text, expected) => {
    expect(outcome(text).code).toBe(expected);
  });

  it('says which way a code is damaged, and what to do, in sentences that read right', () => {
    const ask = 'ask the admin who initiated the connection for a new invitation code.';
    const incomplete = outcome(`${prefix}.${body}`);
    expect(incomplete.message).toBe(
      `The invitation code is incomplete: its end is missing. Copy the whole code again (the "Copy invitation code" button copies all of it), or ${ask}`,
    );
    const changed = outcome(`${prefix}.${body.slice(1)}.${checksum}`);
    expect(changed.message).toBe(
      `The invitation code was changed or cut while it was copied: its checksum does not match. Copy the whole code again, or ${ask}`,
    );
    const future = outcome(`exa2.${body}.${checksum}`);
    expect(future.message).toBe(`This invitation code has format version 2, which this node does not read (it reads version 1). Update this node, or ${ask}`);
  });

  it('says the content is not an invitation when the checksum matches content that is not one', () => {
    const foreign = encodeInvitationCode({ ...payload, mode: 'everything' } as unknown as InvitationPayload);
    expect(outcome(foreign).message).toBe(
      'The invitation code passes its checksum but its content is not valid. Ask the admin who initiated the connection for a new invitation code.',
    );
  });

  it('gives the expiry instant in its details, for the console to show in local time', () => {
    expect(outcome(code).code).toBe('ok');
    const expired = decodeInvitationCode(code, payload.expiresAt);
    expect(expired.ok ? undefined : expired.error.details).toEqual({ expiresAt: '2026-11-26T12:00:00.000Z' });
  });
});

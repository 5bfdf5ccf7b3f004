import { decodeInvitationCode, maximumInvitationCodeLength } from './invitation-code';
import { crc32 } from '../encoding/crc32';
import { now, sampleCode as code, samplePayload as payload } from './test-fixtures';

function codeOf(text: string, at = now) {
  const result = decodeInvitationCode(text, at);
  return result.ok ? 'ok' : result.error.code;
}

describe('invitation code', () => {
  it('is one line in the versioned format and round-trips', () => {
    expect(code).toMatch(/^exa1\.[A-Za-z0-9_-]+\.[0-9a-f]{8}$/);
    expect(decodeInvitationCode(code, now)).toEqual({ ok: true, value: payload });
  });

  it('survives what copy-paste does: wrapped lines, indentation, quotes, non-breaking and zero-width spaces', () => {
    const wrapped = `  "${code.match(/.{1,60}/g)!.join('\r\n    ')}"\n`;
    const withInvisible = `${code.slice(0, 30)}\u200b\u00a0${code.slice(30)}`;
    expect(decodeInvitationCode(wrapped, now)).toEqual({ ok: true, value: payload });
    expect(decodeInvitationCode(withInvisible, now)).toEqual({ ok: true, value: payload });
  });

  it.each([
    ['empty', '', 'invitation_empty'],
    ['only whitespace', ' \n\t ', 'invitation_empty'],
    ['garbage', 'hello, please connect', 'invitation_malformed'],
    ['a future format', code.replace(/^exa1/, 'exa2'), 'invitation_unsupported_version'],
    ['truncated in the payload', code.slice(0, Math.floor(code.length / 2)), 'invitation_damaged'],
    ['truncated in the checksum', code.slice(0, -3), 'invitation_damaged'],
    ['checksum cut off', code.slice(0, code.lastIndexOf('.')), 'invitation_damaged'],
    ['one character mistyped', code.slice(0, 40) + (code[40] === 'A' ? 'B' : 'A') + code.slice(41), 'invitation_damaged'],
    ['two characters swapped', code.slice(0, 50) + code[51] + code[50] + code.slice(52), 'invitation_damaged'],
    ['oversized (1 MB)', `exa1.${'A'.repeat(1024 * 1024)}.00000000`, 'invitation_too_large'],
  ])('refuses %s with a clear code', (_name, text, expected) => {
    expect(codeOf(text)).toBe(expected);
  });

  it('refuses a code whose checksum was recomputed over content that is not a valid invitation', () => {
    const body = `exa1.${Buffer.from(JSON.stringify({ ...payload, mode: 'everything' })).toString('base64url')}`;
    const crc = crc32(new TextEncoder().encode(body)).toString(16).padStart(8, '0');
    expect(codeOf(`${body}.${crc}`)).toBe('invitation_malformed');
    // The same altered content under the original checksum is caught as damage.
    expect(codeOf(`${body}.${code.slice(-8)}`)).toBe('invitation_damaged');
  });

  it('refuses an expired code and says when it expired', () => {
    const result = decodeInvitationCode(code, payload.expiresAt + 1);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invitation_expired');
      expect(result.error.message).toContain('2026-11-26 12:00 UTC');
      expect(result.error.message).toContain('new invitation code');
    }
  });

  it('tells the admin what to do in every refusal', () => {
    for (const text of ['', 'garbage', code.slice(0, -2)]) {
      const result = decodeInvitationCode(text, now);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toMatch(/Paste|Copy|Ask/);
    }
  });

  it('keeps real codes well under the size limit', () => {
    expect(code.length).toBeLessThan(maximumInvitationCodeLength / 4);
  });
});

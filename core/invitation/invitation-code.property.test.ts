import fc from 'fast-check';
import { trackerKinds } from '../trackers';
import { connectionModes } from '../connection/connection';
import { decodeInvitationCode, encodeInvitationCode } from './invitation-code';
import type { InvitationPayload } from './invitation-payload';

/**
 * Properties of the invitation code over many generated payloads and corruptions. A failure
 * prints fast-check's seed and path; rerun it with `FAST_CHECK_SEED=<seed>`.
 */
const now = Date.parse('2026-11-23T12:00:00Z');
const seed = process.env['FAST_CHECK_SEED'] === undefined ? undefined : Number(process.env['FAST_CHECK_SEED']);
const runs = { numRuns: 300, ...(seed === undefined ? {} : { seed }) };

const text = (minLength: number, maxLength: number) => fc.string({ unit: 'grapheme', minLength, maxLength });
const payloadArbitrary: fc.Arbitrary<InvitationPayload> = fc.record({
  connectionId: text(1, 40),
  token: fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), minLength: 32, maxLength: 100 }),
  initiator: fc.record({
    nodeId: text(1, 40),
    nodeUrl: fc.constantFrom('https://exalate.acme.example/node', 'http://127.0.0.1:8080', 'https://node.example.org'),
    publicKey: text(1, 60),
    tracker: fc.constantFrom(...trackerKinds),
    trackerVersion: text(0, 20),
    instanceUrl: text(0, 60),
    name: text(1, 40),
  }),
  destinationName: text(1, 40),
  destinationIsPublic: fc.boolean(),
  connectionName: text(1, 80),
  description: text(0, 200),
  mode: fc.constantFrom(...connectionModes),
  // After `now`: these codes are valid at `now`.
  expiresAt: fc.integer({ min: now + 1, max: now + 365 * 24 * 3600_000 }),
});

/** A code was refused as damaged or not a code: never accepted, never thrown. */
const refusals = new Set(['invitation_damaged', 'invitation_malformed', 'invitation_unsupported_version', 'invitation_empty']);
function refusalOf(code: string): string {
  const result = decodeInvitationCode(code, now);
  return result.ok ? 'accepted' : result.error.code;
}

/**
 * Characters whose change is no change at all: copy-paste noise the reader strips on purpose
 * (spaces, line breaks, quotes around the code) and letters whose case it ignores (the `exa`
 * prefix and the hex checksum). A corruption into or out of these is not a corruption.
 */
const ignoredByReader = /[\s\u00a0\u200b-\u200d\u2060\ufeff"'`]/;
const base64UrlAlphabet = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.'];
function sameIgnoringCase(code: string, corrupted: string): boolean {
  return code.toLowerCase() === corrupted.toLowerCase() && code.slice(4, code.lastIndexOf('.')) === corrupted.slice(4, corrupted.lastIndexOf('.'));
}

describe('invitation code properties', () => {
  it('round-trips every valid payload, whatever its text', () => {
    fc.assert(
      fc.property(payloadArbitrary, (payload) => {
        expect(decodeInvitationCode(encodeInvitationCode(payload), now)).toEqual({ ok: true, value: payload });
      }),
      runs,
    );
  });

  it('is valid until the instant before it expires, and expired from that instant on', () => {
    fc.assert(
      fc.property(payloadArbitrary, (payload) => {
        const code = encodeInvitationCode(payload);
        expect(decodeInvitationCode(code, payload.expiresAt - 1).ok).toBe(true);
        const atExpiry = decodeInvitationCode(code, payload.expiresAt);
        expect(atExpiry.ok ? 'accepted' : atExpiry.error.code).toBe('invitation_expired');
      }),
      runs,
    );
  });

  it('refuses a code with any one character changed', () => {
    fc.assert(
      fc.property(payloadArbitrary, fc.nat(), fc.constantFrom(...base64UrlAlphabet, '=', '+', '/', 'é'), (payload, where, replacement) => {
        const code = encodeInvitationCode(payload);
        const index = where % code.length;
        const corrupted = code.slice(0, index) + replacement + code.slice(index + 1);
        fc.pre(corrupted !== code && !sameIgnoringCase(code, corrupted));
        expect(refusals).toContain(refusalOf(corrupted));
      }),
      runs,
    );
  });

  it('refuses a code with any one character dropped', () => {
    fc.assert(
      fc.property(payloadArbitrary, fc.nat(), (payload, where) => {
        const code = encodeInvitationCode(payload);
        const index = where % code.length;
        expect(refusals).toContain(refusalOf(code.slice(0, index) + code.slice(index + 1)));
      }),
      runs,
    );
  });

  it('refuses a code with any one character inserted', () => {
    fc.assert(
      fc.property(payloadArbitrary, fc.nat(), fc.constantFrom(...base64UrlAlphabet, '=', 'é'), (payload, where, inserted) => {
        const code = encodeInvitationCode(payload);
        const index = where % (code.length + 1);
        const corrupted = code.slice(0, index) + inserted + code.slice(index);
        fc.pre(!ignoredByReader.test(inserted));
        expect(refusals).toContain(refusalOf(corrupted));
      }),
      runs,
    );
  });

  it('refuses a code with two neighbouring characters swapped', () => {
    fc.assert(
      fc.property(payloadArbitrary, fc.nat(), (payload, where) => {
        const code = encodeInvitationCode(payload);
        const index = where % (code.length - 1);
        fc.pre(code[index] !== code[index + 1]);
        const corrupted = code.slice(0, index) + code[index + 1] + code[index] + code.slice(index + 2);
        fc.pre(!sameIgnoringCase(code, corrupted));
        expect(refusals).toContain(refusalOf(corrupted));
      }),
      runs,
    );
  });

  it('refuses a code cut anywhere', () => {
    fc.assert(
      fc.property(payloadArbitrary, fc.nat(), (payload, where) => {
        const code = encodeInvitationCode(payload);
        const cut = code.slice(0, where % code.length);
        expect(refusals).toContain(refusalOf(cut));
      }),
      runs,
    );
  });

  it('answers any text with a result, never a throw', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('exa1..', 'exa1.=.00000000', 'EXA1.e30.00000000', 'exa99999999999999999999.x.y')),
        (input) => {
          expect(() => decodeInvitationCode(input, now)).not.toThrow();
          expect(decodeInvitationCode(input, now).ok).toBe(false);
        },
      ),
      runs,
    );
  });
});

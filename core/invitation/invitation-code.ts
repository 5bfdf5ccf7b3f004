import { decodeBase64Url, decodeText, encodeBase64Url, encodeText } from '../encoding/base64url';
import { crc32 } from '../encoding/crc32';
import { parseJson } from '../encoding/json';
import { ExalateError } from '../errors';
import { err, ok, type Result } from '../result';
import { invitationPayloadSchema, type InvitationPayload } from './invitation-payload';

/**
 * The invitation code: `exa1.<payload>.<checksum>`.
 * - `exa1` names the format version, so a future format is refused with a clear message.
 * - `<payload>` is the JSON payload in base64url: one line, no padding, no characters that mail
 *   clients or chat tools rewrite.
 * - `<checksum>` is CRC-32 of everything before it, in 8 hex digits, so a typo or a paste that
 *   lost its end is caught before any network call.
 * Whitespace and line breaks anywhere (mail clients wrap long lines) are ignored when reading.
 */
export const invitationCodeVersion = 1;
const prefix = `exa${invitationCodeVersion}`;
/** Real codes are about 1 KB; anything far bigger is not a code and is not worth parsing. */
export const maximumInvitationCodeLength = 8192;

const askForNewCode = 'Ask the admin who initiated the connection for a new invitation code.';

export function encodeInvitationCode(payload: InvitationPayload): string {
  const body = `${prefix}.${encodeBase64Url(encodeText(JSON.stringify(payload)))}`;
  return `${body}.${checksumOf(body)}`;
}

export function decodeInvitationCode(text: string, now: number): Result<InvitationPayload> {
  if (text.length > maximumInvitationCodeLength * 4) return err(tooLarge());
  // Strip what copy-paste adds: spaces, tabs, line breaks, non-breaking and zero-width spaces,
  // and quotes or backticks around the code.
  const compact = text.replace(/[\s\u00a0\u200b-\u200d\u2060\ufeff]+/g, '').replace(/^["'`]+|["'`]+$/g, '');
  if (compact.length === 0) {
    return err(new ExalateError('invitation_empty', 'Paste the invitation code you received from the admin of the other side.'));
  }
  if (compact.length > maximumInvitationCodeLength) return err(tooLarge());

  const parts = compact.split('.');
  const version = /^exa(\d+)$/i.exec(parts[0] ?? '');
  if (!version) {
    return err(
      new ExalateError(
        'invitation_malformed',
        `This is not an invitation code: a code starts with "${prefix}.". Copy it again with "Copy invitation code" on the initiating side.`,
      ),
    );
  }
  if (Number(version[1]) !== invitationCodeVersion) {
    return err(
      new ExalateError(
        'invitation_unsupported_version',
        `This invitation code has format version ${version[1]}, which this node does not read (it reads version ${invitationCodeVersion}). Update this node, or ${askForNewCode.charAt(0).toLowerCase()}${askForNewCode.slice(1)}`,
      ),
    );
  }
  const [, payloadText, checksum] = parts;
  if (parts.length !== 3 || !payloadText || !checksum || !/^[0-9a-f]{8}$/i.test(checksum)) {
    return err(
      new ExalateError(
        'invitation_damaged',
        `The invitation code is incomplete: its end is missing. Copy the whole code again (the "Copy invitation code" button copies all of it), or ${askForNewCode.toLowerCase()}`,
      ),
    );
  }
  if (checksumOf(`${parts[0]}.${payloadText}`) !== checksum.toLowerCase()) {
    return err(
      new ExalateError(
        'invitation_damaged',
        `The invitation code was changed or cut while it was copied: its checksum does not match. Copy the whole code again, or ${askForNewCode.toLowerCase()}`,
      ),
    );
  }

  const payload = readPayload(payloadText);
  if (!payload) {
    return err(new ExalateError('invitation_malformed', `The invitation code passes its checksum but its content is not valid. ${askForNewCode}`));
  }
  if (payload.expiresAt <= now) {
    return err(
      new ExalateError('invitation_expired', `The invitation code expired on ${formatInstant(payload.expiresAt)}. ${askForNewCode}`, {
        details: { expiresAt: new Date(payload.expiresAt).toISOString() },
      }),
    );
  }
  return ok(payload);
}

function readPayload(payloadText: string): InvitationPayload | undefined {
  const bytes = decodeBase64Url(payloadText);
  if (!bytes) return undefined;
  let json: string;
  try {
    json = decodeText(bytes);
  } catch {
    return undefined;
  }
  const parsed = parseJson(json, invitationPayloadSchema);
  return parsed.ok ? parsed.value : undefined;
}

function checksumOf(body: string): string {
  return crc32(encodeText(body)).toString(16).padStart(8, '0');
}

function tooLarge(): ExalateError {
  return new ExalateError(
    'invitation_too_large',
    `That is far longer than an invitation code (at most ${maximumInvitationCodeLength} characters). Paste only the code from the initiating side.`,
  );
}

/** "2026-11-25 19:00 UTC": unambiguous for two admins in different time zones. */
export function formatInstant(epochMilliseconds: number): string {
  return `${new Date(epochMilliseconds).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

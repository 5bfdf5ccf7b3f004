import { normalizeNodeUrl } from '../exchange/destination-url';
import { err, ok, type Result } from '../result';
import { connectionNameMaxLength, descriptionMaxLength, messages, shortNameMaxLength } from './messages';

// ASCII only: short names end up in connection names, URLs and log lines on both sides.
const shortNamePattern = new RegExp(`^[A-Za-z0-9_-]{1,${shortNameMaxLength}}$`);
const lineBreakPattern = /[\r\n\u2028\u2029]/;

/**
 * The Destination Instance URL as the node will read it: the wizard uses the node's own reader
 * (core/exchange), so an address the wizard lets through is never refused later for its shape,
 * and both say so in the same words. Whether a private network address is allowed is the node's
 * setting, so that check is left to the inspection the node runs next.
 */
export function normaliseDestinationUrl(input: string): Result<string, string> {
  if (input.trim() === '') return err(messages.destinationUrlRequired);
  const url = normalizeNodeUrl(input, true);
  return url.ok ? ok(url.value) : err(url.error.message);
}

/** The message for a local or remote short name, or null when it is fine. */
export function validateShortName(value: string, requiredMessage: string): string | null {
  const trimmed = value.trim();
  if (trimmed === '') return requiredMessage;
  return shortNamePattern.test(trimmed) ? null : messages.shortNameInvalid;
}

// Lengths are counted as the admin API's schema counts them (UTF-16 units of the trimmed value),
// so text the wizard accepts is never refused by the node for its length.
export function validateConnectionName(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === '') return messages.connectionNameRequired;
  if (lineBreakPattern.test(trimmed)) return messages.connectionNameLineBreak;
  return trimmed.length > connectionNameMaxLength ? messages.connectionNameTooLong(trimmed.length) : null;
}

export function validateDescription(value: string): string | null {
  const trimmed = value.trim();
  return trimmed.length > descriptionMaxLength ? messages.descriptionTooLong(trimmed.length) : null;
}

/**
 * Drops what copy-paste adds around and inside a code, exactly as core/invitation's reader does
 * (whitespace, line breaks from wrapping mail clients, zero-width spaces, surrounding quotes), so
 * a paste of nothing but those is caught here without a call.
 */
export function normaliseInvitationCode(input: string): string {
  return input.replace(/[\s\u00a0\u200b-\u200d\u2060\ufeff]+/g, '').replace(/^["'`]+|["'`]+$/g, '');
}

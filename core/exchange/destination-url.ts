import { ExalateError } from '../errors';
import { err, ok, type Result } from '../result';
import { isPrivateHost } from './private-network-address';

/**
 * Reads what an admin typed as Destination Instance URL. Trailing slashes and surrounding spaces
 * are forgiven; anything that is not an absolute http(s) address is refused with a message.
 */
export function normalizeNodeUrl(text: string, allowPrivateDestinations: boolean): Result<string> {
  const trimmed = text.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return err(
      new ExalateError(
        'destination_invalid',
        `"${trimmed.slice(0, 200)}" is not a web address. Enter the full Destination Instance URL, starting with https://.`,
      ),
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return err(new ExalateError('destination_invalid', 'The Destination Instance URL must start with https:// (or http:// for a test instance).'));
  }
  if (url.username || url.password) {
    return err(
      new ExalateError('destination_invalid', 'Remove the user name and password from the Destination Instance URL; nodes authenticate each other with keys.'),
    );
  }
  if (url.search || url.hash) {
    return err(new ExalateError('destination_invalid', 'Enter the Destination Instance URL without "?" or "#" parts.'));
  }
  if (!allowPrivateDestinations && isPrivateHost(url.hostname)) {
    return err(
      new ExalateError(
        'destination_invalid',
        `The Destination Instance URL points at a local or private network address (${url.hostname}). Use the destination's public address; if the destination is in a private network, choose "I don't have a URL".`,
      ),
    );
  }
  return ok(`${url.origin}${url.pathname.replace(/\/+$/, '')}`);
}

/** Same node, however the admin wrote it: used to compare an acceptor with the intended destination. */
export function sameNodeUrl(left: string, right: string): boolean {
  return stripTrailing(left).toLowerCase() === stripTrailing(right).toLowerCase();
}

function stripTrailing(url: string): string {
  return url.replace(/\/+$/, '');
}

/** Kept here too: the tracker's base URL check reads it from this module. */
export { isPrivateHost };

import { ExalateError } from '../errors';
import { err, ok, type Result } from '../result';

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
    return err(new ExalateError('destination_invalid', `"${trimmed.slice(0, 200)}" is not a web address. Enter the full Destination Instance URL, starting with https://.`));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return err(new ExalateError('destination_invalid', 'The Destination Instance URL must start with https:// (or http:// for a test instance).'));
  }
  if (url.username || url.password) {
    return err(new ExalateError('destination_invalid', 'Remove the user name and password from the Destination Instance URL; nodes authenticate each other with keys.'));
  }
  if (url.search || url.hash) {
    return err(new ExalateError('destination_invalid', 'Enter the Destination Instance URL without "?" or "#" parts.'));
  }
  if (!allowPrivateDestinations && isPrivateHost(url.hostname)) {
    return err(new ExalateError('destination_invalid', `The Destination Instance URL points at a local or private network address (${url.hostname}). Use the destination's public address; if the destination is in a private network, choose "I don't have a URL".`));
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

/** Loopback, link-local, private and carrier-grade NAT addresses, and local-only names. */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal')) return true;
  const ipv4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (ipv4) {
    const [a, b] = [Number(ipv4[1]), Number(ipv4[2])];
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  if (host.includes(':')) {
    return host === '::' || host === '::1' || host.startsWith('fe80:') || host.startsWith('fc') || host.startsWith('fd') || host.startsWith('::ffff:');
  }
  return false;
}

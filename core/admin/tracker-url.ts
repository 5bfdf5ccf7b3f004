import { ExalateError } from '../errors';
import { isPrivateHost } from '../exchange/destination-url';
import { err, ok, type Result } from '../result';

/**
 * Reads the Jira base URL an admin typed. The same rules as the Destination Instance URL: http(s)
 * only, no credentials, query or fragment in it, and, outside the sandbox, no loopback or private
 * address, so the form cannot be used to make the node probe its own network. The path is kept
 * (Jira Server often runs under a context path such as /jira); trailing slashes are dropped.
 */
export function normalizeTrackerBaseUrl(text: string, allowPrivateAddresses: boolean): Result<string> {
  const trimmed = text.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return err(
      new ExalateError('invalid_request', `"${trimmed.slice(0, 200)}" is not a web address. Enter the full Jira base URL, such as https://jira.example.com.`),
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return err(new ExalateError('invalid_request', 'The Jira base URL must start with https:// (or http:// for a test instance).'));
  }
  if (url.username || url.password) {
    return err(
      new ExalateError('invalid_request', 'Remove the user name and password from the Jira base URL; the node signs in with the personal access token.'),
    );
  }
  if (url.search || url.hash) {
    return err(
      new ExalateError(
        'invalid_request',
        'Enter the Jira base URL without "?" or "#" parts: the address of Jira\'s home page, with any context path such as /jira.',
      ),
    );
  }
  if (!allowPrivateAddresses && isPrivateHost(url.hostname)) {
    return err(
      new ExalateError(
        'invalid_request',
        `The Jira base URL points at a local or private network address (${url.hostname}), which this node does not call. Use Jira's address by its DNS name, as people open it.`,
      ),
    );
  }
  return ok(`${url.origin}${url.pathname.replace(/\/+$/, '')}`);
}

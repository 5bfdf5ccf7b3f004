import { err, ExalateError, ok, type Result, type TrackerAccount } from '../../../core';
import { JiraServerAdapter } from '../../jira-server/adapter';

/** The admin is waiting on the form: a Jira that has not answered in 10 s is reported as unreachable. */
const checkTimeoutMs = 10_000;

/**
 * Asks Jira who the token belongs to (`GET /rest/api/2/myself`) and what it is (`serverInfo` and
 * the app licence, as GET /instance will), before anything is saved. One attempt, no retries, no
 * redirects followed: a form answer should be quick, and a redirect could lead the node anywhere.
 */
export async function checkJiraServerToken(baseUrl: string, token: string): Promise<Result<TrackerAccount>> {
  const candidate = new JiraServerAdapter({
    baseUrl,
    authorization: `Bearer ${token}`,
    retry: { maximumAttempts: 1 },
    fetch: (url, init) => fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(checkTimeoutMs) }),
  });
  try {
    const account = await candidate.describeAccount();
    await candidate.describeInstance();
    return ok(account);
  } catch (error) {
    return err(refusal(baseUrl, error));
  }
}

/** Every refusal is a 400 the admin can act on, and says that nothing changed. */
function refusal(baseUrl: string, error: unknown): ExalateError {
  const unchanged = 'Nothing was changed: the node keeps its current Jira connection.';
  if (!ExalateError.isInstance(error)) {
    return new ExalateError('invalid_request', `The node could not check Jira at ${baseUrl}. ${unchanged}`, { cause: error });
  }
  const status = error.details?.['status'];
  switch (error.code) {
    case 'unauthorized':
      return new ExalateError(
        'invalid_request',
        `Jira at ${baseUrl} refused this personal access token. Create a new one in Jira (your profile picture → Profile → Personal Access Tokens, Jira 8.14 or later), paste it here, and save again. ${unchanged}`,
        { cause: error },
      );
    case 'tracker_unavailable':
      return status === undefined
        ? new ExalateError(
            'invalid_request',
            `The node could not reach ${baseUrl}. Check the Jira base URL, and that this machine can open it (DNS, firewall, proxy). ${unchanged}`,
            { cause: error },
          )
        : new ExalateError('invalid_request', `Jira at ${baseUrl} is not answering (HTTP ${String(status)}). Try again when it is back. ${unchanged}`, {
            cause: error,
          });
    case 'not_found':
    case 'internal':
      return new ExalateError(
        'invalid_request',
        `${baseUrl} does not answer like Jira Server or Data Center (REST API v2). Enter the address of Jira's home page, with any context path such as /jira. ${unchanged}`,
        { cause: error },
      );
    default:
      if (typeof status === 'number' && status >= 300 && status < 400) {
        return new ExalateError(
          'invalid_request',
          `${baseUrl} redirects elsewhere (HTTP ${status}). Enter the address Jira itself answers at (the Base URL under Jira administration → System → General configuration), without single sign-on in the way. ${unchanged}`,
          { cause: error },
        );
      }
      return new ExalateError('invalid_request', `${error.message} ${unchanged}`, { cause: error });
  }
}

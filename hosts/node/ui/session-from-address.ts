import { storeAdminToken } from './admin-token-storage';

/**
 * A Jira administrator who opened Exalate from Jira arrives with a console session in the address's
 * fragment (`#exalate-session=…&page=connections`, from hosts/node/jira-server-entry/). The fragment
 * never reaches a server; the session is kept like a pasted token (this tab only) and removed from
 * the address at once, leaving the page to open (`#connections`) for the console's tabs.
 */
export function takeSessionFromAddress(): string | null {
  if (typeof location === 'undefined' || !location.hash.startsWith('#exalate-session=')) return null;
  const fields = new URLSearchParams(location.hash.slice(1));
  const session = fields.get('exalate-session');
  history.replaceState(null, '', `${location.pathname}${location.search}#${fields.get('page') ?? 'connections'}`);
  if (session === null || session === '') return null;
  storeAdminToken(session);
  return session;
}

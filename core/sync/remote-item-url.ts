import type { TrackerKind } from '../ports/tracker';

/**
 * Where a person opens an item of the other side, from that side's tracker base URL (which the
 * connection learnt from the invitation code or the destination's `/exchange/v1/info`) and the
 * tracker's own address of an item:
 * - Jira Cloud and Jira Server/DC: `{site}/browse/{key}`, the issue view every Jira serves;
 * - Azure DevOps: `{organization}/_workitems/edit/{id}`, which Azure DevOps opens without the project;
 * - Asana: `{host}/0/0/{gid}`, Asana's task permalink with "0" for "any project".
 */
const itemAddresses: Readonly<Record<TrackerKind, (baseUrl: string, key: string) => string>> = {
  'jira-cloud': (baseUrl, key) => `${baseUrl}/browse/${encodeURIComponent(key)}`,
  'jira-server': (baseUrl, key) => `${baseUrl}/browse/${encodeURIComponent(key)}`,
  'azure-devops': (baseUrl, key) => `${baseUrl}/_workitems/edit/${encodeURIComponent(key)}`,
  asana: (baseUrl, key) => `${baseUrl}/0/0/${encodeURIComponent(key)}`,
};

/** The remote item's address, or null when the other side's tracker or base URL is not known (yet). */
export function remoteItemUrl(tracker: TrackerKind | 'unknown', baseUrl: string | null | undefined, key: string): string | null {
  if (tracker === 'unknown' || !baseUrl || !isWebAddress(baseUrl)) return null;
  return itemAddresses[tracker](baseUrl.replace(/\/+$/, ''), key);
}

/** Only http(s) addresses become links: a peer's text is never put in an href as it came. */
export function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

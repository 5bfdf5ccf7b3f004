import type { TrackerConnectionConfiguration } from './switchable-tracker';

/** Under the node's root, next to its admin API: `/oauth/asana/start` and `/oauth/asana/callback`. */
export const asanaSignInStartPath = '/oauth/asana/start';
export const asanaSignInCallbackPath = '/oauth/asana/callback';

/**
 * The redirect URI registered with the Asana app: ASANA_REDIRECT_URI, or the callback under the
 * node's public URL, or (a private node) under the address the admin's browser reached the node at.
 */
export function asanaRedirectUri(configuration: TrackerConnectionConfiguration, nodeUrl: string | null, nodeBase: string): string {
  return configuration.asanaRedirectUri ?? `${(nodeUrl ?? nodeBase).replace(/\/+$/, '')}${asanaSignInCallbackPath}`;
}

/** The same, for a message written before any browser came by. */
export function asanaRedirectUriHint(configuration: TrackerConnectionConfiguration, nodeUrl: string | null): string {
  return asanaRedirectUri(configuration, nodeUrl, "<this node's address>");
}

export function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

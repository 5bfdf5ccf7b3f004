/**
 * What the hub needs from Azure DevOps, behind one interface: the SDK in production
 * (sdk-hub-host.ts), anything else in tests. Keeps every component free of SDK calls.
 */
export interface HubHost {
  /** The SDK's app token for this user and extension (a JWT the node verifies); fresh per call. */
  appToken(): Promise<string>;
  /** The organization's node URL from the extension data service, or null when none is saved. */
  readNodeUrl(): Promise<string | null>;
  saveNodeUrl(nodeUrl: string): Promise<void>;
  /** The organization's name, for the page header ("acme"). */
  readonly organization: string;
  /** Azure DevOps Server (on premises), whose admin pages are "Collection settings", rather than Services. */
  readonly isServer: boolean;
}

/** Where the hub keeps the node URL: one document shared by the organization (scope "Default"). */
export const nodeUrlSettingKey = 'exalate-node-url';

/** A node URL as the admin typed it, checked before it is saved; null with a message when unusable. */
export function readNodeUrlInput(text: string): { readonly url: string } | { readonly problem: string } {
  const trimmed = text.trim().replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { problem: 'Enter the address of your Exalate node, such as https://exalate.example.com.' };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1'))) {
    return { problem: 'The node URL must start with https:// (the app token must not cross the network in clear text).' };
  }
  if (url.search || url.hash || url.username) return { problem: 'Enter the node URL without a user name, "?" or "#" parts.' };
  return { url: trimmed };
}

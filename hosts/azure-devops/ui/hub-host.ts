/**
 * What the hub needs from Azure DevOps, behind one interface: the SDK in production
 * (sdk-hub-host.ts), anything else in tests. Keeps every component free of SDK calls.
 */
export interface HubHost {
  /** The SDK's app token for this user and extension (a JWT the node verifies); fresh per call. */
  appToken(): Promise<string>;
  /**
   * The node URL this user saved (extension data, scope "User", which only this user can write),
   * or null. The hub sends its app token to this URL and no other.
   */
  readNodeUrl(): Promise<string | null>;
  /**
   * The node URL last saved by anyone of the organization (scope "Default", which every user of
   * the organization can write, administrator or not), or null: offered to check, never called.
   */
  readSuggestedNodeUrl(): Promise<string | null>;
  /** Keeps the URL as this user's own, and offers it to the organization's other admins. */
  saveNodeUrl(nodeUrl: string): Promise<void>;
  /** The extension's id as Azure DevOps knows it, `publisher.extension` ("idalko-tools.exalate"). */
  readonly extensionId: string;
  /** The organization's name, for the page header ("acme"). */
  readonly organization: string;
  /** Azure DevOps Server (on premises), whose admin pages are "Collection settings", rather than Services. */
  readonly isServer: boolean;
}

/** Where the hub keeps the node URL: in each user's scope, and a copy in the organization's as a suggestion. */
export const nodeUrlSettingKey = 'exalate-node-url';

export interface NodeUrlChoice {
  /** Where the hub may send the app token: a well-formed URL this user saved, or null. */
  readonly nodeUrl: string | null;
  /** A different URL someone of the organization saved: shown for the admin to check, or null. */
  readonly suggestion: string | null;
}

/**
 * Azure DevOps' extension data service has two scopes, "Default" (the organization: every user
 * of it may write, learn.microsoft.com/azure/devops/extend/develop/data-storage) and "User" (one
 * user's own). A URL from the shared scope could have been put there by any member, to point the
 * admins' hub, and their app tokens, at another host; so the hub only ever uses the URL the
 * current user saved, and offers the shared one for them to check and save themselves.
 */
export function chooseNodeUrl(own: string | null, suggested: string | null): NodeUrlChoice {
  const usable = own === null ? null : readNodeUrlInput(own);
  const nodeUrl = usable !== null && 'url' in usable ? usable.url : null;
  return { nodeUrl, suggestion: suggested !== null && suggested !== '' && suggested !== nodeUrl ? suggested : null };
}

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

/**
 * Where the hub sits, in the host's own words: Azure DevOps Services calls the admin pages
 * "Organization settings", Azure DevOps Server calls the same pages "Collection settings".
 */
export function settingsPageName(isServer: boolean): string {
  return isServer ? 'Collection settings' : 'Organization settings';
}

/** What an organization (Services) or a collection (Server) is called in a sentence. */
export function scopeWord(isServer: boolean): string {
  return isServer ? 'collection' : 'organization';
}

/**
 * The README's section on deploying the node and the extension. The repository's public address
 * is kept here, once, so the link can follow it if the project moves.
 */
export const deployGuideUrl = 'https://github.com/exalate-open/exalate-open#deploy';

/**
 * The first-run explanation beside the "Node URL" field, which no connection guide mentions: the
 * hub is only a console, and the node it talks to is the deployer's own server.
 */
export function nodeUrlExplained(isServer: boolean): string {
  return `The Exalate node is the server that syncs this ${scopeWord(isServer)}'s work items with the other side; you run it yourself, and its URL is the HTTPS address you gave it when you deployed it (the same address other admins type as Destination Instance URL).`;
}

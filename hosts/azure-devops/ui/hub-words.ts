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
 * The extension's own Marketplace page, whose details (manifests/azure-devops/overview.md, packaged
 * with the extension) say how to deploy the node. Built from the extension's id as the SDK gives
 * it (`publisher.extension`), so it follows the deployer's publisher.
 */
export function deployGuideUrl(extensionId: string): string {
  return `https://marketplace.visualstudio.com/items?itemName=${encodeURIComponent(extensionId)}`;
}

/**
 * The first-run explanation beside the "Node URL" field, which no connection guide mentions: the
 * hub is only a console, and the node it talks to is the deployer's own server.
 */
export function nodeUrlExplained(isServer: boolean): string {
  return `The Exalate node is the server that syncs this ${scopeWord(isServer)}'s work items with the other side; you run it yourself, and its URL is the HTTPS address you gave it when you deployed it (the same address other admins type as Destination Instance URL).`;
}

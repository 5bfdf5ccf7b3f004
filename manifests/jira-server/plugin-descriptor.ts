import { exalateJiraServerAppKey } from '../../hosts/jira-server/app-key';
import {
  exalateAdminPageRoutes,
  jiraServerEntryPath,
  jiraServerItemSurfacePath,
  nodeLocationFileName,
  nodeLocationModuleKey,
} from '../../hosts/jira-server/plugin-addresses';

/**
 * The Jira Server/Data Center app: a plugin made of its descriptor alone (no Java classes), which is
 * what Jira's "Upload app" (Manage apps) installs as a Plugins2 plugin: a jar whose root holds
 * `atlassian-plugin.xml`. It uses only modules Jira provides without code:
 * - a web-section in `admin_plugins_menu` (the Manage apps sidebar) with web-items for the console's
 *   pages, each shown only to Jira administrators (`UserIsAdminCondition`) and opening the node's
 *   entry for that page, where the node checks with Jira who is coming (docs/decisions/2026-12-06-jira-server-admin-entry.md);
 * - a web-panel at `atl.jira.view.issue.right.context` (the issue view's right column) whose velocity
 *   view frames the node's item surface page for the issue (`$issue.key` is in a web panel's context);
 * - a web-resource whose one downloadable file says where the node is, so that a node given this
 *   Jira's site URL as Destination Instance URL can find the node behind it.
 * The node's URL is set when packaging (JIRA_SERVER_NODE_URL), as the descriptor cannot read settings.
 */
export interface PluginDescriptorOptions {
  /** The node this Jira's Exalate talks to, without a trailing slash. */
  readonly nodeUrl: string;
  readonly version: string;
}

export const adminSectionKey = 'exalate-admin-section';
export const issuePanelKey = 'exalate-issue-panel';
export const issuePanelLocation = 'atl.jira.view.issue.right.context';
export const adminMenuLocation = 'admin_plugins_menu';
export const administratorsOnlyCondition = 'com.atlassian.jira.plugin.webfragment.conditions.UserIsAdminCondition';
export const signedInOnlyCondition = 'com.atlassian.jira.plugin.webfragment.conditions.UserLoggedInCondition';
export const issuePanelTemplate = 'templates/exalate-issue-panel.vm';

const xml = (text: string): string => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** One link of the admin section: its module key, its label, and where it goes on the node. */
export interface AdminSectionLink {
  readonly key: string;
  readonly label: string;
  readonly url: string;
}

export function adminSectionLinks(nodeUrl: string): readonly AdminSectionLink[] {
  return exalateAdminPageRoutes.map(([route, label]) => ({ key: `exalate-${route}`, label, url: `${nodeUrl}${jiraServerEntryPath}?page=${route}` }));
}

export function renderPluginDescriptor({ nodeUrl, version }: PluginDescriptorOptions): string {
  const items = adminSectionLinks(nodeUrl)
    .map(
      (
        link,
        index,
      ) => `  <web-item key="${link.key}" name="Exalate: ${xml(link.label)}" section="${adminMenuLocation}/${adminSectionKey}" weight="${(index + 1) * 10}">
    <label>${xml(link.label)}</label>
    <link linkId="${link.key}">${xml(link.url)}</link>
    <condition class="${administratorsOnlyCondition}"/>
  </web-item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by npm run package from manifests/jira-server/plugin-descriptor.ts; edit that, not this file. -->
<atlassian-plugin key="${exalateJiraServerAppKey}" name="Exalate (open edition)" plugins-version="2">
  <plugin-info>
    <description>Issue sync between Jira Data Center and other trackers, through a self-hosted Exalate node at ${xml(nodeUrl)}.</description>
    <version>${xml(version)}</version>
    <vendor name="Exalate open edition" url="${xml(nodeUrl)}"/>
  </plugin-info>
  <web-section key="${adminSectionKey}" name="Exalate" location="${adminMenuLocation}" weight="200">
    <label>Exalate</label>
    <condition class="${administratorsOnlyCondition}"/>
  </web-section>
${items}
  <web-panel key="${issuePanelKey}" name="Exalate" location="${issuePanelLocation}" weight="150">
    <label>Exalate</label>
    <resource name="view" type="velocity" location="${issuePanelTemplate}"/>
    <condition class="${signedInOnlyCondition}"/>
  </web-panel>
  <web-resource key="${nodeLocationModuleKey}" name="Where this Jira's Exalate node is">
    <resource type="download" name="${nodeLocationFileName}" location="${nodeLocationFileName}"/>
  </web-resource>
</atlassian-plugin>
`;
}

/** The panel's view: the node's item surface for the issue, in a frame the node lets Jira show. */
export function renderIssuePanelTemplate(nodeUrl: string): string {
  return `## Exalate: the issue's twins, their sync status and actions, served by the node.
<iframe title="Exalate" src="${xml(nodeUrl)}${jiraServerItemSurfacePath}?issueKey=$!{issue.key}" style="width: 100%; height: 320px; border: 0;" allow="clipboard-write"></iframe>
`;
}

/** What the node location file says: read by nodes given this Jira's site URL. */
export function renderNodeLocation(nodeUrl: string): string {
  return `${JSON.stringify({ product: 'exalate-open', nodeUrl }, null, 2)}\n`;
}

/** Every file of the plugin jar, by its path inside the jar. */
export function pluginFiles(options: PluginDescriptorOptions): ReadonlyMap<string, string> {
  return new Map([
    ['META-INF/MANIFEST.MF', 'Manifest-Version: 1.0\r\nCreated-By: npm run package\r\n\r\n'],
    ['atlassian-plugin.xml', renderPluginDescriptor(options)],
    [issuePanelTemplate, renderIssuePanelTemplate(options.nodeUrl)],
    [nodeLocationFileName, renderNodeLocation(options.nodeUrl)],
  ]);
}

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pluginFiles } from '../manifests/jira-server/plugin-descriptor';
import { placeholderJiraServerNodeUrl, type DeployConfiguration } from './deploy-configuration';
import { zipArchive } from './zip-archive';

/**
 * dist/jira-server/: the plugin jar that Jira's Manage apps → Upload app installs
 * (`exalate-jira-server-<version>.jar`, descriptor-only: see manifests/jira-server/plugin-descriptor.ts),
 * with the node's URL from the deploy configuration, and a README saying how to install it.
 * Returns the jar's path.
 */
export function packageJiraServer(outputDirectory: string, configuration: DeployConfiguration, version: string): string {
  const nodeUrl = configuration.jiraServerNodeUrl ?? placeholderJiraServerNodeUrl;
  if (configuration.jiraServerNodeUrl === undefined) {
    process.stderr.write(
      `dist/jira-server: no node URL configured, so the plugin points at ${placeholderJiraServerNodeUrl}. Set JIRA_SERVER_NODE_URL (or jiraServerNodeUrl in your deploy configuration) to your node's public URL and package again before uploading it to Jira.\n`,
    );
  }
  rmSync(outputDirectory, { recursive: true, force: true });
  mkdirSync(outputDirectory, { recursive: true });
  const jar = join(outputDirectory, `exalate-jira-server-${version}.jar`);
  writeFileSync(jar, zipArchive(pluginFiles({ nodeUrl, version })));
  writeFileSync(
    join(outputDirectory, 'README.md'),
    `# Exalate for Jira Server / Data Center\n\nBuilt by \`npm run package\` for the node at ${nodeUrl}. Install: in Jira, Administration (⚙) → Manage apps → Upload app, choose \`exalate-jira-server-${version}.jar\`. Jira administrators then find Exalate (Connections, Triggers, Sync queue, Errors, General settings) in the Manage apps sidebar, and everyone an Exalate panel on the issue view.\n\nThe node lets a Jira administrator in by asking Jira through its OAuth 2.0 provider: create an incoming application link (Administration → Applications → Application links → Create link → External application, Incoming) with the redirect URL ${nodeUrl}/jira-server/enter/callback and the Read permission, and give the node its client id and secret (JIRA_SERVER_OAUTH_CLIENT_ID, JIRA_SERVER_OAUTH_CLIENT_SECRET).\n`,
  );
  return jar;
}

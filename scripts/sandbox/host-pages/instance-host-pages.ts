import type { FastifyPluginAsync } from 'fastify';
import type { TrackerKind, TrackerV1 } from '../../../core';
import type { SandboxInstanceDefinition } from '../sandbox-instances';
import { exalateHubRoute } from './azure-devops-pages';
import { azureDevOpsHostRoutes, jiraCloudHostRoutes } from './host-page-routes';

export interface InstanceHostPages {
  /** Where the host's pages are mounted, e.g. /jira-cloud/jira or /azure-devops/acme. */
  readonly prefix: string;
  readonly routes: FastifyPluginAsync;
  /** Where an admin meets Exalate in this host: the sandbox's `console` for the instance. */
  readonly consolePath: string;
}

export interface InstanceHostContext {
  readonly definition: SandboxInstanceDefinition;
  readonly baseUrl: string;
  readonly adminApi: string;
  readonly adminToken: string;
  /** The emulated tracker's base URL; an Azure DevOps organization's ends with its name. */
  readonly trackerApi: string;
  readonly tracker: TrackerV1;
}

/**
 * The host around an instance's console, for the trackers whose Exalate lives inside them: Jira
 * Cloud (Settings → Apps → Exalate, the Forge admin page) and Azure DevOps (Organization settings →
 * Extensions → Exalate, the hub). Jira Server and Asana have none: their console is the node's own.
 */
export function instanceHostPages(context: InstanceHostContext): InstanceHostPages | null {
  return hostPagesOf[context.definition.tracker]?.(context) ?? null;
}

/** Which trackers host the console in a page of their own; the compiler asks about every tracker. */
const hostPagesOf: Readonly<Record<TrackerKind, ((context: InstanceHostContext) => InstanceHostPages) | null>> = {
  'jira-cloud': ({ definition, adminApi, adminToken }) => {
    const base = `/${definition.id}/jira`;
    return {
      prefix: base,
      routes: jiraCloudHostRoutes({ site: { base, siteName: 'acme' }, adminApi, adminToken }),
      consolePath: `${base}/settings/apps/exalate/connections`,
    };
  },
  'azure-devops': ({ definition, baseUrl, trackerApi, tracker }) => {
    const name = trackerApi.split('/').pop() ?? 'acme';
    const base = `/${definition.id}/${name}`;
    return {
      prefix: base,
      routes: azureDevOpsHostRoutes({
        organization: { base, name, isServer: !definition.public },
        // The hub asks for the organization's node URL once; the sandbox's admin has given it.
        nodeUrl: `${baseUrl}/${definition.id}/node`,
        listProjects: async () => (await tracker.listProjects()).map((project) => project.name),
      }),
      consolePath: `${base}/_settings/${exalateHubRoute}`,
    };
  },
  'jira-server': null,
  asana: null,
};

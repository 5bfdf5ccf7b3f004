import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * What makes a deployment yours and keeps it yours across updates: the Forge app's id, the peer
 * hosts the Forge app may call, the Azure DevOps publisher and the extension's version. They come
 * from the deployer's own configuration, never from dist/, which `npm run package` rewrites: an
 * update packaged with the placeholder id would register a new Forge app (a new web-trigger URL,
 * so every peer breaks, and its KVS data left behind in the old app).
 *
 * Sources, later ones winning: a JSON file named by EXALATE_DEPLOY_CONFIG (keep it with your own
 * deployment, outside this repository), then the variables FORGE_APP_ID, FORGE_PEER_HOSTS
 * (comma-separated), AZURE_DEVOPS_PUBLISHER, AZURE_DEVOPS_EXTENSION_VERSION and JIRA_SERVER_NODE_URL.
 */
export interface DeployConfiguration {
  /** `ari:cloud:ecosystem::app/<uuid>` as `forge register` prints it; absent before the first register. */
  readonly forgeAppId: string | undefined;
  /** Hosts for `permissions.external.fetch.backend`: the peer nodes' hosts, `*.example.com` allowed. */
  readonly forgePeerHosts: readonly string[];
  readonly azureDevOpsPublisher: string;
  readonly azureDevOpsVersion: string;
  /** The node the Jira Server/DC plugin opens and frames; absent before one is chosen. */
  readonly jiraServerNodeUrl: string | undefined;
}

/** The publisher and extension named by the product (`idalko-tools.exalate.adnode`). */
export const defaultAzureDevOpsPublisher = 'idalko-tools';
/** Forge refuses a deploy of this id: it stands for "not registered yet". */
export const placeholderForgeAppId = 'ari:cloud:ecosystem::app/00000000-0000-4000-8000-000000000000';

// Forge app ids are ARIs with a UUID (developer.atlassian.com/platform/forge/manifest-reference/app/).
const forgeAppIdSchema = z
  .string()
  .regex(
    /^ari:cloud:ecosystem::app\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    'a Forge app id looks like ari:cloud:ecosystem::app/<uuid>, as `forge register` prints it',
  );
// A host name, optionally with a leading `*.` wildcard, as Forge's egress permissions accept it.
const peerHostSchema = z
  .string()
  .regex(
    /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i,
    'a peer host is a host name such as exalate.example.com or *.example.com, without a scheme or path',
  );
// Marketplace publisher ids: letters, digits, hyphens and underscores, starting with a letter or digit.
const publisherSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,254}$/i, 'an Azure DevOps publisher id has letters, digits, hyphens and underscores');
// Azure DevOps extension versions are three or four dot-separated numbers, and must grow with each update.
const versionSchema = z.string().regex(/^\d+\.\d+\.\d+(\.\d+)?$/, 'an extension version is three or four numbers such as 1.4.0');

/** Stands for "no node chosen yet" in the Jira Server/DC plugin; `npm run package` warns when it is used. */
export const placeholderJiraServerNodeUrl = 'https://exalate-node.example.com';
// The node's public URL as the plugin's links and frames use it: http(s), no credentials, query or fragment.
const nodeUrlSchema = z
  .string()
  .regex(
    /^https?:\/\/[^\s/?#@]+(\/[^\s?#]*)?$/i,
    "the Jira Server node URL is the node's public address, such as https://exalate.example.com, without a query, fragment or user name",
  )
  .transform((url) => url.replace(/\/+$/, ''));

const fileSchema = z.strictObject({
  forgeAppId: forgeAppIdSchema.optional(),
  forgePeerHosts: z.array(peerHostSchema).optional(),
  azureDevOpsPublisher: publisherSchema.optional(),
  azureDevOpsVersion: versionSchema.optional(),
  jiraServerNodeUrl: nodeUrlSchema.optional(),
});

export class DeployConfigurationError extends Error {
  override readonly name = 'DeployConfigurationError';
}

export function readDeployConfiguration(environment: NodeJS.ProcessEnv, packageVersion: string): DeployConfiguration {
  const fromFile = readConfigurationFile(environment['EXALATE_DEPLOY_CONFIG']);
  const fromEnvironment = {
    forgeAppId: environment['FORGE_APP_ID'],
    forgePeerHosts: environment['FORGE_PEER_HOSTS']
      ?.split(',')
      .map((host) => host.trim())
      .filter((host) => host !== ''),
    azureDevOpsPublisher: environment['AZURE_DEVOPS_PUBLISHER'],
    azureDevOpsVersion: environment['AZURE_DEVOPS_EXTENSION_VERSION'],
    jiraServerNodeUrl: environment['JIRA_SERVER_NODE_URL'],
  };
  const merged = { ...fromFile, ...Object.fromEntries(Object.entries(fromEnvironment).filter(([, value]) => value !== undefined && value !== '')) };
  const parsed = fileSchema.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new DeployConfigurationError(`The deploy configuration is not valid, nothing was packaged: ${problems}.`);
  }
  return {
    forgeAppId: parsed.data.forgeAppId,
    forgePeerHosts: parsed.data.forgePeerHosts ?? [],
    azureDevOpsPublisher: parsed.data.azureDevOpsPublisher ?? defaultAzureDevOpsPublisher,
    azureDevOpsVersion: parsed.data.azureDevOpsVersion ?? packageVersion,
    jiraServerNodeUrl: parsed.data.jiraServerNodeUrl,
  };
}

function readConfigurationFile(path: string | undefined): Record<string, unknown> {
  if (path === undefined || path === '') return {};
  if (!existsSync(path)) throw new DeployConfigurationError(`EXALATE_DEPLOY_CONFIG names ${path}, which does not exist; nothing was packaged.`);
  try {
    const content = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (typeof content === 'object' && content !== null && !Array.isArray(content)) return content as Record<string, unknown>;
  } catch (error) {
    throw new DeployConfigurationError(`${path} is not JSON (${error instanceof Error ? error.message : String(error)}); nothing was packaged.`);
  }
  throw new DeployConfigurationError(`${path} must hold one JSON object with the deploy configuration's keys; nothing was packaged.`);
}

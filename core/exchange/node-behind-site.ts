import { z } from 'zod';
import { ExalateError } from '../errors';
import type { NodeContext } from '../node/node-context';
import { callPeer } from './peer-client';
import { normalizeNodeUrl } from './destination-url';

/**
 * Where a tracker's site can say which Exalate node it belongs to. Jira Data Center: the plugin
 * `npm run package` makes carries its node's URL as a downloadable web-resource, which Jira serves
 * at `/download/resources/{plugin key}:{module key}/{file}` to anyone (hosts/jira-server/plugin-addresses.ts
 * builds the same path). Jira Cloud, Azure DevOps and Asana sites serve nothing of an app's to a
 * stranger, so for them the admin is told exactly what to type instead.
 */
export const siteNodeLocationPaths: readonly string[] = ['/download/resources/org.exalate.open.jira:exalate-node-location/exalate-node.json'];

const nodeLocationSchema = z.looseObject({ product: z.literal('exalate-open'), nodeUrl: z.string().min(1).max(2000) });

/** The node a site says it belongs to, or undefined when it says nothing (or nothing usable). */
export async function findNodeBehindSite(context: NodeContext, siteUrl: string): Promise<string | undefined> {
  for (const path of siteNodeLocationPaths) {
    try {
      const location = await callPeer(context.transport, {
        method: 'GET',
        url: `${siteUrl}${path}`,
        responseSchema: nodeLocationSchema,
        peerDescription: 'the site',
      });
      const nodeUrl = normalizeNodeUrl(location.nodeUrl, context.settings.allowPrivateDestinations);
      if (nodeUrl.ok && nodeUrl.value !== siteUrl) return nodeUrl.value;
    } catch {
      // Not this kind of site: try the next, then say what to type.
    }
  }
  return undefined;
}

const whereTheExalateUrlIs: readonly { readonly matches: (url: URL) => boolean; readonly site: string; readonly where: string }[] = [
  { matches: (url) => url.hostname.endsWith('.atlassian.net'), site: 'a Jira Cloud site', where: 'in that Jira, Settings → Apps → Exalate → General settings' },
  {
    matches: (url) => url.hostname === 'dev.azure.com' || url.hostname.endsWith('.visualstudio.com'),
    site: 'an Azure DevOps organization',
    where: 'in that organization, Organization settings → Extensions → Exalate → General settings',
  },
  { matches: (url) => url.hostname === 'app.asana.com', site: 'Asana', where: "in the Asana side's Exalate console, General settings" },
];

/**
 * The refusal for an address that is not an Exalate node and does not say where its node is: what
 * the address is, what to type instead and where to find it. Never a bare status code.
 */
export function notANodeError(typed: string, cause: ExalateError): ExalateError {
  let url: URL | undefined;
  try {
    url = new URL(typed);
  } catch {
    url = undefined;
  }
  const known = url === undefined ? undefined : whereTheExalateUrlIs.find((candidate) => candidate.matches(url));
  const message =
    known !== undefined
      ? `${typed} is ${known.site}'s address, not its Exalate node's. Enter the Exalate URL instead: ${known.where}, copy "Exalate node URL".`
      : `${typed} does not answer as an Exalate node, and the site there does not say where its Exalate node is. Enter the Exalate URL instead: in the destination's Exalate console, General settings → "Exalate node URL" (on Jira Data Center: Administration → Manage apps → Exalate → General settings).`;
  return new ExalateError('destination_invalid', message, { cause });
}

import { ExalateError } from '../errors';
import type { NodeContext } from '../node/node-context';
import { err, ok, type Result } from '../result';
import { exchangeBasePath, nodeInfoSchema, type NodeInfo } from './exchange-messages';
import { findNodeBehindSite, notANodeError } from './node-behind-site';
import { callPeer } from './peer-client';

/**
 * Asks a destination what it is and which modes it supports, so the wizard offers only those
 * ("Exalate will suggest available Configuration Modes based on the destination instance"). The
 * guides let the admin type "the link of that instance or the Exalate URL": an address that is not a
 * node is asked where its node is (node-behind-site.ts), and that node is inspected instead; failing
 * that, the admin is told what to type and where to find it.
 */
export async function inspectDestination(context: NodeContext, url: string): Promise<Result<NodeInfo>> {
  const direct = await askNode(context, url);
  if (direct.ok || direct.error.code !== 'peer_invalid_response') return direct;
  const behind = await findNodeBehindSite(context, url);
  if (behind !== undefined) {
    const found = await askNode(context, behind);
    if (found.ok) return found;
  }
  return err(notANodeError(url, direct.error));
}

async function askNode(context: NodeContext, nodeUrl: string): Promise<Result<NodeInfo>> {
  try {
    const info = await callPeer(context.transport, {
      method: 'GET',
      url: `${nodeUrl}${exchangeBasePath}/info`,
      responseSchema: nodeInfoSchema,
      peerDescription: 'the destination',
    });
    if (info.nodeId === context.identity.nodeId) {
      return err(
        new ExalateError(
          'destination_invalid',
          'That Destination Instance URL is this instance itself. Enter the URL of the instance you want to connect with.',
        ),
      );
    }
    return ok(info);
  } catch (error) {
    const failure = ExalateError.from(error);
    if (failure.code === 'internal') throw error;
    return err(failure);
  }
}

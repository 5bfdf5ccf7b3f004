import { ExalateError } from '../errors';
import type { NodeContext } from '../node/node-context';
import { err, ok, type Result } from '../result';
import { exchangeBasePath, nodeInfoSchema, type NodeInfo } from './exchange-messages';
import { callPeer } from './peer-client';

/**
 * Asks a destination what it is and which modes it supports, so the wizard offers only those
 * ("Exalate will suggest available Configuration Modes based on the destination instance").
 */
export async function inspectDestination(context: NodeContext, nodeUrl: string): Promise<Result<NodeInfo>> {
  try {
    const info = await callPeer(context.transport, {
      method: 'GET',
      url: `${nodeUrl}${exchangeBasePath}/info`,
      responseSchema: nodeInfoSchema,
      peerDescription: 'the destination',
    });
    if (info.nodeId === context.identity.nodeId) {
      return err(new ExalateError('destination_invalid', 'That Destination Instance URL is this instance itself. Enter the URL of the instance you want to connect with.'));
    }
    return ok(info);
  } catch (error) {
    const failure = ExalateError.from(error);
    if (failure.code === 'internal') throw error;
    return err(failure);
  }
}

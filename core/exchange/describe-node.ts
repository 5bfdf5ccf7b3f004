import type { NodeContext } from '../node/node-context';
import { supportedModes } from '../node/node-context';
import { exchangeProtocolVersion, type NodeInfo } from './exchange-messages';

/** The answer to `GET /exchange/v1/info`; only a public node serves it. */
export async function describeNode(context: NodeContext, nodeUrl: string): Promise<NodeInfo> {
  const instance = await context.tracker.describeInstance();
  return {
    product: 'exalate-open',
    protocol: exchangeProtocolVersion,
    nodeId: context.identity.nodeId,
    nodeUrl,
    tracker: instance.tracker,
    trackerVersion: instance.version,
    instanceUrl: instance.url,
    modes: [...supportedModes],
  };
}

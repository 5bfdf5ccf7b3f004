import type { AdminFailure } from '../../console-kit/admin-failure';
import { err } from '../../console-kit/browser-core';
import { createHttpTransport } from '../../console-kit/http-transport';
import { createConsoleClient, type ConsoleClient, type OperationTransport } from '../../console-kit/operation-client';

export interface NodeTransportOptions {
  readonly adminApi: string;
  readonly adminToken: string;
  /** Called on every 401, so the console can send the admin back to sign in. */
  readonly onUnauthorized?: (failure: AdminFailure) => void;
  readonly fetch?: typeof fetch;
}

export type AdminClientOptions = NodeTransportOptions & Required<Pick<NodeTransportOptions, 'onUnauthorized'>>;

/**
 * The kit's HTTP transport with the admin token, as the pages the node serves use it. Only two
 * things are theirs: a 401 is reported (the console sends the admin back to sign in), and a node
 * that does not answer is worded for a page the node itself serves (no node URL to check, no CORS).
 */
export function createNodeTransport(options: NodeTransportOptions): OperationTransport {
  const base = options.adminApi.replace(/\/+$/, '');
  const http = createHttpTransport({
    adminApi: options.adminApi,
    authorization: async () => `Bearer ${options.adminToken}`,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  return async (call) => {
    const answer = await http(call);
    if (answer.ok) return answer;
    if (answer.error.status === 401) options.onUnauthorized?.(answer.error);
    if (answer.error.code === 'unreachable')
      return err({ ...answer.error, message: `The Exalate node did not answer at ${base}. Check that it is running, then try again.` });
    return answer;
  };
}

/** The node console's client: the same ConsoleClient the Forge and Azure DevOps consoles use, over the node's HTTP admin API. */
export function createAdminClient(options: AdminClientOptions): ConsoleClient {
  return createConsoleClient(createNodeTransport(options));
}

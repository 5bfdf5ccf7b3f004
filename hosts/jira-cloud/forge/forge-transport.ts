import { fetch as forgeFetch } from '@forge/api';
import { ExalateError, type TransportRequest, type TransportResponse, type TransportV1 } from '../../../core';
import { shortestPeerCallMs, type InvocationBudget } from './invocation-budget';

/** A peer call never waits longer than this, even in a consumer with minutes left. */
export const longestPeerCallMs = 15_000;

/**
 * Node-to-node HTTP from Forge. Outbound calls go through `@forge/api`'s fetch, which Forge only
 * lets through to hosts the manifest lists under `permissions.external.fetch.backend`; a peer
 * outside that list fails here with Forge's own message, which the admin sees on the connection.
 * Each call waits at most what the invocation has left (InvocationBudget): a resolver has 25 s in
 * all, so a slow peer is answered "busy, try again" instead of Forge stopping the resolver.
 */
export class ForgeTransport implements TransportV1 {
  readonly #budget: Pick<InvocationBudget, 'limit' | 'busy'> | undefined;
  readonly #fetch: typeof forgeFetch;

  constructor(budget?: Pick<InvocationBudget, 'limit' | 'busy'>, fetch: typeof forgeFetch = forgeFetch) {
    this.#budget = budget;
    this.#fetch = fetch;
  }

  async send(request: TransportRequest): Promise<TransportResponse> {
    const timeoutMs = this.#budget ? this.#budget.limit(longestPeerCallMs) : longestPeerCallMs;
    const origin = new URL(request.url).origin;
    if (timeoutMs < shortestPeerCallMs && this.#budget) throw this.#budget.busy(`too little time was left to call ${origin}`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${Math.round(timeoutMs / 100) / 10} s`)), timeoutMs);
    });
    try {
      const response = await Promise.race([
        this.#fetch(request.url, {
          method: request.method,
          headers: { ...request.headers },
          redirect: 'error',
          ...(request.body === undefined ? {} : { body: request.body }),
        }),
        timeout,
      ]);
      return { status: response.status, body: await response.text() };
    } catch (error) {
      throw new ExalateError(
        'destination_unreachable',
        `Could not reach ${origin}: ${error instanceof Error ? error.message : 'network error'}. Check the URL, that the other node is running, and that its host is allowed in the app's egress permissions.`,
        {
          cause: error,
          isRetryable: true,
        },
      );
    } finally {
      clearTimeout(timer);
    }
  }
}

import { fetch as forgeFetch } from '@forge/api';
import { ExalateError, type TransportRequest, type TransportResponse, type TransportV1 } from '../../../core';

/**
 * Node-to-node HTTP from Forge. Outbound calls go through `@forge/api`'s fetch, which Forge only
 * lets through to hosts the manifest lists under `permissions.external.fetch.backend`; a peer
 * outside that list fails here with Forge's own message, which the admin sees on the connection.
 */
export class ForgeTransport implements TransportV1 {
  readonly #timeoutMs: number;

  constructor(timeoutMs = 15_000) {
    this.#timeoutMs = timeoutMs;
  }

  async send(request: TransportRequest): Promise<TransportResponse> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.#timeoutMs / 1000} s`)), this.#timeoutMs);
    });
    try {
      const response = await Promise.race([
        forgeFetch(request.url, { method: request.method, headers: { ...request.headers }, redirect: 'error', ...(request.body === undefined ? {} : { body: request.body }) }),
        timeout,
      ]);
      return { status: response.status, body: await response.text() };
    } catch (error) {
      throw new ExalateError('destination_unreachable', `Could not reach ${new URL(request.url).origin}: ${error instanceof Error ? error.message : 'network error'}. Check the URL, that the other node is running, and that its host is allowed in the app's egress permissions.`, {
        cause: error,
        isRetryable: true,
      });
    } finally {
      clearTimeout(timer);
    }
  }
}

import { ExalateError, type TransportRequest, type TransportResponse, type TransportV1 } from '../../core';

/** Longer than the longest held poll (25 s, maximumPollWaitMs), so a quiet poll is not an error. */
const timeoutMs = 40_000;
/** A peer's answer carries at most a few attachments; anything bigger is refused instead of read into memory. */
const maximumResponseBytes = 64 * 1024 * 1024;

/** Node-to-node HTTP over the runtime's fetch. */
export class FetchTransport implements TransportV1 {
  async send(request: TransportRequest): Promise<TransportResponse> {
    let response: Response;
    try {
      response = await fetch(request.url, {
        method: request.method,
        headers: { ...request.headers },
        ...(request.body === undefined ? {} : { body: request.body }),
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new ExalateError('destination_unreachable', `Could not reach ${new URL(request.url).origin}: ${describeNetworkFailure(error)}. Check the URL and that the other node is running and reachable from this one.`, {
        cause: error,
        isRetryable: true,
      });
    }
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > maximumResponseBytes) {
      await response.body?.cancel();
      throw new ExalateError('peer_invalid_response', `${new URL(request.url).origin} sent an answer larger than ${maximumResponseBytes} bytes; an Exalate node never does.`);
    }
    const body = await response.text();
    if (body.length > maximumResponseBytes) {
      throw new ExalateError('peer_invalid_response', `${new URL(request.url).origin} sent an answer larger than ${maximumResponseBytes} bytes; an Exalate node never does.`);
    }
    return { status: response.status, body };
  }
}

function describeNetworkFailure(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${timeoutMs / 1000} s`;
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  if (cause?.code === 'ECONNREFUSED') return 'the connection was refused';
  if (cause?.code === 'ENOTFOUND') return 'the host name is unknown';
  return error instanceof Error ? error.message : 'network error';
}

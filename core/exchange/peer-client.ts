import type { z } from 'zod';
import { parseJson } from '../encoding/json';
import { ExalateError, errorCodes, type ErrorCode } from '../errors';
import type { TransportV1 } from '../ports/transport';
import { exchangeErrorSchema } from './exchange-messages';

/** A peer may pass on these codes to our admin unchanged: they are about the invitation it was given. */
const relayedCodes = new Set<ErrorCode>([
  'invitation_expired',
  'invitation_used',
  'invitation_rejected',
  'mode_unavailable',
  'licence_required',
  'connection_state',
]);

export interface PeerCall<T> {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly responseSchema: z.ZodType<T>;
  /** Names the other side in messages, e.g. "the destination" or "the initiating node". */
  readonly peerDescription: string;
}

/**
 * One call to another node: sends JSON, reads JSON, and turns every way it can go wrong into an
 * ExalateError that says which side failed. A peer that lies (wrong shape) is reported, not trusted.
 */
export async function callPeer<T>(transport: TransportV1, call: PeerCall<T>): Promise<T> {
  const body = call.body === undefined ? undefined : JSON.stringify(call.body);
  const response = await transport.send({
    method: call.method,
    url: call.url,
    headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...call.headers },
    ...(body === undefined ? {} : { body }),
  });
  if (response.status >= 200 && response.status < 300) {
    const parsed = parseJson(response.body, call.responseSchema);
    if (parsed.ok) return parsed.value;
    throw new ExalateError(
      'peer_invalid_response',
      `${capitalize(call.peerDescription)} at ${call.url} answered, but not as an Exalate node does. Check that the URL points at an Exalate node.`,
      {
        details: { reason: parsed.reason.slice(0, 500) },
      },
    );
  }
  const refusal = parseJson(response.body, exchangeErrorSchema);
  if (refusal.ok) {
    const code = refusal.value.error.code;
    if (code in errorCodes && relayedCodes.has(code as ErrorCode)) {
      throw new ExalateError(code as ErrorCode, refusal.value.error.message);
    }
    throw new ExalateError('peer_refused', `${capitalize(call.peerDescription)} refused the request: ${refusal.value.error.message}`, {
      isRetryable: response.status >= 500 || response.status === 429,
      details: { status: response.status, peerCode: code },
    });
  }
  throw new ExalateError(
    'peer_invalid_response',
    `${capitalize(call.peerDescription)} at ${call.url} answered HTTP ${response.status}, which is not an Exalate node's answer. Check the URL.`,
    {
      isRetryable: response.status >= 500 || response.status === 429,
      details: { status: response.status },
    },
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

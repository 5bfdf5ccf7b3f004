import { z } from 'zod';
import {
  answerHandshake,
  describeNode,
  ExalateError,
  exchangeBasePath,
  handshakeRequestSchema,
  peerMessageSchema,
  receivePeerMessage,
  signatureHeader,
  ok,
  type NodeContext,
  type PeerMessage,
} from '../../../core';
import { headerValue, readJsonBody } from '../../incoming-request';
import { errorResponse, jsonAnswer, toExalateError, type WebTriggerAnswer } from './errors';

/**
 * A web trigger request as Forge hands it to the function (developer.atlassian.com/platform/forge/
 * events-reference/web-trigger): headers as lists, the body as text. `userPath` holds the path the
 * caller added after the trigger's own URL; older runtimes only give `path`.
 */
export const webTriggerRequestSchema = z.looseObject({
  method: z.string(),
  path: z.string().optional(),
  userPath: z.string().optional(),
  headers: z.record(z.string(), z.array(z.string())).optional(),
  body: z.string().optional(),
});
export type WebTriggerRequest = z.infer<typeof webTriggerRequestSchema>;

/**
 * Polls are answered at once on Forge, never held: holding one means looking at KVS again and
 * again for the whole wait (Forge invocations share no memory, so no signal arrives), and every
 * look is billed against the installation's KVS read quota, 4,000 units a minute
 * (developer.atlassian.com/platform/forge/limits-kvs-ce); a web trigger may also run at most 55 s.
 * The private peer sees the quick empty answer and pauses before its next poll, longer while
 * nothing arrives (core/sync/poll-backoff.ts), so an idle connection costs a few reads a minute.
 */
export const heldPollMs = 0;

const messagesPath = /^\/connections\/([^/]+)\/messages$/;

export interface ExchangeOutcome {
  readonly response: WebTriggerAnswer;
  /** The peer delivered changes: the caller starts a sync pass to apply them. */
  readonly delivered: boolean;
}

/**
 * `{nodeUrl}/exchange/v1/…` served by the Forge web trigger, as hosts/node/node-routes.ts serves it:
 * info, handshake, and signed messages, each checked by core (signature, audience, expiry, replay)
 * before anything is read or changed. Nothing here trusts the caller.
 */
export async function answerExchangeRequest(context: NodeContext, raw: unknown): Promise<ExchangeOutcome> {
  try {
    const request = webTriggerRequestSchema.safeParse(raw);
    if (!request.success) return refused(new ExalateError('invalid_request', 'This is not a web trigger request.'));
    const route = exchangeRoute(request.data);
    if (route === undefined)
      return refused(new ExalateError('not_found', `There is no ${request.data.method} ${request.data.userPath ?? request.data.path ?? '/'} on this node.`));
    const method = request.data.method.toUpperCase();
    const body = request.data.body ?? '';
    if (method === 'GET' && route === '/info') return answered(200, await describeNode(context, context.settings.nodeUrl ?? ''));
    if (method === 'POST' && route === '/handshake') {
      const handshake = readJsonBody(body, handshakeRequestSchema);
      if (!handshake.ok) return refused(handshake.error);
      const answer = await answerHandshake(context, handshake.value);
      return answer.ok ? answered(200, answer.value) : refused(answer.error);
    }
    const connectionId = messagesPath.exec(route)?.[1];
    if (method === 'POST' && connectionId !== undefined) {
      const token = headerValue(request.data.headers, signatureHeader);
      let delivered = false;
      const answer = await receivePeerMessage(context, decodeURIComponent(connectionId), token, body, (text) => {
        const message = readJsonBody(text, peerMessageSchema);
        delivered = message.ok && message.value.type === 'deliver';
        return message.ok ? ok(answerPollAtOnce(message.value)) : message;
      });
      return answer.ok ? { response: jsonAnswer(200, answer.value), delivered } : refused(answer.error);
    }
    return refused(new ExalateError('not_found', `There is no ${method} ${exchangeBasePath}${route} on this node.`));
  } catch (error) {
    return refused(toExalateError(error, context.logger));
  }
}

/** The part after `/exchange/v1`, wherever Forge put the caller's path. */
function exchangeRoute(request: WebTriggerRequest): string | undefined {
  for (const candidate of [request.userPath, request.path]) {
    if (candidate === undefined) continue;
    const at = candidate.indexOf(exchangeBasePath);
    if (at >= 0) return candidate.slice(at + exchangeBasePath.length).replace(/\/+$/, '') || '/';
  }
  return undefined;
}

function answerPollAtOnce(message: PeerMessage): PeerMessage {
  return message.type === 'poll' ? { ...message, waitMs: heldPollMs } : message;
}

function answered(statusCode: number, body: unknown): ExchangeOutcome {
  return { response: jsonAnswer(statusCode, body), delivered: false };
}

function refused(error: ExalateError): ExchangeOutcome {
  return { response: errorResponse(error), delivered: false };
}

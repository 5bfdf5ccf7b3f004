import { z } from 'zod';
import { connectionModes, connectionStatuses } from '../connection/connection';
import { trackerKinds } from '../trackers';
import { envelopeSchema } from '../sync/sync-records';

/**
 * The node-to-node protocol, version 1, served under `{nodeUrl}/exchange/v1`. Peers are other
 * people's servers, so everything they send is parsed strictly, and what we send is exactly this.
 */
export const exchangeProtocolVersion = 1;
export const exchangeBasePath = '/exchange/v1';

/** `GET /exchange/v1/info`: what a destination tells an initiator before a connection exists. */
export const nodeInfoSchema = z.strictObject({
  product: z.literal('exalate-open'),
  protocol: z.literal(exchangeProtocolVersion),
  nodeId: z.string().min(1).max(100),
  nodeUrl: z.string().url().max(2000),
  tracker: z.enum(trackerKinds),
  trackerVersion: z.string().max(100),
  instanceUrl: z.string().max(2000),
  modes: z.array(z.enum(connectionModes)).max(3),
});
export type NodeInfo = z.infer<typeof nodeInfoSchema>;

/** `POST /exchange/v1/handshake`: the acceptor proves it holds the one-time token and brings its key. */
export const handshakeRequestSchema = z.strictObject({
  connectionId: z.string().min(1).max(100),
  token: z.string().min(32).max(100),
  acceptor: z.strictObject({
    nodeId: z.string().min(1).max(100),
    publicKey: z.string().min(40).max(60),
    tracker: z.enum(trackerKinds),
    /** null when the acceptor is private: the initiator will never call it. */
    nodeUrl: z.string().url().max(2000).nullable(),
    name: z.string().min(1).max(100),
  }),
});
export type HandshakeRequest = z.infer<typeof handshakeRequestSchema>;

export const handshakeResponseSchema = z.strictObject({
  initiatorNodeId: z.string().min(1).max(100),
  /** Signature by the initiator's key over `handshakeProofText(...)`: the answer comes from the node in the code. */
  proof: z.string().min(1).max(200),
});
export type HandshakeResponse = z.infer<typeof handshakeResponseSchema>;

export function handshakeProofText(connectionId: string, acceptorPublicKey: string): string {
  return `exalate-handshake:v1:${connectionId}:${acceptorPublicKey}`;
}

/** At most this many envelopes travel in one message, so one request stays small and quick. */
export const maximumEnvelopesPerMessage = 100;
/** A held poll returns after this long at the latest, well inside proxies' idle timeouts. */
export const maximumPollWaitMs = 25_000;

/** `POST /exchange/v1/connections/{id}/messages`, signed. */
export const peerMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ping') }),
  /** Changes and receipts pushed to a public peer. */
  z.strictObject({ type: z.literal('deliver'), envelopes: z.array(envelopeSchema).max(maximumEnvelopesPerMessage) }),
  /**
   * A private side asking for what waits for it, and confirming what it stored from the last
   * answer. The public side holds the request until there is work or `waitMs` passed.
   */
  z.strictObject({
    type: z.literal('poll'),
    acknowledged: z.array(z.string().max(100)).max(maximumEnvelopesPerMessage),
    waitMs: z.number().int().min(0).max(maximumPollWaitMs),
  }),
]);
export type PeerMessage = z.infer<typeof peerMessageSchema>;

export const peerReplySchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('pong'), connectionStatus: z.enum(connectionStatuses) }),
  /** Ids of the envelopes now stored durably on the receiving side (new ones and repeats). */
  z.strictObject({ type: z.literal('delivered'), ids: z.array(z.string().max(100)).max(maximumEnvelopesPerMessage) }),
  z.strictObject({ type: z.literal('envelopes'), envelopes: z.array(envelopeSchema).max(maximumEnvelopesPerMessage) }),
]);
export type PeerReply = z.infer<typeof peerReplySchema>;

export function messagesOperation(connectionId: string): string {
  return `POST ${exchangeBasePath}/connections/${connectionId}/messages`;
}

/** Error answers between nodes use the same shape as the admin API. */
export const exchangeErrorSchema = z.object({
  error: z.object({ code: z.string().max(100), message: z.string().max(2000) }),
});

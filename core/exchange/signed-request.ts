import { z } from 'zod';
import { decodeBase64Url, decodeText, encodeBase64Url, encodeText } from '../encoding/base64url';
import { parseJson } from '../encoding/json';
import { randomToken, sha256Base64Url } from '../encoding/random';
import type { NodeIdentity } from '../ports/store';
import { signText, verifyText } from './node-keys';

/**
 * Every node-to-node request after the handshake carries a short-lived token in the
 * `Exalate-Signature` header: `v1.<claims>.<signature>`, signed with the sender's Ed25519 key.
 * The claims bind the token to one receiver (audience), one connection, one operation and one
 * body, for about a minute, once (the unique id goes into the receiver's replay cache).
 */
export const signatureHeader = 'exalate-signature';
export const tokenLifetimeMs = 60_000;
/** Two nodes' clocks may disagree by this much and still talk. */
export const allowedClockSkewMs = 5 * 60_000;

const claimsSchema = z.strictObject({
  iss: z.string().min(1),
  aud: z.string().min(1),
  cid: z.string().min(1),
  op: z.string().min(1),
  bh: z.string().min(1),
  iat: z.number().int(),
  exp: z.number().int(),
  jti: z.string().min(16),
});
export type SignedRequestClaims = z.infer<typeof claimsSchema>;

export interface SignedRequestTarget {
  readonly audienceNodeId: string;
  readonly connectionId: string;
  /** The operation, e.g. `POST /connections/{id}/messages`: a token for one operation fits no other. */
  readonly operation: string;
  readonly body: string;
}

export async function createSignedRequestToken(identity: NodeIdentity, target: SignedRequestTarget, now: number): Promise<string> {
  const claims: SignedRequestClaims = {
    iss: identity.nodeId,
    aud: target.audienceNodeId,
    cid: target.connectionId,
    op: target.operation,
    bh: await sha256Base64Url(target.body),
    iat: now,
    exp: now + tokenLifetimeMs,
    jti: randomToken(18),
  };
  const encodedClaims = `v1.${encodeBase64Url(encodeText(JSON.stringify(claims)))}`;
  return `${encodedClaims}.${await signText(identity, encodedClaims)}`;
}

export type SignedRequestRejection =
  | 'missing'
  | 'malformed'
  | 'unknown_connection'
  | 'wrong_audience'
  | 'wrong_operation'
  | 'body_mismatch'
  | 'bad_signature'
  | 'expired'
  | 'not_yet_valid'
  | 'replayed';

/** What can be checked of a signed request from its header alone, before its body is read. */
export interface SignedRequestHeaderCheck {
  readonly token: string | undefined;
  readonly ownNodeId: string;
  readonly operation: string;
  readonly now: number;
  /** The peer's public key and node id for a connection id, or undefined when unknown. */
  findPeer(connectionId: string): Promise<{ readonly nodeId: string; readonly publicKey: string } | undefined>;
}

export interface SignedRequestCheck extends SignedRequestHeaderCheck {
  readonly body: string;
  /** Records the unique id until it expires; false when it was seen before. */
  rememberRequestId(requestId: string, expiresAt: number): Promise<boolean>;
}

export type SignedRequestVerdict = { ok: true; claims: SignedRequestClaims } | { ok: false; reason: SignedRequestRejection };

/**
 * Everything but the body hash and the replay cache: the token's shape, the peer, the signature,
 * audience, operation and validity. A receiver runs it as soon as the headers are in, so a request
 * that can never pass is refused before its body is read into memory.
 */
export async function verifySignedRequestHeader(check: SignedRequestHeaderCheck): Promise<SignedRequestVerdict> {
  if (!check.token) return { ok: false, reason: 'missing' };
  const parts = check.token.split('.');
  if (parts.length !== 3 || parts[0] !== 'v1' || !parts[1] || !parts[2]) return { ok: false, reason: 'malformed' };
  const claimBytes = decodeBase64Url(parts[1]);
  if (!claimBytes) return { ok: false, reason: 'malformed' };
  let claimText: string;
  try {
    claimText = decodeText(claimBytes);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const parsed = parseJson(claimText, claimsSchema);
  if (!parsed.ok) return { ok: false, reason: 'malformed' };
  const claims = parsed.value;

  const peer = await check.findPeer(claims.cid);
  if (!peer || peer.nodeId !== claims.iss) return { ok: false, reason: 'unknown_connection' };
  // The signature is checked before anything the sender could use to probe (audience, clock).
  if (!(await verifyText(peer.publicKey, `v1.${parts[1]}`, parts[2]))) return { ok: false, reason: 'bad_signature' };
  if (claims.aud !== check.ownNodeId) return { ok: false, reason: 'wrong_audience' };
  if (claims.op !== check.operation) return { ok: false, reason: 'wrong_operation' };
  if (claims.exp - claims.iat > tokenLifetimeMs) return { ok: false, reason: 'malformed' };
  if (claims.exp + allowedClockSkewMs < check.now) return { ok: false, reason: 'expired' };
  if (claims.iat - allowedClockSkewMs > check.now) return { ok: false, reason: 'not_yet_valid' };
  return { ok: true, claims };
}

export async function verifySignedRequest(check: SignedRequestCheck): Promise<SignedRequestVerdict> {
  const header = await verifySignedRequestHeader(check);
  if (!header.ok) return header;
  const { claims } = header;
  if ((await sha256Base64Url(check.body)) !== claims.bh) return { ok: false, reason: 'body_mismatch' };
  // Last, so that a rejected token does not use up its id.
  if (!(await check.rememberRequestId(`${claims.iss}:${claims.jti}`, claims.exp + allowedClockSkewMs))) return { ok: false, reason: 'replayed' };
  return { ok: true, claims };
}

import { z } from 'zod';
import { connectionModes } from '../connection/connection';
import { trackerKinds } from '../trackers';

/**
 * What an invitation code carries: what the acceptor must see before accepting, and what its
 * node needs to reach the initiator. The acceptance token is one-time; the long-term trust is the
 * pair of node keys exchanged in the handshake, which never appears in a code.
 */
export const invitationPayloadSchema = z.strictObject({
  connectionId: z.string().min(1).max(100),
  /** One-time acceptance token; the initiator keeps only its hash. */
  token: z.string().min(32).max(100),
  initiator: z.strictObject({
    nodeId: z.string().min(1).max(100),
    /** Where the acceptor's node reaches the initiator's node. */
    nodeUrl: z.string().url().max(2000),
    /** Ed25519 public key of the initiator's node, so the handshake answer can be verified. */
    publicKey: z.string().min(1).max(100),
    tracker: z.enum(trackerKinds),
    trackerVersion: z.string().max(100),
    instanceUrl: z.string().max(2000),
    name: z.string().min(1).max(100),
  }),
  /** The short name the initiator gave the destination. */
  destinationName: z.string().min(1).max(100),
  /** False when the initiator chose "I don't have a URL": the acceptor starts every request. */
  destinationIsPublic: z.boolean(),
  connectionName: z.string().min(1).max(200),
  description: z.string().max(2000),
  mode: z.enum(connectionModes),
  /** Milliseconds since the epoch. */
  expiresAt: z.number().int().positive(),
});

export type InvitationPayload = z.infer<typeof invitationPayloadSchema>;

/** What the Accept Invitation wizard shows before the admin commits to anything. */
export interface InvitationPreview {
  readonly connectionId: string;
  readonly inviterName: string;
  readonly destinationName: string;
  readonly tracker: InvitationPayload['initiator']['tracker'];
  readonly instanceUrl: string;
  readonly mode: InvitationPayload['mode'];
  readonly connectionName: string;
  readonly description: string;
  readonly expiresAt: number;
}

export function previewInvitation(payload: InvitationPayload): InvitationPreview {
  return {
    connectionId: payload.connectionId,
    inviterName: payload.initiator.name,
    destinationName: payload.destinationName,
    tracker: payload.initiator.tracker,
    instanceUrl: payload.initiator.instanceUrl,
    mode: payload.mode,
    connectionName: payload.connectionName,
    description: payload.description,
    expiresAt: payload.expiresAt,
  };
}

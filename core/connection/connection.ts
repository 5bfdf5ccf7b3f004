import { z } from 'zod';
import { trackerKinds } from '../trackers';

export const connectionModes = ['basic', 'visual', 'script'] as const;
export type ConnectionMode = (typeof connectionModes)[number];

export const connectionStatuses = ['pending', 'active', 'deactivated', 'error', 'deleted'] as const;
export type ConnectionStatus = (typeof connectionStatuses)[number];

/** Shown instead of a URL when the other side is in a private network (the seeds' wording). */
export const unknownDestination = 'unknown';

const peerSchema = z.strictObject({
  nodeId: z.string().min(1),
  /** Ed25519 public key, raw 32 bytes, base64url. Only the peer's public key is ever stored. */
  publicKey: z.string().min(1),
  /** Where this node reaches the peer; null when the peer is private and always calls in. */
  nodeUrl: z.string().nullable(),
  tracker: z.enum(trackerKinds),
});
export type Peer = z.infer<typeof peerSchema>;

export const connectionSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  description: z.string(),
  /** Chosen once at initiation; no operation changes it. */
  mode: z.enum(connectionModes),
  status: z.enum(connectionStatuses),
  /** Why the connection is in Error, in words for the admin. */
  statusReason: z.string().nullable(),
  role: z.enum(['initiator', 'acceptor']),
  localName: z.string().min(1),
  remoteName: z.string().min(1),
  /** Project where items received from the other side are created. */
  projectKey: z.string().min(1),
  /** The other side's Destination Instance URL, or "unknown" for a private side. */
  destination: z.string().min(1),
  remoteTracker: z.union([z.enum(trackerKinds), z.literal(unknownDestination)]),
  /**
   * The other side's tracker base URL (Jira site, Azure DevOps organization, Asana host), where
   * its items are opened: from the invitation code on the acceptor, from the destination's
   * `/exchange/v1/info` on the initiator of a public connection. Absent when neither told it
   * (a private acceptor, or a connection made before it was kept).
   */
  remoteInstanceUrl: z.string().max(2000).nullable().optional(),
  /** Which side starts every request: a private side never receives one. */
  localIsPrivate: z.boolean(),
  peer: peerSchema.nullable(),
  invitationExpiresAt: z.number().int().nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});

export type Connection = z.infer<typeof connectionSchema>;

/** What the admin API shows of a connection: never a key, never a token. */
export interface ConnectionView {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly mode: ConnectionMode;
  readonly status: ConnectionStatus;
  readonly statusReason: string | null;
  readonly role: 'initiator' | 'acceptor';
  readonly localName: string;
  readonly remoteName: string;
  readonly projectKey: string;
  readonly destination: string;
  readonly remoteTracker: Connection['remoteTracker'];
  readonly invitationExpiresAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function viewConnection(connection: Connection): ConnectionView {
  return {
    id: connection.id,
    name: connection.name,
    description: connection.description,
    mode: connection.mode,
    status: connection.status,
    statusReason: connection.statusReason,
    role: connection.role,
    localName: connection.localName,
    remoteName: connection.remoteName,
    projectKey: connection.projectKey,
    destination: connection.destination,
    remoteTracker: connection.remoteTracker,
    invitationExpiresAt: connection.invitationExpiresAt === null ? null : new Date(connection.invitationExpiresAt).toISOString(),
    createdAt: new Date(connection.createdAt).toISOString(),
    updatedAt: new Date(connection.updatedAt).toISOString(),
  };
}

import type { Connection } from '../connection/connection';
import type { SyncStoreV1 } from './sync-store';

/** This node's own signing identity. The private key never leaves the store. */
export interface NodeIdentity {
  readonly nodeId: string;
  /** Ed25519 public key, raw 32 bytes, base64url. */
  readonly publicKey: string;
  /** Ed25519 private key, PKCS#8, base64url. */
  readonly privateKey: string;
  readonly createdAt: number;
}

/**
 * The initiator's record of an invitation. The one-time token is checked against its hash; the
 * code itself is kept only sealed (SecretsV1), so the initiator can show it again while the
 * connection is Pending, and it is dropped once used or once the connection is deleted.
 */
export interface InvitationRecord {
  readonly connectionId: string;
  readonly tokenHash: string;
  readonly expiresAt: number;
  readonly usedAt: number | null;
  /** The invitation code as SecretsV1 sealed it; null once used, deleted, or for codes made before it was kept. */
  readonly sealedCode: string | null;
}

export type InvitationConsumption = 'consumed' | 'already_used' | 'expired' | 'unknown';

/**
 * Durable state of one node. Every implementation (SQLite, PostgreSQL, Forge KVS) passes the
 * same contract suite in test/contract/store.contract.ts.
 */
export interface StoreV1 extends SyncStoreV1 {
  /** Stores the identity unless one exists; returns the one that is kept. */
  ensureNodeIdentity(candidate: NodeIdentity): Promise<NodeIdentity>;
  getSetting(key: string): Promise<string | undefined>;
  putSetting(key: string, value: string): Promise<void>;
  /** Forgets a setting; nothing happens when there is none. */
  deleteSetting(key: string): Promise<void>;

  insertConnection(connection: Connection): Promise<void>;
  /**
   * Stores the connection unless one with its id is stored and not deleted (a deleted one is
   * replaced). Returns whether this call stored it, atomically: of concurrent calls with one id,
   * exactly one gets true. This is how parallel accepts of one invitation code end with one winner.
   */
  insertConnectionUnlessLive(connection: Connection): Promise<boolean>;
  /** Replaces the stored connection with the same id; throws not_found if there is none. */
  updateConnection(connection: Connection): Promise<void>;
  getConnection(id: string): Promise<Connection | undefined>;
  listConnections(): Promise<readonly Connection[]>;

  insertInvitation(invitation: InvitationRecord): Promise<void>;
  getInvitation(connectionId: string): Promise<InvitationRecord | undefined>;
  /**
   * Marks the invitation used, atomically: of two concurrent calls only one sees 'consumed'.
   * A consumed invitation's sealed code is dropped in the same step.
   */
  consumeInvitation(connectionId: string, tokenHash: string, now: number): Promise<InvitationConsumption>;
  /** Drops the sealed code of an invitation (its connection is deleted); the token hash stays. */
  discardInvitationCode(connectionId: string): Promise<void>;

  /**
   * Remembers a signed request's unique id until it expires. Returns false when the id was
   * already seen, which is how a replayed request is caught.
   */
  rememberRequestId(requestId: string, expiresAt: number, now: number): Promise<boolean>;

  /** Runs `work` so that all its writes land together or not at all. */
  transaction<T>(work: (store: StoreV1) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

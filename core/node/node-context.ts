import type { ConnectionMode } from '../connection/connection';
import type { TrackerConnectionV1 } from '../admin/tracker-connection';
import type { ClockV1 } from '../ports/clock';
import type { LoggerV1 } from '../ports/logger';
import type { SecretsV1 } from '../ports/secrets';
import type { NodeIdentity, StoreV1 } from '../ports/store';
import type { TrackerV1 } from '../ports/tracker';
import type { TrackerBatchCapability } from '../ports/tracker-batch';
import type { TrackerItemOperations } from '../ports/tracker-item';
import type { ScriptSandboxV1 } from '../rules/script-sandbox';
import type { SyncSignals } from '../sync/sync-signals';
import type { TransportV1 } from '../ports/transport';

export const defaultInvitationLifetimeMs = 72 * 3600_000;

/** The modes this node can run, public or private. */
export const supportedModes: readonly ConnectionMode[] = ['basic', 'visual', 'script'];

export interface NodeSettings {
  /**
   * This node's public URL: what the other side's admin types as Destination Instance URL.
   * null for a private node, which never receives a request and starts every exchange itself.
   */
  readonly nodeUrl: string | null;
  readonly invitationLifetimeMs: number;
  /**
   * Production refuses destinations on loopback, link-local and private addresses, so an admin
   * form cannot be used to probe the node's own network. The local sandbox allows them.
   */
  readonly allowPrivateDestinations: boolean;
  /**
   * Pending connections (initiated, neither accepted nor expired) this node keeps at most
   * (default defaultMaximumPendingConnections); initiating beyond it is refused.
   */
  readonly maximumPendingConnections?: number;
  /**
   * The largest peer message this node sends, in UTF-8 bytes (default maximumMessageBytes). A
   * host whose platform carries less (Forge: 5 MB per invocation) sets it lower; attachments too
   * big for one such message are reported as item errors instead of failing in the platform.
   */
  readonly maximumMessageBytes?: number;
  /**
   * Attachment content one connection's peer may leave waiting for the changes that name it, in
   * bytes (default defaultAttachmentContentLimitBytes); content beyond it is refused.
   */
  readonly attachmentContentLimitBytes?: number;
}

/** Everything core needs from its host, injected: core holds no module-level state. */
export interface NodeCapabilities {
  readonly store: StoreV1;
  readonly tracker: TrackerV1 & TrackerItemOperations & TrackerBatchCapability;
  /** Where the admins' scripts run: isolated, time- and memory-limited. */
  readonly scripts: ScriptSandboxV1;
  readonly transport: TransportV1;
  readonly clock: ClockV1;
  readonly logger: LoggerV1;
  readonly secrets: SecretsV1;
  /**
   * Connecting the tracker from the console (Jira Server/DC token, Asana OAuth), where the host
   * offers it; without it the tracker is the one the host was given.
   */
  readonly trackerConnection?: TrackerConnectionV1;
}

export interface NodeContext extends NodeCapabilities {
  readonly settings: NodeSettings;
  readonly identity: NodeIdentity;
  /** Wake-ups within this node process (held polls, the worker). */
  readonly signals: SyncSignals;
}

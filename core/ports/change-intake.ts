import type { Result } from '../result';
import type { ClockV1 } from './clock';
import type { LoggerV1 } from './logger';
import type { SecretsV1 } from './secrets';
import type { StoreV1 } from './store';
import type { TrackerV1 } from './tracker';
import type { TrackerItemOperations } from './tracker-item';

/**
 * One delivery of a tracker's change events (a webhook call, a service hook call) as the host
 * received it. Nothing in it is trusted until the tracker's intake has checked its signature.
 */
export interface ChangeDelivery {
  /** Header names in any case; a repeated header as an array. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The body exactly as received: signatures are over these bytes, not over re-serialised JSON. */
  readonly rawBody: string | Uint8Array;
  /** The query of the URL it came to (an Asana webhook's target names its registration there). */
  readonly query?: Readonly<Record<string, string | undefined>>;
  /** The address it came from, for the log only. */
  readonly sender?: string;
}

/**
 * What a checked delivery comes to: the items it names, or a handshake to answer (Asana's `X-Hook-Secret`).
 * `updatedTimes`: an item's last-changed time after the change, as the tracker sent it in the
 * delivery (Jira's `issue.fields.updated`, Azure DevOps' `System.ChangedDate`, Asana's event
 * `created_at`), for the items whose delivery carries one. The node then tells the event of its
 * own write without asking the tracker. For an event the adapter knows as exactly its own write
 * though the write's answer gave no time (Jira, by the changelog), the time is the one the adapter
 * gave the item as written (`updateItemReturningItem`), which the engine kept for that write.
 */
export type ChangeDeliveryAnswer =
  | { readonly kind: 'changes'; readonly itemKeys: readonly string[]; readonly updatedTimes?: ReadonlyMap<string, string> }
  | { readonly kind: 'handshake'; readonly responseHeaders: Readonly<Record<string, string>> };

/**
 * The secret a node hands the trackers that sign deliveries with a secret of the node's choosing
 * (Jira's webhook secret, an Azure DevOps service hook's password), kept sealed by the host.
 */
export interface HookSecretV1 {
  /** The secret to register with: the kept one, made and kept first if there is none. */
  forRegistration(): Promise<string>;
  /** The secret deliveries must carry, or the refusal to answer when the node never registered one. */
  forDelivery(): Promise<Result<string>>;
}

/** What a change intake is given by its host. */
export interface ChangeIntakeContext {
  readonly store: StoreV1;
  readonly secrets: SecretsV1;
  readonly clock: ClockV1;
  readonly logger: LoggerV1;
  readonly hookSecret: HookSecretV1;
  /**
   * Runs `work` with the adapter signed in now (the credentials may change while the node runs),
   * renewing them once on a 401 as every other tracker call does.
   */
  withTracker<T>(work: (tracker: TrackerV1 & TrackerItemOperations) => Promise<T>): Promise<T>;
}

/**
 * How a tracker tells the node that items changed, beside the Tracker port: subscribing a callback
 * URL to its change events, and reading what arrives there. Each tracker implements it in its own
 * folder (`hosts/<tracker>/change-intake.ts`); the host routes deliveries to it and never needs to
 * know the tracker's signatures, secrets or handshakes. A breaking change adds ChangeIntakeV2.
 */
export interface ChangeIntakeV1 {
  readonly version: 1;
  /** Subscribes `callbackUrl` to the tracker's change events. Throws when the tracker refuses. */
  register(callbackUrl: string): Promise<void>;
  /**
   * False when what an earlier registration left behind can no longer be used (Asana: the
   * webhooks' own secrets), so registering again is due even for the same callback URL.
   */
  keepsRegistration(): Promise<boolean>;
  /**
   * Checks a delivery's origin and reads it: the items it names, a handshake to answer, or a
   * refusal (`unauthorized` for a forgery, `forbidden` for an unexpected handshake,
   * `invalid_request` for a body the tracker would not send).
   */
  receive(delivery: ChangeDelivery): Promise<Result<ChangeDeliveryAnswer>>;
}

/** How a host makes a tracker's intake. */
export type CreateChangeIntake = (context: ChangeIntakeContext) => ChangeIntakeV1;

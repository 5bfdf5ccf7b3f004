import { ExalateError, ok, type ChangeDelivery, type ChangeIntakeContext, type ChangeIntakeV1, type Result, type TrackerV1 } from '../../core';

/** A tracker adapter's class, to tell whether the adapter serving the node is one. */
export type AdapterClass<Adapter> = abstract new (...parameters: never[]) => Adapter;

/**
 * The signed-in adapter as the tracker's own class, for its change-hook calls (which the Tracker
 * port does not have). A node served by a fake adapter has none: the reconciler finds its changes.
 */
export function ownAdapter<Adapter>(tracker: TrackerV1, adapterClass: AdapterClass<Adapter>, trackerName: string): Adapter {
  if (tracker instanceof adapterClass) return tracker;
  throw new ExalateError('invalid_request', `${trackerName} here has no change hooks; the reconciler finds changes instead.`);
}

/** What a tracker whose deliveries carry the node's hook secret adds to the intake below. */
export interface HookSecretTracker<Adapter> {
  readonly name: string;
  readonly adapter: AdapterClass<Adapter>;
  /** Subscribes `callbackUrl`, giving the tracker `secret` to send with every delivery. */
  subscribe(adapter: Adapter, callbackUrl: string, secret: string): Promise<unknown>;
  /** Checks a delivery against `secret` and names the items it is about, with their times after the change when it carries them. */
  read(delivery: ChangeDelivery, secret: string): Result<DeliveredChanges>;
  /**
   * The times to report instead for items whose event is an edit the signed-in adapter made itself
   * and can tell by what the delivery says changed (Jira's changelog): see JiraOwnEdits.
   */
  ownEditTimes?(adapter: Adapter, changes: DeliveredChanges): ReadonlyMap<string, string>;
}

/** What one delivery says: the items, their times after the change, and what changed, where it tells. */
export interface DeliveredChanges {
  readonly itemKeys: readonly string[];
  readonly updatedTimes?: ReadonlyMap<string, string>;
  readonly changed?: ReadonlyMap<string, readonly { readonly field: string; readonly to: string | null }[]>;
}

/**
 * The change intake of a tracker that signs or authenticates its deliveries with a secret the node
 * chose and handed over when subscribing (Jira's webhook secret, an Azure DevOps service hook's
 * password): one secret for every subscription, kept by the host, nothing else to remember.
 */
export function hookSecretChangeIntake<Adapter>(
  context: Pick<ChangeIntakeContext, 'hookSecret' | 'withTracker'>,
  tracker: HookSecretTracker<Adapter>,
): ChangeIntakeV1 {
  return {
    version: 1,
    register: async (callbackUrl) => {
      const secret = await context.hookSecret.forRegistration();
      await context.withTracker((signedIn) => tracker.subscribe(ownAdapter(signedIn, tracker.adapter, tracker.name), callbackUrl, secret));
    },
    // The tracker keeps the subscription across restarts, and the host keeps the secret.
    keepsRegistration: async () => true,
    receive: async (delivery) => {
      const secret = await context.hookSecret.forDelivery();
      if (!secret.ok) return secret;
      const event = tracker.read(delivery, secret.value);
      if (!event.ok) return event;
      const { itemKeys } = event.value;
      const updatedTimes = await withOwnEditTimes(context, tracker, event.value);
      return ok({ kind: 'changes', itemKeys, ...(updatedTimes === undefined ? {} : { updatedTimes }) });
    },
  };
}

/**
 * The delivery's times, with those of the adapter's own edits in their place. Without a signed-in
 * adapter (the tracker's connection is being changed), the delivery's own times stand: the items
 * are then read, as for any edit.
 */
async function withOwnEditTimes<Adapter>(
  context: Pick<ChangeIntakeContext, 'withTracker'>,
  tracker: HookSecretTracker<Adapter>,
  changes: DeliveredChanges,
): Promise<ReadonlyMap<string, string> | undefined> {
  const ownEditTimes = tracker.ownEditTimes;
  if (ownEditTimes === undefined || changes.changed === undefined || changes.changed.size === 0) return changes.updatedTimes;
  const own = await context
    .withTracker(async (signedIn) => ownEditTimes(ownAdapter(signedIn, tracker.adapter, tracker.name), changes))
    .catch(() => new Map<string, string>());
  return own.size === 0 ? changes.updatedTimes : new Map([...(changes.updatedTimes ?? []), ...own]);
}

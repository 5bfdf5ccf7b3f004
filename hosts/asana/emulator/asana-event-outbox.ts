import { createHmac } from 'node:crypto';
import type { HookDeliveries } from '../../emulator-kit';
import type { AsanaEmulatorState } from './asana-emulator-state';
import type { AsanaWebhookRecord } from './asana-records';

export interface AsanaResourceReference {
  readonly gid: string;
  readonly resource_type: string;
  readonly resource_subtype?: string;
}

export interface AsanaChange {
  readonly action: 'added' | 'changed' | 'removed' | 'deleted' | 'undeleted';
  readonly resource: AsanaResourceReference;
  readonly parent: AsanaResourceReference | null;
  readonly field?: string;
  /**
   * When the change happened: the `modified_at` it gave the task. Asana stamps the events of one
   * write with the instant of that write, so the event's `created_at` is this same instant.
   */
  readonly at: string;
  /** Every gid a subscriber may have asked about: the resource, its task, projects and workspace. */
  readonly concerns: readonly string[];
}

/**
 * Every change becomes one event (EventResponse of asana.yaml): kept for the Events API and sent
 * at once to each webhook whose resource it concerns and whose filters let it through (the events
 * of one request in one delivery), signed with `X-Hook-Signature`: the hex HMAC-SHA256 of the body
 * under the webhook's secret (developers.asana.com/docs/webhooks-guide, "Security").
 */
export class AsanaEventOutbox {
  readonly #state: AsanaEmulatorState;
  readonly #deliveries: HookDeliveries;

  constructor(state: AsanaEmulatorState, deliveries: HookDeliveries) {
    this.#state = state;
    this.#deliveries = deliveries;
  }

  record(change: AsanaChange): void {
    this.recordTogether([change]);
  }

  /**
   * The changes one request made (a PUT of several fields): each its own event, and one delivery
   * per webhook carrying those it takes, as Asana batches the events of a moment into one call.
   */
  recordTogether(changes: readonly AsanaChange[]): void {
    const events = changes.map((change) => ({ change, body: this.#eventBody(change) }));
    for (const { change, body } of events) this.#state.appendEvent(change.concerns, body);
    for (const webhook of this.#state.list('webhooks')) {
      const taken = events.filter(({ change }) => change.concerns.includes(webhook.resourceGid) && passesFilters(webhook, change));
      if (taken.length > 0) this.deliver(webhook, JSON.stringify({ events: taken.map(({ body }) => body) }));
    }
  }

  #eventBody(change: AsanaChange): Record<string, unknown> {
    return {
      user: { gid: this.#state.user.gid, resource_type: 'user' },
      created_at: change.at,
      action: change.action,
      resource: change.resource,
      parent: change.parent,
      type: change.resource.resource_type,
      ...(change.field === undefined ? {} : { change: { field: change.field, action: 'changed' } }),
    };
  }

  deliver(webhook: AsanaWebhookRecord, payload: string): void {
    const signature = createHmac('sha256', webhook.secret).update(payload, 'utf8').digest('hex');
    this.#deliveries.deliver(webhook.target, { headers: { 'Content-Type': 'application/json', 'X-Hook-Signature': signature }, body: payload });
  }
}

/** A webhook with filters gets an event when any filter matches it in every property the filter sets. */
function passesFilters(webhook: AsanaWebhookRecord, change: AsanaChange): boolean {
  if (webhook.filters.length === 0) return true;
  return webhook.filters.some(
    (filter) =>
      (filter.resource_type === undefined || filter.resource_type === change.resource.resource_type) &&
      (filter.resource_subtype === undefined || filter.resource_subtype === change.resource.resource_subtype) &&
      (filter.action === undefined || filter.action === change.action) &&
      (filter.fields === undefined || (change.field !== undefined && filter.fields.includes(change.field))),
  );
}

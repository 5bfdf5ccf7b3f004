import { randomUUID } from 'node:crypto';
import type { HookDeliveries } from '../../emulator-kit';
import type { AzureDevOpsEmulatorState } from './azure-devops-emulator-state';
import type { FieldChange } from './apply-work-item-patch';
import { identityFields, type WorkItemRecord } from './work-item-records';
import { identityReference, representWorkItem, workItemUrl } from './work-item-representation';

export type WorkItemEventType = 'workitem.created' | 'workitem.updated' | 'workitem.commented';

/** Notifications kept for `GET _apis/hooks/subscriptions/{id}/notifications` (the service keeps a few weeks). */
const keptNotifications = 200;

export interface WorkItemEvent {
  readonly eventType: WorkItemEventType;
  readonly record: WorkItemRecord;
  /** For `workitem.updated`: the fields that changed. */
  readonly changes?: Readonly<Record<string, FieldChange>>;
  /** For `workitem.commented`: the comment's text, which the payload carries as System.History. */
  readonly commentText?: string;
}

/**
 * Service hooks of the `tfs` publisher to `webHooks` consumers: on every work item event, POSTs the
 * Event (serviceHooks 7.1 `definitions.Event`) to each matching subscription's URL, with the basic
 * auth credentials the subscription was created with ("Web Hooks" consumer, `httpRequest` action).
 */
export class ServiceHookOutbox {
  readonly #state: AzureDevOpsEmulatorState;
  readonly #deliveries: HookDeliveries;
  readonly #notifications: Record<string, unknown>[] = [];

  constructor(state: AzureDevOpsEmulatorState, deliveries: HookDeliveries) {
    this.#state = state;
    this.#deliveries = deliveries;
  }

  notificationsOf(subscriptionId: string): readonly Record<string, unknown>[] {
    return this.#notifications.filter((notification) => notification['subscriptionId'] === subscriptionId);
  }

  publish(organizationUrl: string, event: WorkItemEvent): void {
    const state = this.#state;
    const project = state.findProject(String(event.record.fields['System.TeamProject'] ?? ''));
    for (const subscription of state.subscriptions) {
      if (subscription.eventType !== event.eventType) continue;
      const projectFilter = subscription.publisherInputs['projectId'];
      if (projectFilter !== undefined && projectFilter !== '' && projectFilter !== project?.id) continue;

      const notificationId = subscription.notificationCount + 1;
      state.saveSubscription({ ...subscription, notificationCount: notificationId });
      const now = state.now();
      const text = `${String(event.record.fields['System.WorkItemType'] ?? 'Work item')} #${event.record.id} (${String(event.record.fields['System.Title'] ?? '')}) ${event.eventType.split('.')[1] ?? 'changed'}`;
      const payload = {
        subscriptionId: subscription.id,
        notificationId,
        id: randomUUID(),
        eventType: event.eventType,
        publisherId: 'tfs',
        message: { text, html: text, markdown: text },
        detailedMessage: { text, html: text, markdown: text },
        resource: this.#resourceOf(organizationUrl, event),
        resourceVersion: subscription.resourceVersion,
        resourceContainers: {
          collection: { id: state.instanceId, baseUrl: `${organizationUrl}/` },
          account: { id: state.deploymentId, baseUrl: `${organizationUrl}/` },
          project: { id: project?.id ?? state.instanceId, baseUrl: `${organizationUrl}/` },
        },
        createdDate: now,
      };
      const body = JSON.stringify(payload);
      this.#deliveries.deliver(subscription.consumerInputs['url'] ?? '', { headers: deliveryHeaders(subscription.consumerInputs), body });
      this.#notifications.push({
        id: notificationId,
        subscriptionId: subscription.id,
        eventId: payload.id,
        eventType: event.eventType,
        status: 'completed',
        result: 'succeeded',
        createdDate: now,
        modifiedDate: now,
        details: {
          event: payload,
          publisherId: 'tfs',
          consumerId: 'webHooks',
          consumerActionId: 'httpRequest',
          consumerInputs: maskSecrets(subscription.consumerInputs),
          request: body,
        },
      });
      if (this.#notifications.length > keptNotifications) this.#notifications.shift();
    }
  }

  #resourceOf(organizationUrl: string, event: WorkItemEvent): Record<string, unknown> {
    const state = this.#state;
    const workItem = representWorkItem(state, organizationUrl, event.record, 'all');
    if (event.eventType === 'workitem.created') return workItem;
    if (event.eventType === 'workitem.commented') {
      return { ...workItem, fields: { ...(workItem['fields'] as Record<string, unknown>), 'System.History': event.commentText ?? '' } };
    }
    // workitem.updated (resourceVersion 1.0): a WorkItemUpdate with the changed fields and the revision.
    const url = workItemUrl(state, organizationUrl, event.record);
    const changedBy = String(event.record.fields['System.ChangedBy'] ?? '');
    const fields: Record<string, unknown> = {};
    for (const [name, change] of Object.entries(event.changes ?? {})) {
      const render = (value: unknown): unknown =>
        identityFields.has(name) && typeof value === 'string' ? identityReference(state, organizationUrl, value) : value;
      fields[name] = {
        ...(change.oldValue === undefined ? {} : { oldValue: render(change.oldValue) }),
        ...(change.newValue === undefined ? {} : { newValue: render(change.newValue) }),
      };
    }
    return {
      id: event.record.rev,
      workItemId: event.record.id,
      rev: event.record.rev,
      revisedBy: identityReference(state, organizationUrl, changedBy),
      revisedDate: '9999-01-01T00:00:00Z',
      fields,
      _links: { self: { href: `${url}/updates/${event.record.rev}` }, parent: { href: url } },
      url: `${url}/updates/${event.record.rev}`,
      revision: { ...workItem, url: `${url}/revisions/${event.record.rev}` },
    };
  }
}

/** `basicAuthUsername`/`basicAuthPassword` become an Authorization header; `httpHeaders` are "Name:Value" lines. */
function deliveryHeaders(inputs: Readonly<Record<string, string>>): Record<string, string> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8' };
  for (const line of (inputs['httpHeaders'] ?? '').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  const username = inputs['basicAuthUsername'] ?? '';
  const password = inputs['basicAuthPassword'] ?? '';
  if (username !== '' || password !== '') headers['Authorization'] = `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
  return headers;
}

/** The service never shows a stored password back; it answers "********". */
export function maskSecrets(inputs: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(inputs).map(([name, value]) => [name, name === 'basicAuthPassword' && value !== '' ? '********' : value]));
}

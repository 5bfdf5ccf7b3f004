import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { readQueryParameter } from '../../emulator-kit';
import type { AzureDevOpsEmulatorState } from './azure-devops-emulator-state';
import { failure } from './emulator-failure';
import type { AzureDevOpsRequestKit, OrganizationRequest } from './request-kit';
import { maskSecrets, type ServiceHookOutbox } from './service-hook-outbox';
import type { SubscriptionRecord } from './work-item-records';
import { identityReference } from './work-item-representation';
import { findCollectionGroup, representGroup, representUser, type MembershipQuery } from './collection-groups';

type SubscriptionRequest = FastifyRequest<{ Params: { organization: string; subscriptionId: string } }>;

const releasedResource = { released: { major: 7, minor: 1 } };
/** Work item events of the `tfs` publisher a `webHooks` subscription may ask for. */
const workItemEventTypes = ['workitem.created', 'workitem.updated', 'workitem.commented', 'workitem.deleted', 'workitem.restored'];

const subscriptionSchema = z.looseObject({
  publisherId: z.string(),
  eventType: z.string(),
  resourceVersion: z.string().nullish(),
  consumerId: z.string(),
  consumerActionId: z.string(),
  publisherInputs: z.record(z.string(), z.string()).nullish(),
  consumerInputs: z.record(z.string(), z.string()),
});

const membershipQueries: readonly MembershipQuery[] = ['none', 'direct', 'expanded', 'expandedup', 'expandeddown'];
const isMembershipQuery = (value: string): value is MembershipQuery => (membershipQueries as readonly string[]).includes(value);

/**
 * Identities (read by email, as `GET _apis/identities?searchFilter=General&filterValue=` does; on
 * Azure DevOps Services that resource lives on vssps.dev.azure.com; by storage key with
 * `identityIds`; the collection groups by name, with their members and a user's groups as
 * `queryMembership` asks, see collection-groups.ts) and service hook subscriptions
 * (serviceHooks 7.1) with the notifications sent for them.
 */
export function registerIdentityAndHookRoutes(
  instance: FastifyInstance,
  state: AzureDevOpsEmulatorState,
  kit: AzureDevOpsRequestKit,
  outbox: ServiceHookOutbox,
): void {
  const onRequest = [...kit.onRequest];

  instance.get('/:organization/_apis/identities', { onRequest }, async (untypedRequest: FastifyRequest, reply: FastifyReply) => {
    const request = untypedRequest as OrganizationRequest;
    const contentType = kit.negotiate(request, reply, releasedResource);
    if (contentType === undefined) return reply;
    const membership = (readQueryParameter(request, 'queryMembership') ?? 'None').toLowerCase();
    if (!isMembershipQuery(membership))
      return kit.send(reply, failure(400, 'ArgumentException', 'queryMembership is one of None, Direct, Expanded, ExpandedUp, ExpandedDown.'));
    // By storage keys: one answer per id asked, in order, null for an id the organization does not know.
    const identityIds = readQueryParameter(request, 'identityIds');
    if (identityIds !== undefined) {
      const value = identityIds
        .split(',')
        .map((id) => id.trim().toLowerCase())
        .filter((id) => id !== '')
        .map((id) => {
          const user = state.findUserById(id);
          return user === undefined ? null : representUser(state, user, membership);
        });
      return reply.type(contentType).send({ count: value.length, value });
    }
    const searchFilter = (readQueryParameter(request, 'searchFilter') ?? '').toLowerCase();
    const filterValue = (readQueryParameter(request, 'filterValue') ?? '').trim().toLowerCase();
    if (!['general', 'mailaddress', 'accountname', 'displayname'].includes(searchFilter) || filterValue === '') {
      return kit.send(
        reply,
        failure(
          400,
          'VssServiceException',
          'Identities are searched with searchFilter (General, MailAddress, AccountName, DisplayName) and a filterValue, or read with identityIds.',
        ),
      );
    }
    const group = searchFilter === 'general' ? findCollectionGroup(state, filterValue) : undefined;
    if (group !== undefined) return reply.type(contentType).send({ count: 1, value: [representGroup(state, group, membership)] });
    const matching = state.users.filter((user) =>
      searchFilter === 'displayname'
        ? user.displayName.toLowerCase() === filterValue
        : user.email.toLowerCase() === filterValue || (searchFilter === 'general' && user.displayName.toLowerCase() === filterValue),
    );
    const value = matching.map((user) => representUser(state, user, membership));
    return reply.type(contentType).send({ count: value.length, value });
  });

  const representSubscription = (request: FastifyRequest, subscription: SubscriptionRecord): Record<string, unknown> => {
    const organizationUrl = kit.organizationUrl(request);
    const owner = identityReference(state, organizationUrl, state.findUserById(subscription.createdBy)?.email ?? state.account.email);
    return {
      id: subscription.id,
      url: `${organizationUrl}/_apis/hooks/subscriptions/${subscription.id}`,
      status: 'enabled',
      publisherId: 'tfs',
      eventType: subscription.eventType,
      subscriber: owner,
      resourceVersion: subscription.resourceVersion,
      eventDescription: 'Any work item',
      consumerId: 'webHooks',
      consumerActionId: 'httpRequest',
      actionDescription: `To host ${new URL(subscription.consumerInputs['url'] ?? 'http://unknown.invalid').host}`,
      createdBy: owner,
      createdDate: subscription.createdDate,
      modifiedBy: owner,
      modifiedDate: subscription.createdDate,
      publisherInputs: { ...subscription.publisherInputs, tfsSubscriptionId: subscription.id },
      consumerInputs: maskSecrets(subscription.consumerInputs),
    };
  };

  instance.post('/:organization/_apis/hooks/subscriptions', { onRequest }, async (untypedRequest: FastifyRequest, reply: FastifyReply) => {
    const request = untypedRequest as OrganizationRequest;
    const contentType = kit.negotiate(request, reply, releasedResource);
    if (contentType === undefined) return reply;
    const parsed = subscriptionSchema.safeParse(request.body);
    if (!parsed.success)
      return kit.send(
        reply,
        failure(400, 'SubscriptionInputException', 'A subscription needs publisherId, eventType, consumerId, consumerActionId and consumerInputs.'),
      );
    const body = parsed.data;
    if (body.publisherId !== 'tfs' || !workItemEventTypes.includes(body.eventType))
      return kit.send(
        reply,
        failure(400, 'SubscriptionInputException', `VS200013: Event type ${body.eventType} of publisher ${body.publisherId} is not supported.`),
      );
    if (body.consumerId !== 'webHooks' || body.consumerActionId !== 'httpRequest')
      return kit.send(
        reply,
        failure(400, 'SubscriptionInputException', `VS200014: Consumer ${body.consumerId} with action ${body.consumerActionId} is not supported.`),
      );
    const url = body.consumerInputs['url'] ?? '';
    if (!/^https?:\/\/[^\s]+$/i.test(url))
      return kit.send(reply, failure(400, 'SubscriptionInputException', 'VS200015: The consumer input "url" must be an absolute HTTP or HTTPS URL.'));
    const projectId = body.publisherInputs?.['projectId'];
    if (projectId !== undefined && projectId !== '' && state.findProject(projectId) === undefined)
      return kit.send(reply, failure(400, 'SubscriptionInputException', `VS200016: Project ${projectId} does not exist.`));
    const subscription: SubscriptionRecord = {
      id: randomUUID(),
      eventType: body.eventType,
      resourceVersion: body.resourceVersion ?? '1.0',
      publisherInputs: body.publisherInputs ?? {},
      consumerInputs: body.consumerInputs,
      createdBy: state.account.id,
      createdDate: state.now(),
      notificationCount: 0,
    };
    state.saveSubscription(subscription);
    return reply.type(contentType).send(representSubscription(request, subscription));
  });

  instance.get('/:organization/_apis/hooks/subscriptions', { onRequest }, async (untypedRequest: FastifyRequest, reply: FastifyReply) => {
    const request = untypedRequest as OrganizationRequest;
    const contentType = kit.negotiate(request, reply, releasedResource);
    if (contentType === undefined) return reply;
    const value = state.subscriptions.map((subscription) => representSubscription(request, subscription));
    return reply.type(contentType).send({ count: value.length, value });
  });

  const findSubscription = (request: SubscriptionRequest, reply: FastifyReply): SubscriptionRecord | undefined => {
    const subscription = state.subscriptions.find((candidate) => candidate.id === request.params.subscriptionId.toLowerCase());
    if (subscription === undefined)
      kit.send(reply, failure(404, 'SubscriptionNotFoundException', `VS200018: Subscription ${request.params.subscriptionId} does not exist.`));
    return subscription;
  };

  instance.get('/:organization/_apis/hooks/subscriptions/:subscriptionId', { onRequest }, async (untypedRequest: FastifyRequest, reply: FastifyReply) => {
    const request = untypedRequest as SubscriptionRequest;
    const contentType = kit.negotiate(request, reply, releasedResource);
    const subscription = contentType === undefined ? undefined : findSubscription(request, reply);
    if (contentType === undefined || subscription === undefined) return reply;
    return reply.type(contentType).send(representSubscription(request, subscription));
  });

  instance.delete('/:organization/_apis/hooks/subscriptions/:subscriptionId', { onRequest }, async (untypedRequest: FastifyRequest, reply: FastifyReply) => {
    const request = untypedRequest as SubscriptionRequest;
    const contentType = kit.negotiate(request, reply, releasedResource);
    const subscription = contentType === undefined ? undefined : findSubscription(request, reply);
    if (contentType === undefined || subscription === undefined) return reply;
    state.removeSubscription(subscription.id);
    return reply.code(204).send();
  });

  instance.get(
    '/:organization/_apis/hooks/subscriptions/:subscriptionId/notifications',
    { onRequest },
    async (untypedRequest: FastifyRequest, reply: FastifyReply) => {
      const request = untypedRequest as SubscriptionRequest;
      const contentType = kit.negotiate(request, reply, releasedResource);
      const subscription = contentType === undefined ? undefined : findSubscription(request, reply);
      if (contentType === undefined || subscription === undefined) return reply;
      const value = outbox.notificationsOf(subscription.id);
      return reply.type(contentType).send({ count: value.length, value });
    },
  );
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { jiraErrorCollection } from './jira-error-collection';
import { parseJql } from './jira-jql';
import { isRecord, type JiraRoutesContext } from './jira-routes-context';
import type { JiraWebhookRecord } from './jira-work-records';

/** Dynamic webhooks "expire after 30 days" unless extended (PUT /rest/api/3/webhook/refresh). */
const dynamicWebhookLifetime = 30 * 24 * 60 * 60 * 1000;
/** The events dynamic webhooks may ask for (WebhookDetails.events in the v3 document). */
const dynamicEvents = new Set([
  'jira:issue_created',
  'jira:issue_updated',
  'jira:issue_deleted',
  'comment_created',
  'comment_updated',
  'comment_deleted',
  'issue_property_set',
  'issue_property_deleted',
]);

/**
 * Webhook registration. Cloud: dynamic webhooks at `/rest/api/3/webhook` (register, list, delete,
 * refresh). Both: admin webhooks at `/rest/webhooks/1.0/webhook` with an optional `secret` (see
 * spec-supplements.ts for where that shape comes from). Real Jira Cloud lets only Connect and
 * OAuth 2.0 apps use dynamic webhooks; the emulator also lets the site's API-token account in.
 */
export function registerJiraWebhookRoutes(instance: FastifyInstance, context: JiraRoutesContext): void {
  const onRequest = context.authenticated;
  const jqlProblem = (jql: string): string | undefined => {
    const parsed = parseJql(jql, {
      timeZone: context.timeZone(),
      projectKeys: context.projects().map((project) => project.key),
      statusName: () => '',
      typeName: () => '',
    });
    return parsed.ok ? undefined : parsed.message;
  };

  if (context.dialect.restVersion === '3') {
    instance.post('/rest/api/3/webhook', { onRequest }, async (request, reply) => {
      const body = isRecord(request.body) ? request.body : {};
      if (typeof body['url'] !== 'string' || !Array.isArray(body['webhooks']))
        return reply.code(400).send(jiraErrorCollection(['url and webhooks are required.']));
      const url = body['url'];
      const results = (body['webhooks'] as unknown[]).map((entry) => {
        const details = isRecord(entry) ? entry : {};
        const events = Array.isArray(details['events']) ? details['events'].filter((event): event is string => typeof event === 'string') : [];
        const jql = typeof details['jqlFilter'] === 'string' ? details['jqlFilter'] : '';
        const problems = [
          ...events.filter((event) => !dynamicEvents.has(event)).map((event) => `The event ${event} is not supported.`),
          ...(events.length === 0 ? ['At least one event is required.'] : []),
        ];
        const jqlError = jqlProblem(jql);
        if (jqlError !== undefined) problems.push(jqlError);
        if (problems.length > 0) return { errors: problems };
        const created = context.work.registerWebhook({
          kind: 'dynamic',
          name: 'dynamic',
          url,
          events,
          jqlFilter: jql,
          secret: null,
          expires: context.work.now() + dynamicWebhookLifetime,
        });
        return { createdWebhookId: created.id };
      });
      return { webhookRegistrationResult: results };
    });

    instance.get('/rest/api/3/webhook', { onRequest }, async (request) => {
      const values = context.work.snapshot.webhooks
        .filter((webhook) => webhook.kind === 'dynamic')
        .map((webhook) => ({ id: webhook.id, jqlFilter: webhook.jqlFilter, events: webhook.events, expirationDate: webhook.expires ?? 0 }));
      return { self: `${context.siteUrl(request)}/rest/api/3/webhook`, maxResults: 100, startAt: 0, total: values.length, isLast: true, values };
    });

    instance.delete('/rest/api/3/webhook', { onRequest }, async (request, reply) => {
      const ids =
        isRecord(request.body) && Array.isArray(request.body['webhookIds'])
          ? request.body['webhookIds'].filter((id): id is number => typeof id === 'number')
          : [];
      context.work.removeWebhooks(ids);
      return reply.code(202).send();
    });

    instance.put('/rest/api/3/webhook/refresh', { onRequest }, async (request) => {
      const ids =
        isRecord(request.body) && Array.isArray(request.body['webhookIds'])
          ? request.body['webhookIds'].filter((id): id is number => typeof id === 'number')
          : [];
      const expirationDate = context.work.now() + dynamicWebhookLifetime;
      context.work.refreshWebhooks(ids, expirationDate);
      return { expirationDate };
    });
  }

  instance.post('/rest/webhooks/1.0/webhook', { onRequest }, async (request, reply) => {
    const body = isRecord(request.body) ? request.body : {};
    const events = Array.isArray(body['events']) ? body['events'].filter((event): event is string => typeof event === 'string') : [];
    if (typeof body['url'] !== 'string' || !/^https?:\/\//.test(body['url']) || events.length === 0)
      return reply.code(400).send(jiraErrorCollection(['A webhook needs a name, an http(s) url and at least one event.']));
    const filters = isRecord(body['filters']) ? body['filters'] : {};
    const jql = typeof filters['issue-related-events-section'] === 'string' ? filters['issue-related-events-section'] : '';
    const jqlError = jql === '' ? undefined : jqlProblem(jql);
    if (jqlError !== undefined) return reply.code(400).send(jiraErrorCollection([jqlError]));
    const created = context.work.registerWebhook({
      kind: 'admin',
      name: String(body['name'] ?? 'webhook'),
      url: body['url'],
      events,
      jqlFilter: jql,
      secret: typeof body['secret'] === 'string' && body['secret'] !== '' ? body['secret'] : null,
      expires: null,
    });
    return reply.code(201).send(adminWebhookRepresentation(request, context, created));
  });

  instance.get('/rest/webhooks/1.0/webhook', { onRequest }, async (request) =>
    context.work.snapshot.webhooks.filter((webhook) => webhook.kind === 'admin').map((webhook) => adminWebhookRepresentation(request, context, webhook)),
  );

  instance.delete<{ Params: { id: string } }>('/rest/webhooks/1.0/webhook/:id', { onRequest }, async (request, reply) => {
    context.work.removeWebhooks([Number(request.params.id)]);
    return reply.code(204).send();
  });
}

function adminWebhookRepresentation(request: FastifyRequest, context: JiraRoutesContext, webhook: JiraWebhookRecord): Record<string, unknown> {
  const actor = context.work.user(context.actorId());
  return {
    self: `${context.siteUrl(request)}/rest/webhooks/1.0/webhook/${webhook.id}`,
    name: webhook.name,
    url: webhook.url,
    events: webhook.events,
    filters: { 'issue-related-events-section': webhook.jqlFilter },
    excludeBody: false,
    enabled: true,
    lastUpdated: webhook.created,
    lastUpdatedUser: actor?.name ?? '',
    lastUpdatedDisplayName: actor?.displayName ?? '',
  };
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  createAuthorizationGuard,
  installTrackerErrorHandlers,
  publicBaseUrl,
  refuseDuringStorm,
  type AuthorizationGuard,
  type RateLimitStorm,
} from '../../emulator-kit';
import { jiraErrorCollection } from './jira-error-collection';
import { registerJiraAttachmentRoutes } from './jira-attachment-routes';
import type { RepresentationContext } from './jira-issue-representation';
import { registerJiraIssueRoutes } from './jira-issue-routes';
import { registerJiraProjectRoutes } from './jira-project-routes';
import { registerJiraProjectValuesRoutes } from './jira-project-values-routes';
import { jiraNotFoundBody, refuseJiraRequest } from './jira-refusal';
import { representationContext, type JiraRoutesContext } from './jira-routes-context';
import { registerJiraSearchRoutes } from './jira-search-routes';
import { registerJiraWebhookRoutes } from './jira-webhook-routes';

export interface JiraSiteOptions extends Omit<JiraRoutesContext, 'siteUrl' | 'authenticated'> {
  /** Whether an Authorization header value is one of the site's credentials. */
  readonly accepts: (header: string) => boolean;
  readonly storm: RateLimitStorm;
  /** What the site's rate limiter sends with a 429 besides Retry-After (Cloud and DC differ). */
  readonly rateLimitHeaders: (now: number, retryAfterSeconds: number) => Readonly<Record<string, string>>;
  /** Told where the site is reached on every request, so webhook payloads carry the right links. */
  readonly remember: (context: RepresentationContext) => void;
}

/** What the Cloud or Server/DC routes mounting the site need for the resources of their own. */
export interface JiraSite {
  readonly siteUrl: (request: FastifyRequest) => string;
  readonly guard: AuthorizationGuard;
}

/**
 * Everything a Jira site answers alike on Cloud (REST v3) and Server/DC (REST v2), in the dialect
 * given: Jira's refusals and error bodies, its rate limiter (which refuses before any work, ahead
 * of authentication), and the issue, attachment, search, webhook, project and project values routes.
 */
export function registerJiraSite(instance: FastifyInstance, options: JiraSiteOptions): JiraSite {
  const prefix = instance.prefix;
  const siteUrl = (request: FastifyRequest): string => publicBaseUrl(request, prefix);
  const guard = createAuthorizationGuard({ accepts: options.accepts, refuse: refuseJiraRequest });

  installTrackerErrorHandlers(instance, {
    notFound: jiraNotFoundBody,
    failure: (_statusCode, message) => jiraErrorCollection([message]),
  });
  instance.addHook(
    'onRequest',
    refuseDuringStorm(options.storm, {
      headers: (retryAfterSeconds) => options.rateLimitHeaders(options.work.now(), retryAfterSeconds),
      body: () => jiraErrorCollection(['Rate limit exceeded.']),
    }),
  );

  const shared: JiraRoutesContext = {
    dialect: options.dialect,
    work: options.work,
    projects: options.projects,
    actorId: options.actorId,
    timeZone: options.timeZone,
    siteUrl,
    authenticated: guard.required,
  };
  instance.addHook('onRequest', async (request) => options.remember(representationContext(shared, request)));
  registerJiraIssueRoutes(instance, shared);
  registerJiraAttachmentRoutes(instance, shared);
  registerJiraSearchRoutes(instance, shared);
  registerJiraWebhookRoutes(instance, shared);
  registerJiraProjectRoutes(instance, shared);
  registerJiraProjectValuesRoutes(instance, shared);
  return { siteUrl, guard };
}

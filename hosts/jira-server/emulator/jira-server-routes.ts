import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import {
  createAuthorizationGuard,
  registerJiraAttachmentRoutes,
  registerJiraIssueRoutes,
  registerJiraSearchRoutes,
  registerJiraProjectRoutes,
  registerJiraWebhookRoutes,
  representationContext,
  type JiraRoutesContext,
  type RateLimitStorm,
  type RepresentationContext,
  installTrackerErrorHandlers,
  isAnonymousRequest,
  jiraErrorCollection,
  jiraNotFoundBody,
  jiraProjectRepresentation,
  jiraTimestamp,
  jiraUserAvatarUrls,
  publicBaseUrl,
  readBearerToken,
  refuseJiraRequest,
  secretsMatch,
} from '../../emulator-kit';
import type { JiraServerEmulatorState } from './jira-server-emulator-state';
import { upmLicenceRepresentation } from './upm-licence-representation';

/**
 * Jira Server/Data Center REST v2 and the UPM licence resource. No API document for v2 is at hand
 * (see shared/specs/README.md). Where each shape comes from:
 * - serverInfo, project, myself: the same resources as Jira Cloud v3 (`ServerInformation`,
 *   `Project`, `User` in jira-cloud-platform.v3.json), whose JSON v2 shares; text fields would be
 *   wiki markup instead of ADF, and none appear here. Server-only differences: `deploymentType` is
 *   `Server` or `DataCenter`, users carry `key` and `name` instead of `accountId`, and projects
 *   carry `archived`. The tests check these bodies against the v3 schemas.
 * - `/rest/api/2/project` is not paginated on Server/DC: it returns every visible project as an array.
 * - the licence: see upm-licence-representation.ts.
 * - issues, comments, transitions, attachments, search, users, fields and webhooks: the shared Jira
 *   routes of emulator-kit in their v2 dialect, after Atlassian's Jira Server REST API v2 reference
 *   (same resources as v3; text fields are wiki markup strings, people are `name`/`key`, search is
 *   `GET /rest/api/2/search` paged by startAt, attachment content is the `/secure/attachment/{id}/{filename}`
 *   servlet, webhooks are the admin resource `/rest/webhooks/1.0/webhook`).
 */
export interface JiraServerRouteOptions {
  readonly storm: RateLimitStorm;
  /** Told where the site is reached on every request, so webhook payloads carry the right links. */
  readonly remember: (context: RepresentationContext) => void;
}

export function createJiraServerRoutes(state: JiraServerEmulatorState, options: JiraServerRouteOptions): FastifyPluginAsync {
  return async (instance) => {
    const prefix = instance.prefix;
    const siteUrl = (request: FastifyRequest): string => publicBaseUrl(request, prefix);
    const guard = createAuthorizationGuard({
      accepts: (header) => {
        const token = readBearerToken(header);
        return token !== undefined && secretsMatch(token, state.account.personalAccessToken);
      },
      refuse: refuseJiraRequest,
    });

    installTrackerErrorHandlers(instance, {
      notFound: jiraNotFoundBody,
      failure: (_statusCode, message) => jiraErrorCollection([message]),
    });
    // Refused before any work, as Jira DC's rate limiter (8.6+) does.
    instance.addHook('onRequest', options.storm.hook);

    const shared: JiraRoutesContext = {
      dialect: { restVersion: '2', people: 'username', text: 'wiki' },
      work: state.work,
      projects: () => state.projects,
      actorId: () => state.account.key,
      timeZone: () => state.account.timeZone,
      siteUrl,
      authenticated: guard.required,
    };
    instance.addHook('onRequest', async (request) => options.remember(representationContext(shared, request)));
    registerJiraIssueRoutes(instance, shared);
    registerJiraAttachmentRoutes(instance, shared);
    registerJiraSearchRoutes(instance, shared);
    registerJiraWebhookRoutes(instance, shared);
    registerJiraProjectRoutes(instance, shared);

    instance.get('/rest/api/2/serverInfo', { onRequest: guard.anonymousAllowed }, async (request) => {
      const versionNumbers = state.version.split('.').map(Number);
      return {
        baseUrl: siteUrl(request),
        version: state.version,
        versionNumbers,
        deploymentType: state.deploymentType,
        // Jira Server build numbers spell the version: 9.12.2 is 9120002.
        buildNumber: (versionNumbers[0] ?? 0) * 1_000_000 + (versionNumbers[1] ?? 0) * 10_000 + (versionNumbers[2] ?? 0),
        buildDate: jiraTimestamp(new Date('2024-01-10T00:00:00.000Z')),
        serverTime: jiraTimestamp(new Date()),
        scmInfo: '8f1a3d2c6b7e4a9d0c5b1e2f3a4d5c6b7e8f9a0b',
        serverTitle: state.serverTitle,
      };
    });

    // Anonymous callers only see projects whose Browse Projects permission includes anyone; the sample grants none.
    instance.get('/rest/api/2/project', { onRequest: guard.anonymousAllowed }, async (request) => {
      const site = siteUrl(request);
      return isAnonymousRequest(request) ? [] : state.projects.map((project) => jiraProjectRepresentation(site, '2', project));
    });

    instance.get('/rest/api/2/myself', { onRequest: guard.required }, async (request) => {
      const site = siteUrl(request);
      const account = state.account;
      return {
        self: `${site}/rest/api/2/user?username=${encodeURIComponent(account.name)}`,
        key: account.key,
        name: account.name,
        emailAddress: account.emailAddress,
        avatarUrls: jiraUserAvatarUrls(site, account.name),
        displayName: account.displayName,
        active: true,
        timeZone: account.timeZone,
        locale: 'en_US',
        groups: { size: 2, items: [] },
        applicationRoles: { size: 1, items: [] },
        expand: 'groups,applicationRoles',
      };
    });

    instance.get<{ Params: { pluginKeyPath: string } }>('/rest/plugins/1.0/:pluginKeyPath/license', { onRequest: guard.required }, async (request, reply) => {
      if (request.params.pluginKeyPath !== `${state.appKey}-key`) {
        // UPM documents no error body; clients (ours included) only look at the 404 status.
        return reply.code(404).send(jiraErrorCollection([`Plugin ${request.params.pluginKeyPath.replace(/-key$/, '')} is not installed.`]));
      }
      const selfPath = `${prefix}/rest/plugins/1.0/${state.appKey}-key/license`;
      return reply.type('application/vnd.atl.plugins+json').send(upmLicenceRepresentation(state.licence, selfPath, new Date()));
    });
  };
}

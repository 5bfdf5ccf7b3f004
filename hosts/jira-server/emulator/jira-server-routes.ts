import type { FastifyPluginAsync } from 'fastify';
import { isAnonymousRequest, readBearerToken, secretsMatch } from '../../emulator-kit';
import {
  jiraErrorCollection,
  jiraProjectRepresentation,
  jiraTimestamp,
  jiraUserAvatarUrls,
  registerJiraSite,
  type JiraRouteOptions,
} from '../../jira-rest/emulator';
import { exalateJiraServerAppKey } from '../app-key';
import { nodeLocationFileName, nodeLocationModuleKey } from '../plugin-addresses';
import type { JiraServerEmulatorState } from './jira-server-emulator-state';
import { registerJiraOAuthRoutes } from './jira-oauth-routes';
import { upmLicenceRepresentation } from './upm-licence-representation';

/**
 * Jira DC rate limiting (8.6+, "Improving instance stability with rate limiting") answers 429 with
 * Retry-After and these headers: a token bucket of Limit tokens refilled by FillRate per Interval.
 */
function jiraServerRateLimitHeaders(): Readonly<Record<string, string>> {
  return { 'X-RateLimit-Limit': '20', 'X-RateLimit-Remaining': '0', 'X-RateLimit-FillRate': '10', 'X-RateLimit-Interval-Seconds': '1' };
}

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
 *   site of hosts/jira-rest/emulator in its v2 dialect, after Atlassian's Jira Server REST API v2
 *   reference (same resources as v3; text fields are wiki markup strings, people are `name`/`key`, search is
 *   `GET /rest/api/2/search` paged by startAt, attachment content is the `/secure/attachment/{id}/{filename}`
 *   servlet, webhooks are the admin resource `/rest/webhooks/1.0/webhook`).
 */
export function createJiraServerRoutes(state: JiraServerEmulatorState, options: JiraRouteOptions): FastifyPluginAsync {
  const callerOf = (header: string | undefined): string | undefined => {
    const token = readBearerToken(header);
    if (token === undefined) return undefined;
    if (secretsMatch(token, state.account.personalAccessToken)) return state.account.name;
    return state.oauth.userOfAccessToken(token);
  };
  return async (instance) => {
    const prefix = instance.prefix;
    const { siteUrl, guard } = registerJiraSite(instance, {
      dialect: { restVersion: '2', people: 'username', text: 'wiki' },
      work: state.work,
      projects: () => state.projects,
      actorId: () => state.account.key,
      timeZone: () => state.account.timeZone,
      // A personal access token acts as the account; an OAuth 2.0 access token as whoever authorized it.
      accepts: (header) => callerOf(header) !== undefined,
      storm: options.storm,
      rateLimitHeaders: jiraServerRateLimitHeaders,
      remember: options.remember,
    });

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
      const account = state.user(callerOf(request.headers.authorization) ?? '') ?? state.account;
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

    // Jira DC's "Get my permissions": `permissions` is required since Jira 9 (a 400 without it).
    instance.get<{ Querystring: { permissions?: string } }>('/rest/api/2/mypermissions', { onRequest: guard.required }, async (request, reply) => {
      const asked = (request.query.permissions ?? '')
        .split(',')
        .map((key) => key.trim())
        .filter((key) => key !== '');
      if (asked.length === 0) return reply.code(400).send(jiraErrorCollection(['The permissions parameter is required.']));
      const user = state.user(callerOf(request.headers.authorization) ?? '');
      const known: Readonly<Record<string, { id: string; name: string; type: string; description: string; granted: boolean }>> = {
        ADMINISTER: {
          id: '0',
          name: 'Administer Jira',
          type: 'GLOBAL',
          description: 'Create and administer projects, issue types, fields, workflows, and schemes for all projects.',
          granted: user?.isAdministrator === true,
        },
        BROWSE_PROJECTS: {
          id: '10',
          name: 'Browse Projects',
          type: 'PROJECT',
          description: 'Ability to browse projects and the issues within them.',
          granted: user !== undefined,
        },
      };
      const permissions: Record<string, unknown> = {};
      for (const key of asked) {
        const permission = known[key];
        if (permission === undefined) return reply.code(400).send(jiraErrorCollection([`Could not find permission with key '${key}'.`]));
        permissions[key] = {
          id: permission.id,
          key,
          name: permission.name,
          type: permission.type,
          description: permission.description,
          havePermission: permission.granted,
        };
      }
      return { permissions };
    });

    registerJiraOAuthRoutes(instance, state);

    // A plugin's downloadable web-resource, served to anyone as Jira serves them; 404 until uploaded.
    instance.get(`/download/resources/${exalateJiraServerAppKey}:${nodeLocationModuleKey}/${nodeLocationFileName}`, async (_request, reply) => {
      const nodeUrl = state.pluginNodeUrl;
      if (nodeUrl === null || state.appKey !== exalateJiraServerAppKey) return reply.code(404).type('text/plain').send('Not found');
      return reply.type('application/json').send({ product: 'exalate-open', nodeUrl });
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

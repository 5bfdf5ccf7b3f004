import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import {
  isAnonymousRequest,
  readBasicCredentials,
  readIntegerParameter,
  readQueryList,
  readQueryParameter,
  requestUrl,
  secretsMatch,
  takePage,
} from '../../emulator-kit';
import {
  jiraErrorCollection,
  jiraProjectRepresentation,
  jiraTimestamp,
  jiraUserAvatarUrls,
  registerJiraSite,
  type JiraProjectRecord,
  type JiraRouteOptions,
} from '../../jira-rest/emulator';
import type { JiraCloudEmulatorState } from './jira-cloud-emulator-state';

/** `GET /rest/api/3/project/search` pages hold 50 projects unless asked otherwise (the document's default for maxResults). */
const defaultPageSize = 50;
/** Jira caps maxResults silently and reports the cap it used in `maxResults`; 100 is the emulator's cap. */
const maximumPageSize = 100;

/** The orderBy values the v3 document lists for project search. */
const orderByValues = new Set(
  ['category', 'key', 'name', 'owner', 'issueCount', 'lastIssueUpdatedDate', 'archivedDate', 'deletedDate'].flatMap((field) => [
    field,
    `-${field}`,
    `+${field}`,
  ]),
);

/**
 * Jira Cloud's rate-limit headers (developer.atlassian.com "Rate limiting"): X-RateLimit-Reset is
 * the request time plus Retry-After, as `yyyy-MM-ddTHH:mmZ`; RateLimit-Reason names the limit.
 */
function jiraCloudRateLimitHeaders(now: number, retryAfterSeconds: number): Readonly<Record<string, string>> {
  const reset = new Date(now + retryAfterSeconds * 1000).toISOString().slice(0, 16);
  return { 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': `${reset}Z`, 'RateLimit-Reason': 'jira-burst-based' };
}

/**
 * Jira Cloud platform REST v3, the resources the adapter uses. Paths, parameters and bodies follow
 * `shared/specs/jira-cloud-platform.v3.json`; the tests check every body against it. Issues,
 * comments, transitions, attachments, search, users, fields and webhooks are the shared Jira site
 * of hosts/jira-rest/emulator in its v3 dialect (ADF text, people by accountId).
 */
export function createJiraCloudRoutes(state: JiraCloudEmulatorState, options: JiraRouteOptions): FastifyPluginAsync {
  return async (instance) => {
    const { siteUrl, guard } = registerJiraSite(instance, {
      dialect: { restVersion: '3', people: 'accountId', text: 'adf' },
      work: state.work,
      projects: () => state.projects,
      actorId: () => state.account.accountId,
      timeZone: () => state.account.timeZone,
      accepts: (header) => {
        const credentials = readBasicCredentials(header);
        return (
          credentials !== undefined &&
          credentials.user.toLowerCase() === state.account.emailAddress.toLowerCase() &&
          secretsMatch(credentials.password, state.account.apiToken)
        );
      },
      storm: options.storm,
      rateLimitHeaders: jiraCloudRateLimitHeaders,
      remember: options.remember,
    });

    // "This operation can be accessed anonymously." (getServerInfo)
    instance.get('/rest/api/3/serverInfo', { onRequest: guard.anonymousAllowed }, async (request) => {
      const versionNumbers = state.version.split(/[.-]/).slice(0, 3).map(Number);
      return {
        baseUrl: siteUrl(request),
        version: state.version,
        versionNumbers,
        deploymentType: 'Cloud',
        buildNumber: 100_287,
        buildDate: jiraTimestamp(new Date('2025-01-06T00:00:00.000Z')),
        serverTime: jiraTimestamp(new Date()),
        scmInfo: '0f6e1c1b8b2f2b0e6c2e5d6a1f4f1c8e9d0a7b3c',
        serverTitle: state.serverTitle,
      };
    });

    // "This operation can be accessed anonymously": an anonymous caller sees only projects that grant
    // Browse Projects to anyone, and the sample site grants that on none.
    instance.get('/rest/api/3/project/search', { onRequest: guard.anonymousAllowed }, async (request, reply) => searchProjects(request, reply));

    // "Get my permissions", for an issue: what the caller may do there. The emulated account may do
    // everything except edit in its read-only projects (the seed's `account.readOnlyProjects`).
    instance.get<{ Querystring: { issueKey?: string; permissions?: string } }>(
      '/rest/api/3/mypermissions',
      { onRequest: guard.required },
      async (request, reply) => {
        const asked = (request.query.permissions ?? '')
          .split(',')
          .map((key) => key.trim())
          .filter((key) => key !== '');
        if (asked.length === 0) return reply.code(400).send(jiraErrorCollection(['The permissions query parameter is required.']));
        const issueKey = request.query.issueKey;
        const issue = issueKey === undefined ? undefined : state.work.issue(issueKey);
        if (issueKey !== undefined && issue === undefined)
          return reply.code(404).send(jiraErrorCollection(['Issue does not exist or you do not have permission to see it.']));
        const readOnly = issue !== undefined && (state.account.readOnlyProjects ?? []).includes(issue.projectKey);
        const known: Readonly<Record<string, { id: string; name: string; description: string; granted: boolean }>> = {
          BROWSE_PROJECTS: { id: '10', name: 'Browse Projects', description: 'Ability to browse projects and the issues within them.', granted: true },
          EDIT_ISSUES: { id: '12', name: 'Edit Issues', description: 'Ability to edit issues.', granted: !readOnly },
        };
        const permissions: Record<string, unknown> = {};
        for (const key of asked) {
          const permission = known[key];
          if (permission === undefined) return reply.code(400).send(jiraErrorCollection([`Could not find permission with key '${key}'.`]));
          permissions[key] = {
            id: permission.id,
            key,
            name: permission.name,
            type: 'PROJECT',
            description: permission.description,
            havePermission: permission.granted,
          };
        }
        return { permissions };
      },
    );

    instance.get('/rest/api/3/myself', { onRequest: guard.required }, async (request) => {
      const site = siteUrl(request);
      const account = state.account;
      return {
        self: `${site}/rest/api/3/user?accountId=${account.accountId}`,
        accountId: account.accountId,
        accountType: 'atlassian',
        emailAddress: account.emailAddress,
        avatarUrls: jiraUserAvatarUrls(site, account.accountId),
        displayName: account.displayName,
        active: true,
        timeZone: account.timeZone,
        locale: 'en_US',
        groups: { size: 2, items: [] },
        applicationRoles: { size: 1, items: [] },
        expand: 'groups,applicationRoles',
      };
    });

    function searchProjects(request: FastifyRequest, reply: FastifyReply): FastifyReply | Record<string, unknown> {
      const startAt = readIntegerParameter(request, 'startAt', { fallback: 0, minimum: 0 });
      const maxResults = readIntegerParameter(request, 'maxResults', { fallback: defaultPageSize, minimum: 0 });
      const orderBy = readQueryParameter(request, 'orderBy') ?? 'key';
      if (!startAt.ok)
        return reply.code(400).send(jiraErrorCollection([`Invalid value '${startAt.offered}' for startAt: it must be a whole number of 0 or more.`]));
      if (!maxResults.ok)
        return reply.code(400).send(jiraErrorCollection([`Invalid value '${maxResults.offered}' for maxResults: it must be a whole number of 0 or more.`]));
      if (!orderByValues.has(orderBy)) return reply.code(400).send(jiraErrorCollection([`Invalid orderBy value '${orderBy}'.`]));

      const pageSize = Math.min(maxResults.value, maximumPageSize);
      const matching = isAnonymousRequest(request) ? [] : filterProjects(request, state.projects);
      const ordered = orderProjects(matching, orderBy);
      const page = takePage(ordered, startAt.value, pageSize);
      const site = siteUrl(request);
      const self = requestUrl(request);
      const body: Record<string, unknown> = {
        self: self.toString(),
        maxResults: pageSize,
        startAt: startAt.value,
        total: ordered.length,
        isLast: page.nextPosition === undefined,
        values: page.items.map((project) => jiraProjectRepresentation(site, '3', project)),
      };
      if (page.nextPosition !== undefined) {
        const next = new URL(self);
        next.searchParams.set('startAt', String(page.nextPosition));
        next.searchParams.set('maxResults', String(pageSize));
        body['nextPage'] = next.toString();
      }
      return body;
    }
  };
}

function filterProjects(request: FastifyRequest, projects: readonly JiraProjectRecord[]): readonly JiraProjectRecord[] {
  const query = readQueryParameter(request, 'query')?.toLowerCase();
  const keys = new Set(readQueryList(request, 'keys'));
  const typeKeys = new Set(readQueryList(request, 'typeKey'));
  return projects.filter(
    (project) =>
      (query === undefined || project.key.toLowerCase().includes(query) || project.name.toLowerCase().includes(query)) &&
      (keys.size === 0 || keys.has(project.key)) &&
      (typeKeys.size === 0 || typeKeys.has(project.projectTypeKey)),
  );
}

/** Sorts by key or name; the other orderBy fields describe data the emulator does not hold, so they sort by key. */
function orderProjects(projects: readonly JiraProjectRecord[], orderBy: string): readonly JiraProjectRecord[] {
  const descending = orderBy.startsWith('-');
  const field = orderBy.replace(/^[-+]/, '') === 'name' ? 'name' : 'key';
  const sorted = [...projects].sort((left, right) => left[field].localeCompare(right[field]));
  return descending ? sorted.reverse() : sorted;
}

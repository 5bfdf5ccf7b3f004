import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { jiraErrorCollection } from './error-bodies';
import { fieldList, fieldNames, issueRepresentation, userRepresentation } from './jira-issue-representation';
import { parseJql } from './jira-jql';
import { apiPrefix, readFieldsAndExpand, representationContext, type JiraRoutesContext } from './jira-routes-context';
import type { JiraIssueRecord } from './jira-work-records';
import { decodeOffsetToken, encodeOffsetToken } from './pagination';
import { readIntegerParameter, readQueryParameter } from './query-parameters';

/** Jira caps search pages at 100 issues when fields are asked for (its documented maximum on Cloud). */
const maximumSearchPage = 100;

/**
 * JQL search, user search and the field list, shared by both Jira emulators.
 * - Cloud: `GET /rest/api/3/search/jql` pages with an opaque `nextPageToken` and returns only issue
 *   ids unless `fields` are asked for (Atlassian's enhanced search; `/rest/api/3/search` was removed).
 * - Server/DC: `GET /rest/api/2/search` pages with `startAt`/`maxResults` and reports `total`.
 * - Users: Cloud `user/search?query=` matches display name and email; Server/DC
 *   `user/search?username=` matches username, display name and email.
 */
export function registerJiraSearchRoutes(instance: FastifyInstance, context: JiraRoutesContext): void {
  const api = apiPrefix(context);
  const onRequest = context.authenticated;

  if (context.dialect.restVersion === '3') {
    instance.get(`${api}/search/jql`, { onRequest }, async (request, reply) => {
      const found = runJql(context, request, reply);
      if (found === undefined) return reply;
      const token = readQueryParameter(request, 'nextPageToken');
      const startAt = token === undefined ? 0 : decodeOffsetToken(token);
      if (startAt === undefined) return reply.code(400).send(jiraErrorCollection(['The provided next page token is invalid or expired.']));
      const maxResults = readIntegerParameter(request, 'maxResults', { fallback: 50, minimum: 1 });
      if (!maxResults.ok) return reply.code(400).send(jiraErrorCollection([`Invalid value '${maxResults.offered}' for maxResults.`]));
      const page = found.slice(startAt, startAt + Math.min(maxResults.value, maximumSearchPage));
      const next = startAt + page.length;
      const { fields, expand } = readFieldsAndExpand(request);
      const represent = representationContext(context, request);
      // Without `fields`, enhanced search returns ids only.
      const issues = page.map((issue) => (fields === undefined ? { id: issue.id } : issueRepresentation(represent, issue, { fields, expand })));
      return {
        issues,
        ...(expand.includes('names') && fields !== undefined ? { names: fieldNames(represent, fields) } : {}),
        ...(next < found.length ? { nextPageToken: encodeOffsetToken(next) } : {}),
        isLast: next >= found.length,
      };
    });
  } else {
    instance.get(`${api}/search`, { onRequest }, async (request, reply) => {
      const found = runJql(context, request, reply);
      if (found === undefined) return reply;
      const startAt = readIntegerParameter(request, 'startAt', { fallback: 0, minimum: 0 });
      const maxResults = readIntegerParameter(request, 'maxResults', { fallback: 50, minimum: 0 });
      if (!startAt.ok || !maxResults.ok) return reply.code(400).send(jiraErrorCollection(['startAt and maxResults must be whole numbers of 0 or more.']));
      const size = Math.min(maxResults.value, maximumSearchPage);
      const { fields, expand } = readFieldsAndExpand(request);
      const represent = representationContext(context, request);
      return {
        expand: 'schema,names',
        startAt: startAt.value,
        maxResults: size,
        total: found.length,
        issues: found.slice(startAt.value, startAt.value + size).map((issue) => issueRepresentation(represent, issue, { fields: fields ?? ['*navigable'], expand })),
      };
    });
  }

  instance.get(`${api}/user/search`, { onRequest }, async (request, reply) => {
    const parameter = context.dialect.people === 'accountId' ? 'query' : 'username';
    const text = readQueryParameter(request, parameter)?.trim().toLowerCase();
    if (text === undefined || text === '') return reply.code(400).send(jiraErrorCollection([`The '${parameter}' query parameter is required.`]));
    const maxResults = readIntegerParameter(request, 'maxResults', { fallback: 50, minimum: 1 });
    const represent = representationContext(context, request);
    const users = context.work.snapshot.users.filter((user) => user.active && (user.emailAddress.toLowerCase().startsWith(text) || user.displayName.toLowerCase().includes(text) || (parameter === 'username' && user.name.toLowerCase().startsWith(text))));
    return users.slice(0, maxResults.ok ? maxResults.value : 50).map((user) => userRepresentation(represent, user));
  });

  instance.get(`${api}/field`, { onRequest }, async (request) => fieldList(representationContext(context, request)));
}

/** Runs the request's `jql` over the site's issues, or answers 400 with Jira's words. */
function runJql(context: JiraRoutesContext, request: FastifyRequest, reply: FastifyReply): JiraIssueRecord[] | undefined {
  const jql = readQueryParameter(request, 'jql') ?? '';
  const snapshot = context.work.snapshot;
  if (context.dialect.restVersion === '3' && /^\s*(order\s+by\b.*)?$/i.test(jql)) {
    // Enhanced search refuses queries that could match every issue of the site.
    void reply.code(400).send(jiraErrorCollection(['Unbounded JQL queries are not allowed here. Please add a search restriction to your query.']));
    return undefined;
  }
  const query = parseJql(jql, {
    timeZone: context.timeZone(),
    projectKeys: context.projects().map((project) => project.key),
    statusName: (issue) => snapshot.statuses.find((status) => status.id === issue.statusId)?.name ?? '',
    typeName: (issue) => snapshot.issueTypes.find((type) => type.id === issue.issueTypeId)?.name ?? '',
  });
  if (!query.ok) {
    void reply.code(400).send(jiraErrorCollection([query.message]));
    return undefined;
  }
  return snapshot.issues.filter(query.matches).sort(query.order);
}

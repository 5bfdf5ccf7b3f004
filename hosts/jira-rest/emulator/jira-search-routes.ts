import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { decodeOffsetToken, encodeOffsetToken, readIntegerParameter, readQueryParameter } from '../../emulator-kit';
import { jiraErrorCollection } from './jira-error-collection';
import { fieldList, fieldNames, issueRepresentation, userRepresentation } from './jira-issue-representation';
import { parseJql } from './jira-jql';
import { apiPrefix, readFieldsAndExpand, representationContext, type JiraRoutesContext } from './jira-routes-context';
import type { JiraIssueRecord } from './jira-work-records';

/** Jira caps search pages at 100 issues when fields are asked for (its documented maximum on Cloud). */
const maximumSearchPage = 100;

/** What a search asks for, whether it came in the query string (GET) or the JSON body (POST). */
interface SearchRequest {
  readonly jql: string;
  readonly nextPageToken: string | undefined;
  /** A whole number of 0 or more, or the text offered when it is not one. */
  readonly startAt: number | string;
  readonly maxResults: number | string;
  readonly fields: readonly string[] | undefined;
  readonly expand: readonly string[];
}

/**
 * The POST bodies: Cloud's `SearchAndReconcileRequestBean` (`expand` one comma-separated string)
 * and Server/DC's `SearchRequestBean` (`expand` a list). Tolerant of what the emulator ignores
 * (`properties`, `fieldsByKeys`, `validateQuery`, `reconcileIssues`).
 */
const searchBodySchema = z.looseObject({
  jql: z.string().optional(),
  nextPageToken: z.string().optional(),
  startAt: z.number().int().min(0).optional(),
  maxResults: z.number().int().min(0).optional(),
  fields: z.array(z.string()).optional(),
  expand: z.union([z.string(), z.array(z.string())]).optional(),
});

function searchFromQuery(request: FastifyRequest, defaultMaxResults: number): SearchRequest {
  const startAt = readIntegerParameter(request, 'startAt', { fallback: 0, minimum: 0 });
  const maxResults = readIntegerParameter(request, 'maxResults', { fallback: defaultMaxResults, minimum: 0 });
  return {
    jql: readQueryParameter(request, 'jql') ?? '',
    nextPageToken: readQueryParameter(request, 'nextPageToken'),
    startAt: startAt.ok ? startAt.value : startAt.offered,
    maxResults: maxResults.ok ? maxResults.value : maxResults.offered,
    ...readFieldsAndExpand(request),
  };
}

function searchFromBody(request: FastifyRequest, defaultMaxResults: number): SearchRequest | string {
  const parsed = searchBodySchema.safeParse(request.body ?? {});
  if (!parsed.success)
    return `The search request is not valid: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ')}`;
  const body = parsed.data;
  const expand = typeof body.expand === 'string' ? body.expand.split(',') : (body.expand ?? []);
  return {
    jql: body.jql ?? '',
    nextPageToken: body.nextPageToken,
    startAt: body.startAt ?? 0,
    maxResults: body.maxResults ?? defaultMaxResults,
    fields: body.fields === undefined || body.fields.length === 0 ? undefined : body.fields,
    expand: expand.map((each) => each.trim()).filter((each) => each !== ''),
  };
}

/**
 * JQL search, user search and the field list, shared by both Jira emulators.
 * - Cloud: `/rest/api/3/search/jql` pages with an opaque `nextPageToken` and returns only issue
 *   ids unless `fields` are asked for (Atlassian's enhanced search; `/rest/api/3/search` was removed).
 * - Server/DC: `/rest/api/2/search` pages with `startAt`/`maxResults` and reports `total`.
 * - Both take the search as query parameters (GET) or as a JSON body (POST), which clients use
 *   for long JQL (jira.js `searchForIssuesUsingJqlEnhancedSearchPost`, `searchForIssuesUsingJqlPost`).
 * - Users: Cloud `user/search?query=` matches display name and email; Server/DC
 *   `user/search?username=` matches username, display name and email.
 */
export function registerJiraSearchRoutes(instance: FastifyInstance, context: JiraRoutesContext): void {
  const api = apiPrefix(context);
  const onRequest = context.authenticated;

  if (context.dialect.restVersion === '3') {
    const enhancedSearch = (request: FastifyRequest, reply: FastifyReply, search: SearchRequest | string) => {
      if (typeof search === 'string') return reply.code(400).send(jiraErrorCollection([search]));
      const found = runJql(context, search.jql, reply);
      if (found === undefined) return reply;
      const startAt = search.nextPageToken === undefined ? 0 : decodeOffsetToken(search.nextPageToken);
      if (startAt === undefined) return reply.code(400).send(jiraErrorCollection(['The provided next page token is invalid or expired.']));
      if (typeof search.maxResults === 'string' || search.maxResults < 1)
        return reply.code(400).send(jiraErrorCollection([`Invalid value '${search.maxResults}' for maxResults.`]));
      const page = found.slice(startAt, startAt + Math.min(search.maxResults, maximumSearchPage));
      const next = startAt + page.length;
      const { fields, expand } = search;
      const represent = representationContext(context, request);
      // Without `fields`, enhanced search returns ids only.
      const issues = page.map((issue) => (fields === undefined ? { id: issue.id } : issueRepresentation(represent, issue, { fields, expand })));
      return {
        issues,
        ...(expand.includes('names') && fields !== undefined ? { names: fieldNames(represent, fields) } : {}),
        ...(next < found.length ? { nextPageToken: encodeOffsetToken(next) } : {}),
        isLast: next >= found.length,
      };
    };
    instance.get(`${api}/search/jql`, { onRequest }, async (request, reply) => enhancedSearch(request, reply, searchFromQuery(request, 50)));
    instance.post(`${api}/search/jql`, { onRequest }, async (request, reply) => enhancedSearch(request, reply, searchFromBody(request, 50)));
  } else {
    const pagedSearch = (request: FastifyRequest, reply: FastifyReply, search: SearchRequest | string) => {
      if (typeof search === 'string') return reply.code(400).send(jiraErrorCollection([search]));
      const found = runJql(context, search.jql, reply);
      if (found === undefined) return reply;
      if (typeof search.startAt === 'string' || typeof search.maxResults === 'string')
        return reply.code(400).send(jiraErrorCollection(['startAt and maxResults must be whole numbers of 0 or more.']));
      const size = Math.min(search.maxResults, maximumSearchPage);
      const represent = representationContext(context, request);
      return {
        expand: 'schema,names',
        startAt: search.startAt,
        maxResults: size,
        total: found.length,
        issues: found
          .slice(search.startAt, search.startAt + size)
          .map((issue) => issueRepresentation(represent, issue, { fields: search.fields ?? ['*navigable'], expand: search.expand })),
      };
    };
    instance.get(`${api}/search`, { onRequest }, async (request, reply) => pagedSearch(request, reply, searchFromQuery(request, 50)));
    instance.post(`${api}/search`, { onRequest }, async (request, reply) => pagedSearch(request, reply, searchFromBody(request, 50)));
  }

  instance.get(`${api}/user/search`, { onRequest }, async (request, reply) => {
    const parameter = context.dialect.people === 'accountId' ? 'query' : 'username';
    const text = readQueryParameter(request, parameter)?.trim().toLowerCase();
    if (text === undefined || text === '') return reply.code(400).send(jiraErrorCollection([`The '${parameter}' query parameter is required.`]));
    const maxResults = readIntegerParameter(request, 'maxResults', { fallback: 50, minimum: 1 });
    const represent = representationContext(context, request);
    const users = context.work.snapshot.users.filter(
      (user) =>
        user.active &&
        (user.emailAddress.toLowerCase().startsWith(text) ||
          user.displayName.toLowerCase().includes(text) ||
          (parameter === 'username' && user.name.toLowerCase().startsWith(text))),
    );
    return users.slice(0, maxResults.ok ? maxResults.value : 50).map((user) => userRepresentation(represent, user));
  });

  instance.get(`${api}/field`, { onRequest }, async (request) => fieldList(representationContext(context, request)));
}

/** Runs a search's `jql` over the site's issues, or answers 400 with Jira's words. */
function runJql(context: JiraRoutesContext, jql: string, reply: FastifyReply): JiraIssueRecord[] | undefined {
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

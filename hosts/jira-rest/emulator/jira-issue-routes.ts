import type { FastifyInstance } from 'fastify';
import { readIntegerParameter } from '../../emulator-kit';
import { jiraErrorCollection } from './jira-error-collection';
import { readIssueFields } from './jira-issue-fields';
import { commentRepresentation, issueRepresentation, transitionRepresentation } from './jira-issue-representation';
import { apiPrefix, findIssueOr404, isRecord, readFieldsAndExpand, representationContext, type JiraRoutesContext } from './jira-routes-context';

/** "Creates upto 50 issues" (v3 document, bulk create). */
const bulkCreateLimit = 50;

type KeyParameters = { Params: { key: string } };
type CommentParameters = { Params: { key: string; commentId: string } };

/**
 * Issues, transitions and comments, shared by both Jira emulators under `/rest/api/{3,2}`:
 * create (201 CreatedIssue), read (IssueBean with `fields` and `expand=names`), edit (204),
 * transitions (GET Transitions, POST 204), comments (PageOfComments, 201/200 Comment).
 */
export function registerJiraIssueRoutes(instance: FastifyInstance, context: JiraRoutesContext): void {
  const api = apiPrefix(context);
  const onRequest = context.authenticated;
  const fieldContext = () => ({ work: context.work, projects: context.projects(), text: context.dialect.text, people: context.dialect.people });

  instance.post(`${api}/issue`, { onRequest }, async (request, reply) => {
    const body = isRecord(request.body) ? request.body : {};
    const read = readIssueFields(fieldContext(), body['fields'], body['update'], 'create');
    if (Object.keys(read.errors).length > 0 || read.projectKey === undefined) return reply.code(400).send(jiraErrorCollection([], read.errors));
    const issue = context.work.createIssue(
      { ...read.changes, projectKey: read.projectKey, issueTypeId: read.changes.issueTypeId!, summary: read.changes.summary! },
      context.actorId(),
    );
    return reply.code(201).send({ id: issue.id, key: issue.key, self: `${context.siteUrl(request)}${api}/issue/${issue.id}` });
  });

  /**
   * Bulk create (IssuesUpdateBean → CreatedIssues): up to 50 elements, each created or refused on
   * its own. 201 when any was created, 400 with the same body when none was (v3 document,
   * `POST /rest/api/3/issue/bulk`; Jira DC has the same resource under v2).
   */
  instance.post(`${api}/issue/bulk`, { onRequest }, async (request, reply) => {
    const body = isRecord(request.body) ? request.body : {};
    const updates = body['issueUpdates'];
    if (!Array.isArray(updates)) return reply.code(400).send(jiraErrorCollection(['issueUpdates must be a list of issues to create.']));
    if (updates.length > bulkCreateLimit)
      return reply.code(400).send(jiraErrorCollection([`Too many issues in one request: ${updates.length}, at most ${bulkCreateLimit}.`]));
    const issues: { id: string; key: string; self: string }[] = [];
    const errors: { status: number; elementErrors: ReturnType<typeof jiraErrorCollection>; failedElementNumber: number }[] = [];
    for (const [index, update] of updates.entries()) {
      const element = isRecord(update) ? update : {};
      const read = readIssueFields(fieldContext(), element['fields'], element['update'], 'create');
      if (Object.keys(read.errors).length > 0 || read.projectKey === undefined) {
        errors.push({ status: 400, elementErrors: jiraErrorCollection([], read.errors), failedElementNumber: index });
        continue;
      }
      const issue = context.work.createIssue(
        { ...read.changes, projectKey: read.projectKey, issueTypeId: read.changes.issueTypeId!, summary: read.changes.summary! },
        context.actorId(),
      );
      issues.push({ id: issue.id, key: issue.key, self: `${context.siteUrl(request)}${api}/issue/${issue.id}` });
    }
    return reply.code(issues.length > 0 ? 201 : 400).send({ issues, errors });
  });

  instance.get<KeyParameters>(`${api}/issue/:key`, { onRequest }, async (request, reply) => {
    const issue = findIssueOr404(context, request.params.key, reply);
    if (issue === undefined) return reply;
    return issueRepresentation(representationContext(context, request), issue, readFieldsAndExpand(request));
  });

  instance.put<KeyParameters>(`${api}/issue/:key`, { onRequest }, async (request, reply) => {
    const issue = findIssueOr404(context, request.params.key, reply);
    if (issue === undefined) return reply;
    const body = isRecord(request.body) ? request.body : {};
    const read = readIssueFields(fieldContext(), body['fields'], body['update'], 'edit');
    if (Object.keys(read.errors).length > 0) return reply.code(400).send(jiraErrorCollection([], read.errors));
    context.work.updateIssue(issue, read.changes, context.actorId());
    return reply.code(204).send();
  });

  instance.get<KeyParameters>(`${api}/issue/:key/transitions`, { onRequest }, async (request, reply) => {
    const issue = findIssueOr404(context, request.params.key, reply);
    if (issue === undefined) return reply;
    const represent = representationContext(context, request);
    return { expand: 'transitions', transitions: context.work.transitionsOf(issue).map((transition) => transitionRepresentation(represent, transition)) };
  });

  instance.post<KeyParameters>(`${api}/issue/:key/transitions`, { onRequest }, async (request, reply) => {
    const issue = findIssueOr404(context, request.params.key, reply);
    if (issue === undefined) return reply;
    const body = isRecord(request.body) ? request.body : {};
    const wanted = isRecord(body['transition']) ? body['transition']['id'] : undefined;
    const transition = context.work.transitionsOf(issue).find((candidate) => candidate.id === String(wanted));
    if (transition === undefined) return reply.code(400).send(jiraErrorCollection([`Transition id '${String(wanted)}' is not valid for this issue.`]));
    context.work.transition(issue, transition, context.actorId());
    return reply.code(204).send();
  });

  instance.get<KeyParameters>(`${api}/issue/:key/comment`, { onRequest }, async (request, reply) => {
    const issue = findIssueOr404(context, request.params.key, reply);
    if (issue === undefined) return reply;
    const startAt = readIntegerParameter(request, 'startAt', { fallback: 0, minimum: 0 });
    const maxResults = readIntegerParameter(request, 'maxResults', { fallback: 50, minimum: 0 });
    if (!startAt.ok || !maxResults.ok) return reply.code(400).send(jiraErrorCollection(['startAt and maxResults must be whole numbers of 0 or more.']));
    const size = Math.min(maxResults.value, 100);
    const represent = representationContext(context, request);
    const comments = issue.comments.slice(startAt.value, startAt.value + size);
    return {
      startAt: startAt.value,
      maxResults: size,
      total: issue.comments.length,
      comments: comments.map((comment) => commentRepresentation(represent, issue, comment)),
    };
  });

  instance.post<KeyParameters>(`${api}/issue/:key/comment`, { onRequest }, async (request, reply) => {
    const issue = findIssueOr404(context, request.params.key, reply);
    if (issue === undefined) return reply;
    const body = readCommentBody(context, request.body);
    if (typeof body === 'string') return reply.code(400).send(jiraErrorCollection([], { comment: body }));
    const comment = context.work.addComment(issue, body.value, context.actorId());
    return reply.code(201).send(commentRepresentation(representationContext(context, request), context.work.issue(issue.key)!, comment));
  });

  instance.put<CommentParameters>(`${api}/issue/:key/comment/:commentId`, { onRequest }, async (request, reply) => {
    const issue = findIssueOr404(context, request.params.key, reply);
    if (issue === undefined) return reply;
    const comment = issue.comments.find((candidate) => candidate.id === request.params.commentId);
    if (comment === undefined) return reply.code(404).send(jiraErrorCollection([`Can not find a comment for the id: ${request.params.commentId}.`]));
    const body = readCommentBody(context, request.body);
    if (typeof body === 'string') return reply.code(400).send(jiraErrorCollection([], { comment: body }));
    const edited = context.work.updateComment(issue, comment, body.value, context.actorId());
    return commentRepresentation(representationContext(context, request), context.work.issue(issue.key)!, edited);
  });
}

/** A comment body: an ADF document on Cloud v3, a wiki markup string on Server/DC v2; never empty. */
function readCommentBody(context: JiraRoutesContext, requestBody: unknown): { readonly value: unknown } | string {
  const body = isRecord(requestBody) ? requestBody['body'] : undefined;
  if (context.dialect.text === 'wiki') return typeof body === 'string' && body.trim() !== '' ? { value: body } : 'Comment body can not be empty!';
  const isDocument = isRecord(body) && body['type'] === 'doc' && Array.isArray(body['content']);
  if (!isDocument) return 'Comment body is not a valid Atlassian Document.';
  return (body['content'] as unknown[]).length === 0 ? 'Comment body can not be empty!' : { value: body };
}

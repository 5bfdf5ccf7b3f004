import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { readBooleanParameter, readIntegerParameter, readQueryParameter } from '../../emulator-kit';
import type { AzureDevOpsEmulatorState, AzureDevOpsProjectRecord } from './azure-devops-emulator-state';
import { failure, workItemNotFound } from './emulator-failure';
import { pathVariants, type AzureDevOpsRequestKit } from './request-kit';
import type { ServiceHookOutbox } from './service-hook-outbox';
import type { CommentRecord, WorkItemRecord } from './work-item-records';
import { representComment } from './work-item-representation';

type CommentRequest = FastifyRequest<{ Params: { organization: string; project: string; workItemId: string; commentId?: string } }>;

/** The comments resource has only ever been preview (7.1-preview.4 in the 7.1 document). */
const commentsResource = { released: undefined };
/** Comments come 200 to a page unless `$top` asks for fewer (the service's maximum). */
const maximumPage = 200;
const commentBodySchema = z.looseObject({ text: z.string().min(1) });

/**
 * Work item comments (7.1-preview.4) under `/{organization}/{project}`, where the service requires
 * the project. Adding or editing a comment is a new revision of the work item, as in the service.
 */
export function registerCommentRoutes(instance: FastifyInstance, state: AzureDevOpsEmulatorState, kit: AzureDevOpsRequestKit, outbox: ServiceHookOutbox): void {
  const onRequest = [...kit.onRequest];

  /** Resolves project and work item, answering the service's refusals; undefined when answered. */
  const resolve = (
    request: CommentRequest,
    reply: FastifyReply,
  ): { contentType: string; project: AzureDevOpsProjectRecord; item: WorkItemRecord } | undefined => {
    const contentType = kit.negotiate(request, reply, commentsResource);
    if (contentType === undefined) return undefined;
    const project = kit.project(request, reply);
    if (project === undefined) return undefined;
    const item = state.findWorkItem(Number(request.params.workItemId));
    if (
      !/^\d+$/.test(request.params.workItemId) ||
      item === undefined ||
      String(item.fields['System.TeamProject']).toLowerCase() !== project.name.toLowerCase()
    ) {
      kit.send(reply, workItemNotFound(request.params.workItemId));
      return undefined;
    }
    return { contentType, project, item };
  };

  /** A comment is a change to the work item: a new revision with a new ChangedDate and CommentCount. */
  const touch = (item: WorkItemRecord): WorkItemRecord => {
    const rev = item.rev + 1;
    const touched = {
      ...item,
      rev,
      fields: {
        ...item.fields,
        'System.Rev': rev,
        'System.ChangedDate': state.now(),
        'System.ChangedBy': state.account.email,
        'System.CommentCount': state.commentsOf(item.id).filter((comment) => !comment.isDeleted).length,
      },
    };
    state.saveWorkItem(touched);
    return touched;
  };

  const listComments = async (untypedRequest: FastifyRequest, reply: FastifyReply) => {
    const request = untypedRequest as CommentRequest;
    const resolved = resolve(request, reply);
    if (resolved === undefined) return reply;
    const top = readIntegerParameter(request, '$top', { fallback: maximumPage, minimum: 1, maximum: maximumPage });
    const start = readIntegerParameter(request, 'continuationToken', { fallback: 0, minimum: 0 });
    if (!top.ok || !start.ok) return kit.send(reply, failure(400, 'VssServiceException', 'The value of $top or continuationToken is not valid.'));
    const includeDeleted = readBooleanParameter(request, 'includeDeleted') === true;
    const ascending = (readQueryParameter(request, 'order') ?? 'desc').toLowerCase() === 'asc';
    const all = state
      .commentsOf(resolved.item.id)
      .filter((comment) => includeDeleted || !comment.isDeleted)
      .sort((left, right) => (ascending ? left.id - right.id : right.id - left.id));
    const page = all.slice(start.value, start.value + top.value);
    const organizationUrl = kit.organizationUrl(request);
    const url = `${organizationUrl}/${resolved.project.id}/_apis/wit/workItems/${resolved.item.id}/comments`;
    const next = start.value + page.length < all.length ? String(start.value + page.length) : undefined;
    return reply.type(resolved.contentType).send({
      totalCount: all.length,
      count: page.length,
      comments: page.map((comment) => representComment(state, organizationUrl, resolved.project.id, comment)),
      ...(next === undefined ? {} : { continuationToken: next, nextPage: `${url}?continuationToken=${next}&$top=${top.value}` }),
      url,
    });
  };

  const addComment = async (untypedRequest: FastifyRequest, reply: FastifyReply) => {
    const request = untypedRequest as CommentRequest;
    const resolved = resolve(request, reply);
    if (resolved === undefined) return reply;
    const body = commentBodySchema.safeParse(request.body);
    if (!body.success) return kit.send(reply, failure(400, 'VssPropertyValidationException', 'The comment text cannot be empty.'));
    const now = state.now();
    const comment: CommentRecord = {
      id: state.nextCommentId(),
      workItemId: resolved.item.id,
      version: 1,
      text: body.data.text,
      createdBy: state.account.id,
      createdDate: now,
      modifiedBy: state.account.id,
      modifiedDate: now,
      isDeleted: false,
    };
    state.saveComment(comment);
    const organizationUrl = kit.organizationUrl(request);
    outbox.publish(organizationUrl, { eventType: 'workitem.commented', record: touch(resolved.item), commentText: comment.text });
    return reply.type(resolved.contentType).send(representComment(state, organizationUrl, resolved.project.id, comment));
  };

  const findComment = (request: CommentRequest, reply: FastifyReply, item: WorkItemRecord): CommentRecord | undefined => {
    const comment = state.commentsOf(item.id).find((candidate) => String(candidate.id) === request.params.commentId);
    if (comment === undefined)
      kit.send(reply, failure(404, 'CommentNotFoundException', `VS403600: Comment ${request.params.commentId ?? ''} of work item ${item.id} does not exist.`));
    return comment;
  };

  const getComment = async (untypedRequest: FastifyRequest, reply: FastifyReply) => {
    const request = untypedRequest as CommentRequest;
    const resolved = resolve(request, reply);
    const comment = resolved === undefined ? undefined : findComment(request, reply, resolved.item);
    if (resolved === undefined || comment === undefined) return reply;
    return reply.type(resolved.contentType).send(representComment(state, kit.organizationUrl(request), resolved.project.id, comment));
  };

  const updateComment = async (untypedRequest: FastifyRequest, reply: FastifyReply) => {
    const request = untypedRequest as CommentRequest;
    const resolved = resolve(request, reply);
    const comment = resolved === undefined ? undefined : findComment(request, reply, resolved.item);
    if (resolved === undefined || comment === undefined) return reply;
    const body = commentBodySchema.safeParse(request.body);
    if (!body.success) return kit.send(reply, failure(400, 'VssPropertyValidationException', 'The comment text cannot be empty.'));
    const updated: CommentRecord = { ...comment, text: body.data.text, version: comment.version + 1, modifiedBy: state.account.id, modifiedDate: state.now() };
    state.saveComment(updated);
    const organizationUrl = kit.organizationUrl(request);
    const touched = touch(resolved.item);
    outbox.publish(organizationUrl, {
      eventType: 'workitem.updated',
      record: touched,
      changes: { 'System.Rev': { oldValue: resolved.item.rev, newValue: touched.rev } },
    });
    return reply.type(resolved.contentType).send(representComment(state, organizationUrl, resolved.project.id, updated));
  };

  const deleteComment = async (untypedRequest: FastifyRequest, reply: FastifyReply) => {
    const request = untypedRequest as CommentRequest;
    const resolved = resolve(request, reply);
    const comment = resolved === undefined ? undefined : findComment(request, reply, resolved.item);
    if (resolved === undefined || comment === undefined) return reply;
    state.saveComment({ ...comment, isDeleted: true, modifiedDate: state.now() });
    touch(resolved.item);
    return reply.code(204).send();
  };

  for (const path of pathVariants('/:organization/:project/_apis/wit/workItems/:workItemId/comments')) {
    instance.get(path, { onRequest }, listComments);
    instance.post(path, { onRequest }, addComment);
    instance.get(`${path}/:commentId`, { onRequest }, getComment);
    instance.patch(`${path}/:commentId`, { onRequest }, updateComment);
    instance.delete(`${path}/:commentId`, { onRequest }, deleteComment);
  }
}

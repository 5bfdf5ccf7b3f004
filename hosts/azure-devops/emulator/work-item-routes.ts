import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { readBooleanParameter, readQueryList, readQueryParameter } from '../../emulator-kit';
import { applyWorkItemPatch } from './apply-work-item-patch';
import type { AzureDevOpsEmulatorState } from './azure-devops-emulator-state';
import { failure, workItemNotFound } from './emulator-failure';
import { pathVariants, type AzureDevOpsRequestKit, type OrganizationRequest } from './request-kit';
import type { ServiceHookOutbox } from './service-hook-outbox';
import { parseWiql, runWiql } from './wiql';
import { workItemTypes, type WorkItemRecord } from './work-item-records';
import { representWorkItem, type WorkItemExpand } from './work-item-representation';

type WorkItemRequest = FastifyRequest<{ Params: { organization: string; project?: string; id: string } }>;

const workItemsResource = { released: { major: 7, minor: 1 } };
const expandValues: readonly WorkItemExpand[] = ['none', 'relations', 'fields', 'links', 'all'];
/** The id a work item has while its creation is checked; no saved work item has it. */
const draftId = 0;
/** WIQL answers at most 20,000 work items (learn.microsoft.com, "Wiql - Query By Wiql"). */
const wiqlLimit = 20_000;

const batchSchema = z.looseObject({
  ids: z.array(z.number().int()).min(1).max(200),
  fields: z.array(z.string()).nullish(),
  $expand: z.string().nullish(),
  errorPolicy: z.enum(['fail', 'omit']).nullish(),
});

/**
 * Work items (work item tracking 7.1): read, create and update through JSON Patch, the batch read
 * and WIQL. Routes exist with and without `/{project}`, as the service serves both.
 */
export function registerWorkItemRoutes(
  instance: FastifyInstance,
  state: AzureDevOpsEmulatorState,
  kit: AzureDevOpsRequestKit,
  outbox: ServiceHookOutbox,
): void {
  const onRequest = [...kit.onRequest];

  const readExpand = (request: FastifyRequest, reply: FastifyReply, value: string | undefined): WorkItemExpand | undefined => {
    const expand = (value ?? 'none').toLowerCase();
    if (expandValues.some((known) => known === expand)) return expand as WorkItemExpand;
    kit.send(reply, failure(400, 'VssServiceException', `The value '${value ?? ''}' is not valid for $expand.`));
    return undefined;
  };

  /** JSON Patch bodies must be sent as application/json-patch+json, or the service answers 415. */
  const requirePatchContentType = (request: FastifyRequest, reply: FastifyReply): boolean => {
    const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (contentType === 'application/json-patch+json') return true;
    kit.send(
      reply,
      failure(
        415,
        'VssRequestContentTypeNotSupportedException',
        `The request indicated a Content-Type of "${contentType ?? ''}" for method type "${request.method}" which is not supported. Valid content types for this method are: application/json-patch+json.`,
      ),
    );
    return false;
  };

  const getWorkItem = async (untypedRequest: FastifyRequest, reply: FastifyReply) => {
    const request = untypedRequest as WorkItemRequest;
    const contentType = kit.negotiate(request, reply, workItemsResource);
    if (contentType === undefined) return reply;
    const record = state.findWorkItem(Number(request.params.id));
    if (!/^\d+$/.test(request.params.id) || record === undefined) return kit.send(reply, workItemNotFound(request.params.id));
    const expand = readExpand(request, reply, readQueryParameter(request, '$expand'));
    if (expand === undefined) return reply;
    const fields = readQueryList(request, 'fields');
    return reply.type(contentType).send(representWorkItem(state, kit.organizationUrl(request), record, expand, fields.length > 0 ? fields : undefined));
  };

  const updateWorkItem = async (untypedRequest: FastifyRequest, reply: FastifyReply) => {
    const request = untypedRequest as WorkItemRequest;
    const contentType = kit.negotiate(request, reply, workItemsResource);
    if (contentType === undefined || !requirePatchContentType(request, reply)) return reply;
    const record = state.findWorkItem(Number(request.params.id));
    if (!/^\d+$/.test(request.params.id) || record === undefined) return kit.send(reply, workItemNotFound(request.params.id));
    const expand = readExpand(request, reply, readQueryParameter(request, '$expand'));
    if (expand === undefined) return reply;
    const patched = applyWorkItemPatch(state, record, request.body, state.account.email);
    if (!patched.ok) return kit.send(reply, patched.failure);
    const organizationUrl = kit.organizationUrl(request);
    if (readBooleanParameter(request, 'validateOnly') !== true && patched.value.record !== record) {
      state.saveWorkItem(patched.value.record);
      for (const linked of patched.value.linked) state.saveWorkItem(linked);
      if (readBooleanParameter(request, 'suppressNotifications') !== true) {
        outbox.publish(organizationUrl, { eventType: 'workitem.updated', record: patched.value.record, changes: patched.value.changes });
      }
    }
    return reply.type(contentType).send(representWorkItem(state, organizationUrl, patched.value.record, expand === 'none' ? 'relations' : expand));
  };

  const createWorkItem = async (untypedRequest: FastifyRequest, reply: FastifyReply) => {
    const request = untypedRequest as FastifyRequest<{ Params: { organization: string; project: string; id: string } }>;
    const contentType = kit.negotiate(request, reply, workItemsResource);
    if (contentType === undefined) return reply;
    const project = kit.project(request, reply);
    if (project === undefined) return reply;
    if (!requirePatchContentType(request, reply)) return reply;
    const requestedType = request.params.id.replace(/^\$/, '');
    const type = workItemTypes.find((known) => known.toLowerCase() === requestedType.toLowerCase());
    if (!request.params.id.startsWith('$') || type === undefined) {
      return kit.send(
        reply,
        failure(
          404,
          'WorkItemTypeNotFoundException',
          `VS402323: Work item type ${requestedType} does not exist in project ${project.name} or you do not have permission to access it.`,
        ),
      );
    }
    const now = state.now();
    const email = state.account.email;
    // What the process fills in before the client's operations apply (Agile: New, priority 2).
    const draft: WorkItemRecord = {
      id: draftId,
      rev: 0,
      fields: {
        'System.AreaPath': project.name,
        'System.TeamProject': project.name,
        'System.IterationPath': project.name,
        'System.WorkItemType': type,
        'System.State': 'New',
        'System.Reason': 'New',
        'System.CreatedDate': now,
        'System.CreatedBy': email,
        'System.CommentCount': 0,
        'Microsoft.VSTS.Common.Priority': 2,
      },
      relations: [],
    };
    const patched = applyWorkItemPatch(state, draft, request.body, email);
    if (!patched.ok) return kit.send(reply, patched.failure);
    const validateOnly = readBooleanParameter(request, 'validateOnly') === true;
    const id = validateOnly ? 0 : state.nextWorkItemId();
    const record: WorkItemRecord = { ...patched.value.record, id, rev: 1, fields: { ...patched.value.record.fields, 'System.Id': id, 'System.Rev': 1 } };
    const organizationUrl = kit.organizationUrl(request);
    if (!validateOnly) {
      state.saveWorkItem(record);
      // A parent link made at creation is also a child link on the parent.
      for (const linked of patched.value.linked) state.saveWorkItem(relinkTo(linked, id));
      if (readBooleanParameter(request, 'suppressNotifications') !== true) outbox.publish(organizationUrl, { eventType: 'workitem.created', record });
    }
    return reply.type(contentType).send(representWorkItem(state, organizationUrl, record, 'relations'));
  };

  const batch = async (untypedRequest: FastifyRequest, reply: FastifyReply) => {
    const request = untypedRequest as OrganizationRequest;
    const contentType = kit.negotiate(request, reply, workItemsResource);
    if (contentType === undefined) return reply;
    const parsed = batchSchema.safeParse(request.body);
    if (!parsed.success) return kit.send(reply, failure(400, 'VssPropertyValidationException', 'The request body must list 1 to 200 work item ids in "ids".'));
    const expand = readExpand(request, reply, parsed.data.$expand ?? undefined);
    if (expand === undefined) return reply;
    const missing = parsed.data.ids.find((id) => state.findWorkItem(id) === undefined);
    if (missing !== undefined && parsed.data.errorPolicy !== 'omit') return kit.send(reply, workItemNotFound(missing));
    const organizationUrl = kit.organizationUrl(request);
    const value = parsed.data.ids.flatMap((id) => {
      const record = state.findWorkItem(id);
      return record === undefined ? [] : [representWorkItem(state, organizationUrl, record, expand, parsed.data.fields ?? undefined)];
    });
    return reply.type(contentType).send({ count: value.length, value });
  };

  /**
   * "Work Items - List": up to 200 comma-separated `ids`, with `fields` or `$expand` (not both) and
   * `errorPolicy`, answered as the batch read is. What azure-devops-node-api's getWorkItems sends.
   */
  const list = async (untypedRequest: FastifyRequest, reply: FastifyReply) => {
    const request = untypedRequest as OrganizationRequest;
    const contentType = kit.negotiate(request, reply, workItemsResource);
    if (contentType === undefined) return reply;
    const ids = (readQueryParameter(request, 'ids') ?? '').split(',').filter((each) => each.trim() !== '');
    if (ids.length === 0 || ids.length > 200 || ids.some((id) => !/^\d+$/.test(id.trim()))) {
      return kit.send(reply, failure(400, 'VssPropertyValidationException', 'The ids parameter must list 1 to 200 work item ids, separated by commas.'));
    }
    const fields = readQueryList(request, 'fields');
    const expand = readExpand(request, reply, readQueryParameter(request, '$expand'));
    if (expand === undefined) return reply;
    if (fields.length > 0 && expand !== 'none') {
      return kit.send(reply, failure(400, 'ConflictingParametersException', 'The expand parameter can not be used with the fields parameter.'));
    }
    const records = ids.map((id) => state.findWorkItem(Number(id)));
    const missing = ids.find((_id, index) => records[index] === undefined);
    if (missing !== undefined && readQueryParameter(request, 'errorPolicy')?.toLowerCase() !== 'omit') return kit.send(reply, workItemNotFound(missing));
    const organizationUrl = kit.organizationUrl(request);
    const value = records.map((record) =>
      record === undefined ? null : representWorkItem(state, organizationUrl, record, expand, fields.length > 0 ? fields : undefined),
    );
    return reply.type(contentType).send({ count: value.length, value });
  };

  const wiql = async (untypedRequest: FastifyRequest, reply: FastifyReply) => {
    const request = untypedRequest as OrganizationRequest;
    const contentType = kit.negotiate(request, reply, workItemsResource);
    if (contentType === undefined) return reply;
    const project = request.params.project === undefined ? undefined : kit.project(request, reply);
    if (request.params.project !== undefined && project === undefined) return reply;
    const body = z.looseObject({ query: z.string().min(1) }).safeParse(request.body);
    if (!body.success) return kit.send(reply, failure(400, 'VssPropertyValidationException', 'The request body must be a Wiql object with a "query".'));
    const parsed = parseWiql(body.data.query);
    if (!parsed.ok) return kit.send(reply, failure(400, 'WorkItemTrackingQueryException', parsed.message));
    const top = Number(readQueryParameter(request, '$top') ?? wiqlLimit);
    const run = runWiql(parsed.query, state.workItems, {
      project: project?.name,
      me: state.users[0] ?? { id: state.account.id, displayName: state.account.displayName, email: state.account.email },
      now: state.now(),
      timePrecision: readBooleanParameter(request, 'timePrecision') === true,
    });
    if (!run.ok) return kit.send(reply, failure(400, 'WorkItemTrackingQueryException', run.message));
    const organizationUrl = kit.organizationUrl(request);
    const fieldReference = (referenceName: string) => ({
      referenceName,
      name: referenceName.split('.').pop() ?? referenceName,
      url: `${organizationUrl}/_apis/wit/fields/${referenceName}`,
    });
    return reply.type(contentType).send({
      queryType: 'flat',
      queryResultType: 'workItem',
      asOf: state.now(),
      columns: parsed.query.columns.map(fieldReference),
      sortColumns: parsed.query.orderBy.map((order) => ({ field: fieldReference(order.field), descending: order.descending })),
      workItems: run.items
        .slice(0, Number.isInteger(top) && top > 0 ? Math.min(top, wiqlLimit) : wiqlLimit)
        .map((item) => ({ id: item.id, url: `${organizationUrl}/_apis/wit/workItems/${item.id}` })),
    });
  };

  for (const base of ['/:organization', '/:organization/:project']) {
    for (const path of pathVariants(`${base}/_apis/wit/workitems/:id`)) {
      instance.get(path, { onRequest }, getWorkItem);
      instance.patch(path, { onRequest }, updateWorkItem);
    }
    for (const path of pathVariants(`${base}/_apis/wit/workitems`)) instance.get(path, { onRequest }, list);
    instance.post(`${base}/_apis/wit/workitemsbatch`, { onRequest }, batch);
    instance.post(`${base}/_apis/wit/wiql`, { onRequest }, wiql);
  }
  for (const path of pathVariants('/:organization/:project/_apis/wit/workitems/:id')) instance.post(path, { onRequest }, createWorkItem);
  instance.post('/:organization/:project/:team/_apis/wit/wiql', { onRequest }, wiql);
}

/** The far end of a link made while creating pointed at the draft id; point it at the real one. */
function relinkTo(linked: WorkItemRecord, id: number): WorkItemRecord {
  return {
    ...linked,
    relations: linked.relations.map((relation) =>
      'workItemId' in relation.target && relation.target.workItemId === draftId && relation.rel === 'System.LinkTypes.Hierarchy-Forward'
        ? { ...relation, target: { workItemId: id } }
        : relation,
    ),
  };
}

import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { installTrackerErrorHandlers, publicBaseUrl, readIntegerParameter, readQueryParameter, takePage, type RateLimitStorm } from '../../emulator-kit';
import type { ResourceVersions } from './api-version';
import { azureDevOpsErrorBody } from './azure-devops-error-body';
import { registerAttachmentRoutes } from './attachment-routes';
import { projectStates, type AzureDevOpsEmulatorState, type AzureDevOpsProjectRecord } from './azure-devops-emulator-state';
import { registerCommentRoutes } from './comment-routes';
import { registerIdentityAndHookRoutes } from './identity-and-hook-routes';
import { createRequestKit, type OrganizationRequest } from './request-kit';
import { registerResourceLocationRoutes } from './resource-locations';
import type { ServiceHookOutbox } from './service-hook-outbox';
import { registerWorkItemRoutes } from './work-item-routes';
import { registerWorkItemTypeRoutes } from './work-item-type-routes';

/** Projects (core area) were released at 7.1; 7.2 is still preview on Services. */
const projectsResource: ResourceVersions = { released: { major: 7, minor: 1 } };
/** connectionData (location area) has only ever been a preview resource. */
const connectionDataResource: ResourceVersions = { released: undefined };

/** Projects come 100 to a page unless `$top` says otherwise; the rest follow a continuation token. */
const defaultPageSize = 100;

export interface AzureDevOpsRouteRuntime {
  readonly storm: RateLimitStorm;
  readonly outbox: ServiceHookOutbox;
}

/**
 * Azure DevOps REST 7.1 under `/{organization}`: the core area's project list (checked against
 * azure-devops-core.7.1.json), connectionData (the location resource every client calls first to
 * learn who it is and whether it talks to Services `hosted` or Server `onPremises`; no document in
 * shared/specs covers it), work items and their types, comments, attachments, WIQL, identities and service hooks.
 */
export function createAzureDevOpsRoutes(state: AzureDevOpsEmulatorState, runtime: AzureDevOpsRouteRuntime): FastifyPluginAsync {
  return async (instance) => {
    const prefix = instance.prefix;
    const vssError = (typeKey: string, assembly: string, message: string) => azureDevOpsErrorBody({ typeKey, assembly, message });

    installTrackerErrorHandlers(instance, {
      notFound: (request) => {
        const path = new URL(request.url, 'http://placeholder.invalid').pathname.slice(prefix.length);
        return vssError(
          'VssResourceNotFoundException',
          'Microsoft.VisualStudio.Services.WebApi',
          `API resource location ${path} is not registered on ${publicBaseUrl(request, prefix)}/.`,
        );
      },
      failure: (_statusCode, message) => vssError('VssServiceException', 'Microsoft.VisualStudio.Services.Common', message),
    });

    // Work item writes are JSON Patch documents; attachment uploads are raw bytes.
    instance.addContentTypeParser('application/json-patch+json', { parseAs: 'string' }, instance.getDefaultJsonParser('error', 'error'));
    instance.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

    const kit = createRequestKit(instance, state, runtime.storm);
    const organizationUrl = kit.organizationUrl;
    const negotiate = kit.negotiate;
    const invalidParameter = (reply: FastifyReply, name: string, offered: string): FastifyReply =>
      reply.code(400).send(vssError('VssServiceException', 'Microsoft.VisualStudio.Services.Common', `The value '${offered}' is not valid for ${name}.`));
    const onRequest = [...kit.onRequest];

    registerWorkItemRoutes(instance, state, kit, runtime.outbox);
    registerWorkItemTypeRoutes(instance, kit);
    registerCommentRoutes(instance, state, kit, runtime.outbox);
    registerAttachmentRoutes(instance, state, kit);
    registerIdentityAndHookRoutes(instance, state, kit, runtime.outbox);
    registerResourceLocationRoutes(instance, state, kit);

    instance.get('/:organization/_apis/projects', { onRequest }, async (request, reply) => {
      const contentType = negotiate(request, reply, projectsResource);
      if (contentType === undefined) return reply;
      const stateFilter = readQueryParameter(request, 'stateFilter') ?? 'wellFormed';
      const top = readIntegerParameter(request, '$top', { fallback: defaultPageSize, minimum: 1 });
      const skip = readIntegerParameter(request, '$skip', { fallback: 0, minimum: 0 });
      // The document types continuationToken as an integer: "Pointer that shows how many projects already been fetched."
      const continuation = readIntegerParameter(request, 'continuationToken', { fallback: 0, minimum: 0 });
      if (!top.ok) return invalidParameter(reply, '$top', top.offered);
      if (!skip.ok) return invalidParameter(reply, '$skip', skip.offered);
      if (!continuation.ok) return invalidParameter(reply, 'continuationToken', continuation.offered);
      if (!projectStates.some((known) => known.toLowerCase() === stateFilter.toLowerCase())) return invalidParameter(reply, 'stateFilter', stateFilter);

      const visible = state.projects.filter((project) => matchesStateFilter(project, stateFilter));
      const page = takePage(visible, continuation.value + skip.value, top.value);
      // More projects are announced in a response header, never in the body.
      if (page.nextPosition !== undefined) reply.header('x-ms-continuationtoken', String(page.nextPosition));
      const url = organizationUrl(request);
      return reply.type(contentType).send({ count: page.items.length, value: page.items.map((project) => projectReference(url, project)) });
    });

    // One project by id or name (core "Projects - Get"): the reference plus its capabilities.
    instance.get('/:organization/_apis/projects/:project', { onRequest }, async (request, reply) => {
      const contentType = negotiate(request, reply, projectsResource);
      if (contentType === undefined) return reply;
      const project = kit.project(request as OrganizationRequest, reply);
      if (project === undefined) return reply;
      return reply.type(contentType).send({
        ...projectReference(organizationUrl(request), project),
        capabilities: { processTemplate: { templateName: 'Agile' }, versioncontrol: { sourceControlType: 'Git' } },
      });
    });

    instance.get('/:organization/_apis/connectionData', { onRequest }, async (request, reply) => {
      const contentType = negotiate(request, reply, connectionDataResource);
      if (contentType === undefined) return reply;
      const account = state.account;
      const identity = {
        id: account.id,
        descriptor: `Microsoft.IdentityModel.Claims.ClaimsIdentity;${account.email}`,
        subjectDescriptor: `aad.${Buffer.from(account.id).toString('base64url')}`,
        providerDisplayName: account.displayName,
        isActive: true,
        properties: { Account: { $type: 'System.String', $value: account.email } },
        resourceVersion: 2,
        metaTypeId: 0,
      };
      return reply.type(contentType).send({
        authenticatedUser: identity,
        authorizedUser: identity,
        instanceId: state.instanceId,
        deploymentId: state.deploymentId,
        deploymentType: state.deploymentType,
        locationServiceData: {
          // The service owner id of Azure DevOps' TFS service, which owns the location data.
          serviceOwner: '00025394-6065-48ca-87d9-7f5672854ef7',
          defaultAccessMappingMoniker: 'PublicAccessMapping',
          lastChangeId: 1,
          lastChangeId64: 1,
        },
      });
    });
  };
}

/** `wellFormed` is the default; `all` means every state except deleted (the document's ProjectState). */
function matchesStateFilter(project: AzureDevOpsProjectRecord, stateFilter: string): boolean {
  const filter = stateFilter.toLowerCase();
  if (filter === 'all') return project.state !== 'deleted';
  return project.state.toLowerCase() === filter;
}

/** TeamProjectReference, as `definitions.TeamProjectReference` in the core 7.1 document describes it. */
function projectReference(organizationUrl: string, project: AzureDevOpsProjectRecord): Record<string, unknown> {
  return {
    id: project.id,
    name: project.name,
    description: project.description,
    url: `${organizationUrl}/_apis/projects/${project.id}`,
    state: project.state,
    revision: project.revision,
    visibility: project.visibility,
    lastUpdateTime: project.lastUpdateTime,
  };
}

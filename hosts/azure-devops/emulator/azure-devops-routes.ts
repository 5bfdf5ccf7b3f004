import type { FastifyPluginAsync, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import {
  azureDevOpsErrorBody,
  createAuthorizationGuard,
  installTrackerErrorHandlers,
  publicBaseUrl,
  readBasicCredentials,
  readIntegerParameter,
  readQueryParameter,
  secretsMatch,
  takePage,
} from '../../emulator-kit';
import { negotiateApiVersion, type ApiVersion, type ResourceVersions } from './api-version';
import { projectStates, type AzureDevOpsEmulatorState, type AzureDevOpsProjectRecord } from './azure-devops-emulator-state';

type OrganizationRequest = FastifyRequest<{ Params: { organization: string } }>;

/** Projects (core area) were released at 7.1; 7.2 is still preview on Services. */
const projectsResource: ResourceVersions = { released: { major: 7, minor: 1 } };
/** connectionData (location area) has only ever been a preview resource. */
const connectionDataResource: ResourceVersions = { released: undefined };
/** Services runs ahead of the newest Azure DevOps Server (2022.1 tops out at 7.1). */
const latestVersion = { hosted: { major: 7, minor: 2 }, onPremises: { major: 7, minor: 1 } } as const satisfies Record<string, ApiVersion>;

/** Projects come 100 to a page unless `$top` says otherwise; the rest follow a continuation token. */
const defaultPageSize = 100;

/**
 * Azure DevOps REST 7.1 under `/{organization}`: the core area's project list (checked against
 * azure-devops-core.7.1.json) and connectionData, the location resource every Azure DevOps client
 * calls first to learn who it is and whether it talks to Services (`hosted`) or Server
 * (`onPremises`). No document in shared/specs covers connectionData.
 */
export function createAzureDevOpsRoutes(state: AzureDevOpsEmulatorState): FastifyPluginAsync {
  return async (instance) => {
    const prefix = instance.prefix;
    const organizationUrl = (request: FastifyRequest): string => `${publicBaseUrl(request, prefix)}/${state.organization}`;
    const vssError = (typeKey: string, assembly: string, message: string) => azureDevOpsErrorBody({ typeKey, assembly, message });

    installTrackerErrorHandlers(instance, {
      notFound: (request) => {
        const path = new URL(request.url, 'http://placeholder.invalid').pathname.slice(prefix.length);
        return vssError('VssResourceNotFoundException', 'Microsoft.VisualStudio.Services.WebApi', `API resource location ${path} is not registered on ${publicBaseUrl(request, prefix)}/.`);
      },
      failure: (_statusCode, message) => vssError('VssServiceException', 'Microsoft.VisualStudio.Services.Common', message),
    });

    const knownOrganization: onRequestAsyncHookHandler = async (request, reply) => {
      const { organization } = (request as OrganizationRequest).params;
      if (organization.toLowerCase() === state.organization.toLowerCase()) return;
      return reply.code(404).send(vssError('CollectionDoesNotExistException', 'Microsoft.VisualStudio.Services.WebApi', `VS402844: Collection with name ${organization} does not exist.`));
    };

    // The core document's security definition: "Use any value for the user name and the token as the password."
    const guard = createAuthorizationGuard({
      accepts: (header) => {
        const credentials = readBasicCredentials(header);
        return credentials !== undefined && secretsMatch(credentials.password, state.account.personalAccessToken);
      },
      refuse: (reply, outcome) => reply.code(401).send(vssError(
        'UnauthorizedRequestException',
        'Microsoft.TeamFoundation.Framework.Server',
        outcome === 'missing'
          ? 'TF400813: Resource not available for anonymous access. Client authentication required.'
          : "TF400813: The user '00000000-0000-0000-0000-000000000000' is not authorized to access this resource.",
      )),
    });

    /**
     * Negotiates api-version before anything else, since the service routes by it: a refused version
     * is answered (400) and undefined returned; otherwise the Content-Type that echoes the version.
     */
    function negotiate(request: FastifyRequest, reply: FastifyReply, resource: ResourceVersions): string | undefined {
      const version = negotiateApiVersion(request, resource, latestVersion[state.deploymentType]);
      if (!version.ok) {
        void reply.code(400).send(version.body);
        return undefined;
      }
      return `application/json; charset=utf-8; api-version=${version.text}`;
    }

    const invalidParameter = (reply: FastifyReply, name: string, offered: string): FastifyReply =>
      reply.code(400).send(vssError('VssServiceException', 'Microsoft.VisualStudio.Services.Common', `The value '${offered}' is not valid for ${name}.`));

    const onRequest = [knownOrganization, guard.required];

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

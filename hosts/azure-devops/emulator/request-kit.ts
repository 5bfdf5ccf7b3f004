import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { createAuthorizationGuard, publicBaseUrl, readBasicCredentials, refuseDuringStorm, secretsMatch, type RateLimitStorm } from '../../emulator-kit';
import { negotiateApiVersion, type ApiVersion, type ResourceVersions } from './api-version';
import type { AzureDevOpsEmulatorState, AzureDevOpsProjectRecord } from './azure-devops-emulator-state';
import { failure, type EmulatorFailure } from './emulator-failure';

export type OrganizationRequest = FastifyRequest<{ Params: { organization: string; project?: string } }>;

/** Services runs ahead of the newest Azure DevOps Server (2022.1 tops out at 7.1). */
const latestVersion = { hosted: { major: 7, minor: 2 }, onPremises: { major: 7, minor: 1 } } as const satisfies Record<string, ApiVersion>;

/** What every Azure DevOps route needs: the organization check, auth, throttling, api-version. */
export interface AzureDevOpsRequestKit {
  readonly onRequest: readonly onRequestAsyncHookHandler[];
  organizationUrl(request: FastifyRequest): string;
  /**
   * Negotiates api-version before anything else, since the service routes by it: a refused version
   * is answered (400) and undefined returned; otherwise the Content-Type that echoes the version.
   */
  negotiate(request: FastifyRequest, reply: FastifyReply, resource: ResourceVersions): string | undefined;
  send(reply: FastifyReply, failure: EmulatorFailure): FastifyReply;
  /** The project named in the path, or a 404 answered and undefined. */
  project(request: OrganizationRequest, reply: FastifyReply): AzureDevOpsProjectRecord | undefined;
}

export function createRequestKit(instance: FastifyInstance, state: AzureDevOpsEmulatorState, storm: RateLimitStorm): AzureDevOpsRequestKit {
  const prefix = instance.prefix;
  const send = (reply: FastifyReply, refusal: EmulatorFailure): FastifyReply => reply.code(refusal.status).send(refusal.body);

  const knownOrganization: onRequestAsyncHookHandler = async (request, reply) => {
    const { organization } = (request as OrganizationRequest).params;
    if (organization.toLowerCase() === state.organization.toLowerCase()) return;
    return send(reply, failure(404, 'CollectionDoesNotExistException', `VS402844: Collection with name ${organization} does not exist.`));
  };

  // The core document's security definition: "Use any value for the user name and the token as the password."
  const guard = createAuthorizationGuard({
    accepts: (header) => {
      const credentials = readBasicCredentials(header);
      return credentials !== undefined && secretsMatch(credentials.password, state.account.personalAccessToken);
    },
    refuse: (reply, outcome) =>
      send(
        reply,
        failure(
          401,
          'UnauthorizedRequestException',
          outcome === 'missing'
            ? 'TF400813: Resource not available for anonymous access. Client authentication required.'
            : "TF400813: The user '00000000-0000-0000-0000-000000000000' is not authorized to access this resource.",
        ),
      ),
  });

  // Throttled requests get 429 with Retry-After and the X-RateLimit-* headers Azure DevOps documents
  // ("Rate and usage limits": X-RateLimit-Resource, -Delay, -Limit, -Remaining, -Reset).
  const throttle = refuseDuringStorm(storm, {
    headers: (retryAfterSeconds) => ({
      'X-RateLimit-Resource': 'ATCPU',
      'X-RateLimit-Delay': String(retryAfterSeconds),
      'X-RateLimit-Limit': '200',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': String(Math.ceil(Date.parse(state.now()) / 1000) + retryAfterSeconds),
    }),
    body: () =>
      failure(
        429,
        'RequestBlockedException',
        "TF400733: The request has been canceled: Request was blocked due to exceeding usage of resource 'ATCPU' in namespace 'User'.",
      ).body,
  });

  return {
    onRequest: [knownOrganization, guard.required, throttle],
    organizationUrl: (request) => `${publicBaseUrl(request, prefix)}/${state.organization}`,
    negotiate(request, reply, resource) {
      const version = negotiateApiVersion(request, resource, latestVersion[state.deploymentType]);
      if (!version.ok) {
        void reply.code(400).send(version.body);
        return undefined;
      }
      return `application/json; charset=utf-8; api-version=${version.text}`;
    },
    send,
    project(request, reply) {
      const name = request.params.project ?? '';
      const project = state.findProject(name);
      if (project === undefined || project.state === 'deleted') {
        send(
          reply,
          failure(
            404,
            'ProjectDoesNotExistWithNameException',
            `TF200016: The following project does not exist: ${name}. Verify that the name of the project is correct and that the project exists on the specified Azure DevOps Server.`,
          ),
        );
        return undefined;
      }
      return project;
    },
  };
}

/** Registers one handler under every casing of a path Azure DevOps treats as the same (`workitems`, `workItems`). */
export function pathVariants(path: string): string[] {
  return [...new Set([path, path.replace(/workitems/g, 'workItems'), path.replace(/workItems/g, 'workitems')])];
}

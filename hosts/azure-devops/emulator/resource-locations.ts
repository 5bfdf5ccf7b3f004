import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AzureDevOpsEmulatorState } from './azure-devops-emulator-state';
import type { AzureDevOpsRequestKit } from './request-kit';

/**
 * An `ApiResourceLocation` as Azure DevOps describes its routes to clients. Every official client
 * (azure-devops-node-api's VsoClient, the .NET VssHttpClientBase, the web SDK's RestClient) first
 * asks `OPTIONS {organization}/_apis/{area}` for these, then builds each URL from `routeTemplate`
 * (`{area}` and `{resource}` filled from the location, the rest from its arguments) and negotiates
 * `api-version` from `releasedVersion`, `maxVersion` and `resourceVersion`.
 */
interface ResourceLocation {
  readonly id: string;
  readonly area: string;
  readonly resourceName: string;
  readonly routeTemplate: string;
  /** The resource's preview revision (`7.1-preview.<resourceVersion>`). */
  readonly resourceVersion: number;
  /** Newest version served without `-preview`; `0.0` for a resource only ever in preview. */
  readonly releasedVersion: string;
}

/**
 * The locations of the resources this emulator serves. Ids and route templates are the service's
 * (the location ids azure-devops-node-api 17 passes to getVersioningData in CoreApi,
 * WorkItemTrackingApi and LocationsApi; resource versions as in the 7.1 REST reference). Two
 * resource names are spelt in the case the emulator routes (`workitems`, `workitemsbatch`), which
 * the service treats as the same path.
 */
const resourceLocations: readonly ResourceLocation[] = [
  {
    id: '00d9565f-ed9c-4a06-9a50-00e7896ccab4',
    area: 'Location',
    resourceName: 'ConnectionData',
    routeTemplate: '_apis/{resource}',
    resourceVersion: 1,
    releasedVersion: '0.0',
  },
  {
    id: 'e81700f7-3be2-46de-8624-2eb35882fcaa',
    area: 'Location',
    resourceName: 'ResourceAreas',
    routeTemplate: '_apis/{resource}/{areaId}',
    resourceVersion: 1,
    releasedVersion: '0.0',
  },
  {
    id: '603fe2ac-9723-48b9-88ad-09305aa6c6e1',
    area: 'core',
    resourceName: 'projects',
    routeTemplate: '_apis/{resource}/{*projectId}',
    resourceVersion: 4,
    releasedVersion: '7.1',
  },
  {
    id: '72c7ddf8-2cdc-4f60-90cd-ab71c14a399b',
    area: 'wit',
    resourceName: 'workitems',
    routeTemplate: '{project}/_apis/{area}/{resource}/{id}',
    resourceVersion: 3,
    releasedVersion: '7.1',
  },
  {
    id: '62d3d110-0047-428c-ad3c-4fe872c91c74',
    area: 'wit',
    resourceName: 'workitems',
    routeTemplate: '{project}/_apis/{area}/{resource}/${type}',
    resourceVersion: 3,
    releasedVersion: '7.1',
  },
  {
    id: '908509b6-4248-4475-a1cd-829139ba419f',
    area: 'wit',
    resourceName: 'workitemsbatch',
    routeTemplate: '{project}/_apis/{area}/{resource}',
    resourceVersion: 1,
    releasedVersion: '7.1',
  },
  {
    id: '1a9c53f7-f243-4447-b110-35ef023636e4',
    area: 'wit',
    resourceName: 'wiql',
    routeTemplate: '{project}/{team}/_apis/{area}/{resource}',
    resourceVersion: 2,
    releasedVersion: '7.1',
  },
  {
    id: '608aac0a-32e1-4493-a863-b9cf4566d257',
    area: 'wit',
    resourceName: 'comments',
    routeTemplate: '{project}/_apis/{area}/workItems/{workItemId}/{resource}/{commentId}',
    resourceVersion: 4,
    releasedVersion: '0.0',
  },
  {
    id: 'e07b5fa4-1499-494d-a496-64b860fd64ff',
    area: 'wit',
    resourceName: 'attachments',
    routeTemplate: '{project}/_apis/{area}/{resource}/{id}/{fileName}',
    resourceVersion: 3,
    releasedVersion: '7.1',
  },
];

/** The resource areas (`GET _apis/resourceAreas`) by the ids clients look them up with (CoreApi.RESOURCE_AREA_ID, …). */
const resourceAreas: readonly { readonly id: string; readonly name: string }[] = [
  { id: '79134c72-4a58-4b42-976c-04e7115f32bf', name: 'core' },
  { id: '5264459e-e5e0-4bd8-b118-0985e68a4ec5', name: 'wit' },
];

type AreaRequest = FastifyRequest<{ Params: { organization: string; area: string } }>;

/**
 * Location service routes: `OPTIONS _apis` (every location), `OPTIONS _apis/{area}` (one area's) and
 * `GET _apis/resourceAreas` (where each area is served: on Services each has its own host, here all
 * are the organization URL). `maxVersion` is the newest version the emulated deployment serves.
 */
export function registerResourceLocationRoutes(instance: FastifyInstance, state: AzureDevOpsEmulatorState, kit: AzureDevOpsRequestKit): void {
  const onRequest = [...kit.onRequest];
  const maxVersion = (): string => (state.deploymentType === 'hosted' ? '7.2' : '7.1');
  const describe = (location: ResourceLocation) => ({ ...location, minVersion: '1.0', maxVersion: maxVersion() });
  const collection = <T>(value: readonly T[]) => ({ count: value.length, value });

  instance.options('/:organization/_apis', { onRequest }, async () => collection(resourceLocations.map(describe)));
  instance.options('/:organization/_apis/:area', { onRequest }, async (request) => {
    const area = (request as AreaRequest).params.area.toLowerCase();
    // An area the emulator does not serve has no locations, as the service answers an unknown one.
    return collection(resourceLocations.filter((location) => location.area.toLowerCase() === area).map(describe));
  });
  instance.get('/:organization/_apis/resourceAreas', { onRequest }, async (request, reply) => {
    const contentType = kit.negotiate(request, reply, { released: undefined });
    if (contentType === undefined) return reply;
    const locationUrl = `${kit.organizationUrl(request)}/`;
    return reply.type(contentType).send(collection(resourceAreas.map((area) => ({ ...area, locationUrl }))));
  });
}

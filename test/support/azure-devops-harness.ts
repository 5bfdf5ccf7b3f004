import type { ClockV1 } from '../../core';
import { startEmulatorServer, type RunningEmulatorServer } from '../../hosts/emulator-kit';
import { createTestTimers, type TestTimers } from '../../hosts/tracker-http';
import { AzureDevOpsAdapter } from '../../hosts/azure-devops/adapter';
import { createAzureDevOpsEmulator, type AzureDevOpsEmulator, type AzureDevOpsEmulatorSeed } from '../../hosts/azure-devops/emulator';
import { createCheckedExchanges, type CheckedExchanges, type Tolerance } from '../spec/checked-exchanges';

/**
 * Test support: an Azure DevOps emulator on a port, an adapter pointed at it through a fetch that
 * checks every exchange against the 7.1 documents, and test timers so no retry really waits.
 */
export interface AzureDevOpsHarness {
  readonly emulator: AzureDevOpsEmulator;
  readonly server: RunningEmulatorServer;
  readonly organizationUrl: string;
  readonly timers: TestTimers;
  readonly checks: CheckedExchanges;
  readonly adapter: AzureDevOpsAdapter;
  /** Another adapter on the same emulator (a second node, a wrong token). */
  adapterWith(options: { readonly authorization?: string }): AzureDevOpsAdapter;
  close(): Promise<void>;
}

export const azureDevOpsPrefix = '/azure-devops/tracker';

/** Known defects of the 7.1 document copies, tolerated by name rather than by switching checks off. */
export const azureDevOpsTolerances: readonly Tolerance[] = [
  {
    reason:
      'The documents make `api-version` a required query parameter, but the service equally takes it in the Accept header ("REST API versioning", Microsoft Learn), which is where azure-devops-node-api sends it. The emulator answers 400 to a request with neither, so a missing version still fails the exchange.',
    applies: (error) => /^(request )?required query parameter 'api-version' is missing$/.test(error),
  },
  {
    reason:
      "The Swagger documents type open values as `object` (the generator's .NET `object`): work item field values, relation attributes and link entries are strings, numbers and IdentityRefs in the service.",
    applies: (error) => / must be object \[[^\]]*\/additionalProperties\/type\]$/.test(error),
  },
  {
    reason:
      "The work item tracking document merges 'Comments - Get Comments' and 'Get Comments Batch' under one path: it marks the batch's `ids` as required and omits the list's `continuationToken` and `$top` (learn.microsoft.com, Comments - Get Comments, 7.1-preview.4).",
    applies: (error, exchange) =>
      exchange.method === 'GET' && /\/comments$/.test(exchange.path) && /'ids' is missing|'continuationToken' is not one|'\$top' is not one/.test(error),
  },
  {
    reason:
      'JsonPatchDocument is declared `type: object` with `allOf: [array of JsonPatchOperation]`; a JSON Patch document is an array (RFC 6902), which is what the service takes.',
    applies: (error, exchange) => /^body (\(body\) )?must be object/.test(error.replace(/^request /, '')) && /\/workitems\//i.test(exchange.path),
  },
];

/** The serialized VssServiceException every Azure DevOps error carries (see emulator-kit's error-bodies). */
export const azureDevOpsErrorEnvelope = {
  reason: 'The 7.1 documents describe no error answers; Azure DevOps sends a serialized VssServiceException.',
  check: (body: unknown): readonly string[] => {
    const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const expected: Readonly<Record<string, string>> = {
      $id: 'string',
      message: 'string',
      typeName: 'string',
      typeKey: 'string',
      errorCode: 'number',
      eventId: 'number',
    };
    return Object.entries(expected)
      .filter(([name, type]) => typeof record[name] !== type)
      .map(([name, type]) => `has no ${type} "${name}" (VssServiceException)`);
  },
};

/** Which 7.1 document describes a path (relative to the mount point, starting at `/{organization}`). */
export function azureDevOpsDocumentFor(path: string): 'azure-devops-core.7.1' | 'azure-devops-workItemTracking.7.1' | 'azure-devops-serviceHooks.7.1' {
  if (/\/_apis\/hooks\//.test(path)) return 'azure-devops-serviceHooks.7.1';
  if (/\/_apis\/wit\//.test(path)) return 'azure-devops-workItemTracking.7.1';
  return 'azure-devops-core.7.1';
}

/**
 * The documents spell the optional `{project}` (and WIQL's `{team}`) as path segments; the service
 * serves the same resources without them. Placeholders make such paths match the templates.
 */
export function mapAzureDevOpsPath(path: string): string {
  const withProject = path.replace(/^\/([^/]+)\/_apis\/wit\//, '/$1/_project_/_apis/wit/');
  return withProject.replace(/^\/([^/]+)\/([^/]+)\/_apis\/wit\/wiql$/, '/$1/$2/_team_/_apis/wit/wiql');
}

export async function startAzureDevOpsHarness(
  options: { readonly seed?: AzureDevOpsEmulatorSeed; readonly emulatorClock?: ClockV1 } = {},
): Promise<AzureDevOpsHarness> {
  const timers = createTestTimers();
  const emulator = createAzureDevOpsEmulator({ ...(options.seed === undefined ? {} : { seed: options.seed }), clock: options.emulatorClock ?? timers.clock });
  const server = await startEmulatorServer(emulator.routes, { prefix: azureDevOpsPrefix });
  const organizationUrl = `${server.mountUrl}/${emulator.state.organization}`;
  const checks = createCheckedExchanges({
    documentRoot: server.mountUrl,
    documentFor: azureDevOpsDocumentFor,
    mapPath: mapAzureDevOpsPath,
    undescribed: [
      { path: /\/_apis\/connectionData$/, reason: 'connectionData (location area) is in none of the 7.1 documents in shared/specs.' },
      { path: /\/_apis\/identities$/, reason: 'Identities (vssps.dev.azure.com on Services) are in none of the 7.1 documents in shared/specs.' },
      {
        path: /\/_apis(\/(Location|core|wit|resourceAreas))?$/i,
        reason:
          'Resource locations (OPTIONS _apis/{area}, which every official client asks first) and resource areas belong to the location service, in none of the 7.1 documents in shared/specs.',
      },
    ],
    binaryBodies: [{ path: /\/_apis\/wit\/attachments\/[0-9a-f-]{36}$/, reason: 'Attachment downloads are the file bytes (the document declares a Stream).' }],
    tolerances: azureDevOpsTolerances,
    undocumentedErrors: azureDevOpsErrorEnvelope,
  });
  const adapterWith = (overrides: { readonly authorization?: string }): AzureDevOpsAdapter =>
    new AzureDevOpsAdapter({
      baseUrl: organizationUrl,
      authorization: overrides.authorization ?? emulator.authorization,
      identityUrl: organizationUrl,
      fetch: checks.fetch,
      clock: timers.clock,
      sleep: timers.sleep,
      random: timers.random,
    });
  return { emulator, server, organizationUrl, timers, checks, adapter: adapterWith({}), adapterWith, close: () => server.close() };
}

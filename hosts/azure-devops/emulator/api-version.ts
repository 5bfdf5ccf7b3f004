import type { FastifyRequest } from 'fastify';
import { readQueryParameter } from '../../emulator-kit';
import { azureDevOpsErrorBody, type AzureDevOpsErrorBody } from './azure-devops-error-body';

/**
 * How Azure DevOps negotiates `api-version`. It must come with every request, in the query
 * (`?api-version=7.1`) or the Accept header (`application/json; api-version=7.1`), in the format
 * `{major}.{minor}[-preview[.{resourceVersion}]]` ("REST API versioning", Microsoft Learn). The
 * exceptions and their messages are the ones Microsoft.VisualStudio.Services.WebApi raises.
 */
export interface ResourceVersions {
  /** The newest version released without `-preview`; undefined for a resource only ever in preview. */
  readonly released: ApiVersion | undefined;
}

export interface ApiVersion {
  readonly major: number;
  readonly minor: number;
}

export type NegotiatedVersion = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly body: AzureDevOpsErrorBody };

const assembly = 'Microsoft.VisualStudio.Services.WebApi';

export function negotiateApiVersion(request: FastifyRequest, resource: ResourceVersions, latest: ApiVersion): NegotiatedVersion {
  const offered = readQueryParameter(request, 'api-version') ?? /api-version\s*=\s*([^;,\s]+)/i.exec(request.headers.accept ?? '')?.[1];
  if (offered === undefined || offered === '') {
    return refuse(
      'VssVersionNotSpecifiedException',
      `No api-version was supplied for the "${request.method}" request. The version must be supplied either as part of the Accept header (e.g. "application/json; api-version=1.0") or as a query parameter (e.g. "?api-version=1.0").`,
    );
  }
  const match = /^(\d+)\.(\d+)(-preview(\.\d+)?)?$/i.exec(offered);
  if (match === null) {
    return refuse(
      'VssInvalidApiResourceVersionException',
      `Invalid api version string: "${offered}". Api version string must be in the format: {Major}.{Minor}[-preview[.{ResourceVersion}]].`,
    );
  }
  const requested = { major: Number(match[1]), minor: Number(match[2]) };
  const isPreview = match[3] !== undefined;
  if (compare(requested, latest) > 0) {
    return refuse(
      'VssVersionOutOfRangeException',
      `The requested REST API version of ${requested.major}.${requested.minor} is out of range for this server. The latest REST API version this server supports is ${latest.major}.${latest.minor}.`,
    );
  }
  if (!isPreview && (resource.released === undefined || compare(requested, resource.released) > 0)) {
    const version = `${requested.major}.${requested.minor}`;
    return refuse(
      'VssInvalidPreviewVersionException',
      `The requested version "${version}" of the resource is under preview. The -preview flag must be supplied in the api-version for such requests. For example: "${version}-preview"`,
    );
  }
  return { ok: true, text: offered };
}

function compare(left: ApiVersion, right: ApiVersion): number {
  return left.major === right.major ? left.minor - right.minor : left.major - right.major;
}

function refuse(typeKey: string, message: string): NegotiatedVersion {
  return { ok: false, body: azureDevOpsErrorBody({ typeKey, assembly, message }) };
}

import type { TrackerItemOperations, TrackerKind, TrackerV1 } from '../../core';
import { AsanaAdapter } from '../../hosts/asana/adapter';
import { AzureDevOpsAdapter } from '../../hosts/azure-devops/adapter';
import { JiraCloudAdapter } from '../../hosts/jira-cloud/adapter';
import { JiraServerAdapter } from '../../hosts/jira-server/adapter';
import type { SandboxDescription } from '../sandbox/sandbox-description';
import { instanceOf } from '../../test/support/sandbox-client';

/** The sandbox project of each tracker the benchmarks create their items in. */
export const benchmarkProjects: Readonly<Record<TrackerKind, string>> = {
  'jira-cloud': 'SUP',
  'jira-server': 'ITSM',
  'azure-devops': 'Fabrikam Fiber',
  asana: '1205000000000003',
};

const benchmarkUserHeader = 'x-benchmark-user';

/**
 * A user of the tracker, as the benchmarks play one: it creates and edits items through the
 * tracker's REST API. Its requests carry a mark, so that what the benchmark does as a user is not
 * counted as the product's calls.
 */
export function benchmarkUserOf(description: SandboxDescription, kind: TrackerKind): TrackerV1 & TrackerItemOperations {
  const instance = instanceOf(description, kind);
  const marked: typeof fetch = (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set(benchmarkUserHeader, '1');
    return fetch(input, { ...init, headers });
  };
  return adapterOf[kind]({ baseUrl: instance.trackerApi, authorization: instance.trackerAuth, fetch: marked });
}

/** The benchmark's own request, not the product's. */
export function isBenchmarkUserRequest(headers: Readonly<Record<string, unknown>>): boolean {
  return headers[benchmarkUserHeader] !== undefined;
}

const adapterOf: Readonly<
  Record<TrackerKind, (options: { baseUrl: string; authorization: string; fetch: typeof fetch }) => TrackerV1 & TrackerItemOperations>
> = {
  'jira-cloud': (options) => new JiraCloudAdapter(options),
  'jira-server': (options) => new JiraServerAdapter(options),
  'azure-devops': (options) => new AzureDevOpsAdapter(options),
  asana: (options) => new AsanaAdapter(options),
};

import { ExalateError, type TrackerInstance, type TrackerProject, type TrackerV1 } from '../../core';
import { AzureDevOpsClient, type AzureDevOpsClientOptions } from './azure-devops-client';
import { connectionDataSchema, projectListSchema } from './azure-devops-responses';

export type AzureDevOpsAdapterOptions = AzureDevOpsClientOptions;

/** The REST version the adapter is written against (Azure DevOps Services, Server 2022.1+). */
const apiVersion = '7.1';
/** connectionData is a preview-only resource: asking for it without `-preview` is refused. */
const connectionDataApiVersion = '7.1-preview';
/** 1,000 pages of 100 is 100,000 projects: past that the service is answering in a loop. */
const maximumPages = 1000;

/** The Tracker port over Azure DevOps REST 7.1. Translation only. */
export class AzureDevOpsAdapter implements TrackerV1 {
  readonly kind = 'azure-devops' as const;
  readonly #client: AzureDevOpsClient;

  constructor(options: AzureDevOpsAdapterOptions) {
    this.#client = new AzureDevOpsClient(options);
  }

  /**
   * Azure DevOps publishes no product version over REST; connectionData's deploymentType tells
   * Services (`hosted`) from Server (`onPremises`), and calling it proves the token works.
   */
  async describeInstance(): Promise<TrackerInstance> {
    const answer = await this.#client.get('/_apis/connectionData', { 'api-version': connectionDataApiVersion }, connectionDataSchema);
    const version = answer.value.deploymentType === 'onPremises' ? 'Azure DevOps Server' : 'Azure DevOps Services';
    return { tracker: 'azure-devops', version, url: this.#client.organizationUrl };
  }

  /** Every well-formed project of the organization, keyed by name as work item paths are. */
  async listProjects(): Promise<readonly TrackerProject[]> {
    const projects: TrackerProject[] = [];
    let continuationToken: string | undefined;
    for (let pageNumber = 0; pageNumber < maximumPages; pageNumber += 1) {
      const query = continuationToken === undefined ? { 'api-version': apiVersion } : { 'api-version': apiVersion, continuationToken };
      const answer = await this.#client.get('/_apis/projects', query, projectListSchema);
      projects.push(...answer.value.value.map((project) => ({ key: project.name, name: project.name })));
      // The next page is announced only in the x-ms-continuationtoken header.
      if (answer.continuationToken === undefined || answer.continuationToken === '') return projects;
      continuationToken = answer.continuationToken;
    }
    throw new ExalateError('internal', `Azure DevOps at ${this.#client.organizationUrl} kept returning more project pages after ${maximumPages}; the node stopped listing. Report this with the organization URL.`, { details: { tracker: 'azure-devops' } });
  }
}

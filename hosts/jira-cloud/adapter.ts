import { ExalateError, type TrackerInstance, type TrackerProject, type TrackerV1 } from '../../core';
import { JiraCloudClient, type JiraCloudClientOptions } from './jira-cloud-client';
import { projectPageSchema, serverInformationSchema } from './jira-cloud-responses';

export type JiraCloudAdapterOptions = JiraCloudClientOptions;

/** Jira's own default page size for project search. */
const pageSize = 50;
/** 2,000 pages of 50 is 100,000 projects: past that the site is answering in a loop, not paginating. */
const maximumPages = 2000;

/** The Tracker port over Jira Cloud platform REST v3. Translation only. */
export class JiraCloudAdapter implements TrackerV1 {
  readonly kind = 'jira-cloud' as const;
  readonly #client: JiraCloudClient;

  constructor(options: JiraCloudAdapterOptions) {
    this.#client = new JiraCloudClient(options);
  }

  async describeInstance(): Promise<TrackerInstance> {
    const information = await this.#client.get('/rest/api/3/serverInfo', {}, serverInformationSchema);
    return { tracker: 'jira-cloud', version: information.version, url: this.#client.siteUrl };
  }

  /**
   * Every project the account can browse, in key order. Pages are requested by startAt rather than
   * by following `nextPage`, because that link is built from the site's configured base URL, which
   * need not be the address this node reaches Jira at.
   */
  async listProjects(): Promise<readonly TrackerProject[]> {
    const projects: TrackerProject[] = [];
    let startAt = 0;
    for (let pageNumber = 0; pageNumber < maximumPages; pageNumber += 1) {
      const page = await this.#client.get('/rest/api/3/project/search', { startAt, maxResults: pageSize, orderBy: 'key' }, projectPageSchema);
      projects.push(...page.values.map((project) => ({ key: project.key, name: project.name })));
      // isLast is optional in PageBeanProject; without it, an empty page or reaching total ends the list.
      const finished = page.isLast ?? (page.values.length === 0 || (page.total !== undefined && projects.length >= page.total));
      if (finished || page.values.length === 0) return projects;
      startAt = page.startAt + page.values.length;
    }
    throw new ExalateError('internal', `Jira Cloud at ${this.#client.siteUrl} kept returning more project pages after ${maximumPages}; the node stopped listing. Report this with the site URL.`, { details: { tracker: 'jira-cloud' } });
  }
}

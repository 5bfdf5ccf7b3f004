import { ExalateError, type TrackerInstance, type TrackerProject, type TrackerV1 } from '../../core';
import { AsanaClient, type AsanaClientOptions, type QueryValues } from './asana-client';
import { currentUserSchema, namedResourcePageSchema, type NamedResource } from './asana-responses';

export type AsanaAdapterOptions = AsanaClientOptions;

/** Asana's largest page (the `limit` parameter takes 1 to 100). */
const pageSize = 100;
/** 1,000 pages of 100 is 100,000 items: past that Asana is answering in a loop. */
const maximumPages = 1000;

/** The Tracker port over Asana REST 1.0. Translation only. */
export class AsanaAdapter implements TrackerV1 {
  readonly kind = 'asana' as const;
  readonly #client: AsanaClient;

  constructor(options: AsanaAdapterOptions) {
    this.#client = new AsanaClient(options);
  }

  /** Asana has no product version; the instance is the REST API version, and reading the user proves the token. */
  async describeInstance(): Promise<TrackerInstance> {
    await this.#client.get('/users/me', { opt_fields: 'name,email' }, currentUserSchema);
    return { tracker: 'asana', version: '1.0', url: this.#client.host };
  }

  /**
   * One entry per project across every workspace the user belongs to: the key is the project gid,
   * the name says which workspace it is in. Archived projects are left out (`archived=false`).
   */
  async listProjects(): Promise<readonly TrackerProject[]> {
    const projects: TrackerProject[] = [];
    for (const workspace of await this.#listAll('/workspaces', { opt_fields: 'name' })) {
      const inWorkspace = await this.#listAll('/projects', { workspace: workspace.gid, archived: false, opt_fields: 'name' });
      projects.push(...inWorkspace.map((project) => ({ key: project.gid, name: `${workspace.name} / ${project.name}` })));
    }
    return projects;
  }

  /** Pages through a list by passing back `next_page.offset` (never by building offsets). */
  async #listAll(path: string, query: QueryValues): Promise<readonly NamedResource[]> {
    const items: NamedResource[] = [];
    let offset: string | undefined;
    for (let pageNumber = 0; pageNumber < maximumPages; pageNumber += 1) {
      const page = await this.#client.get(path, offset === undefined ? { ...query, limit: pageSize } : { ...query, limit: pageSize, offset }, namedResourcePageSchema);
      items.push(...page.data);
      if (page.next_page === null || page.next_page === undefined) return items;
      offset = page.next_page.offset;
    }
    throw new ExalateError('internal', `Asana kept returning more pages of ${path} after ${maximumPages}; the node stopped listing. Report this with the workspace.`, { details: { tracker: 'asana', path } });
  }
}

import { ExalateError, type TrackerInstance, type TrackerItemOperations, type TrackerProject, type TrackerProjectValues, type TrackerV1 } from '../../core';
import type { TrackerHttpClient } from '../tracker-http';
import {
  createJiraHttpClient,
  JiraItemOperations,
  readJiraProjectValues,
  jiraRegisteredWebhooksSchema,
  projectsJql,
  type JiraClientOptions,
} from '../jira-rest';
import { jiraCloudDialect } from './jira-cloud-dialect';
import { projectPageSchema, serverInformationSchema } from './jira-cloud-responses';

export type JiraCloudAdapterOptions = JiraClientOptions;

/** Jira's own default page size for project search. */
const pageSize = 50;
/** 2,000 pages of 50 is 100,000 projects: past that the site is answering in a loop, not paginating. */
const maximumPages = 2000;
/** The events a change of an item raises (WebhookDetails.events of the v3 document). */
const changeEvents = ['jira:issue_created', 'jira:issue_updated', 'comment_created', 'comment_updated'];

/**
 * The Tracker port over Jira Cloud platform REST v3. Translation only. In a node it calls the site
 * with fetch and an API token; on Forge the host passes a `fetch` over `api.asApp().requestJira`.
 */
export class JiraCloudAdapter extends JiraItemOperations implements TrackerV1, TrackerItemOperations {
  readonly kind = 'jira-cloud' as const;
  readonly #client: TrackerHttpClient;

  constructor(options: JiraCloudAdapterOptions) {
    // The item operations are Jira's shared REST code (hosts/jira-rest) in the Cloud dialect.
    const client = createJiraHttpClient(options, jiraCloudDialect);
    super(client, jiraCloudDialect);
    this.#client = client;
  }

  async describeInstance(): Promise<TrackerInstance> {
    const information = await this.#client.json({ path: '/rest/api/3/serverInfo', action: 'read the site information' }, serverInformationSchema);
    return { tracker: 'jira-cloud', version: information.version, url: this.#client.baseUrl };
  }

  /** The project's statuses, the site's priorities and the project's issue types (Jira REST, shared with the other Jira). */
  readProjectValues(projectKey: string): Promise<TrackerProjectValues> {
    return readJiraProjectValues(this.#client, jiraCloudDialect, projectKey);
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
      const page = await this.#client.json(
        { path: '/rest/api/3/project/search', query: { startAt, maxResults: pageSize, orderBy: 'key' }, action: 'list projects' },
        projectPageSchema,
      );
      projects.push(...page.values.map((project) => ({ key: project.key, name: project.name })));
      // isLast is optional in PageBeanProject; without it, an empty page or reaching total ends the list.
      const finished = page.isLast ?? (page.values.length === 0 || (page.total !== undefined && projects.length >= page.total));
      if (finished || page.values.length === 0) return projects;
      startAt = page.startAt + page.values.length;
    }
    throw new ExalateError(
      'internal',
      `Jira Cloud at ${this.#client.baseUrl} kept returning more project pages after ${maximumPages}; the node stopped listing. Report this with the site URL.`,
      { details: { tracker: 'jira-cloud' } },
    );
  }

  /**
   * Asks Jira to POST item changes of the given projects (all the account can browse by default)
   * to `callbackUrl`, with dynamic webhooks (`POST /rest/api/3/webhook`). Jira signs each delivery
   * with a JWT made with the OAuth 2.0 app's client secret, which is `secret` here: the request
   * itself carries no secret (WebhookRegistrationDetails has no such field). Dynamic webhooks
   * expire after 30 days: call `refreshChangeHooks` with the ids well before. Jira Cloud lets only
   * Connect and OAuth 2.0 apps do this; with an API token it answers 403, and the message says to
   * register an admin webhook in Jira settings instead.
   */
  async registerChangeHook(
    callbackUrl: string,
    secret: string,
    options: { readonly projectKeys?: readonly string[] } = {},
  ): Promise<{ readonly webhookIds: readonly number[] }> {
    void secret; // Jira Cloud signs with the OAuth app's client secret it already knows; see readChangeEvent.
    const projectKeys = options.projectKeys ?? (await this.listProjects()).map((project) => project.key);
    if (projectKeys.length === 0)
      throw new ExalateError(
        'invalid_request',
        `Jira Cloud at ${this.#client.baseUrl} shows the node's account no projects, so there is nothing to watch. Give it the Browse projects permission first.`,
      );
    const registered = await this.#client.json(
      {
        method: 'POST',
        path: '/rest/api/3/webhook',
        json: { url: callbackUrl, webhooks: [{ events: changeEvents, jqlFilter: projectsJql(projectKeys) }] },
        action: 'register a webhook',
        messages: {
          403: `Jira Cloud at ${this.#client.baseUrl} lets only Connect and OAuth 2.0 apps register webhooks through the API. Register one in Jira (Settings → System → WebHooks) for ${callbackUrl} with a secret, for the events issue created, issue updated, comment created and comment updated.`,
        },
      },
      jiraRegisteredWebhooksSchema,
    );
    const problems = registered.webhookRegistrationResult.flatMap((result) => result.errors ?? []);
    if (problems.length > 0)
      throw new ExalateError('invalid_request', `Jira Cloud at ${this.#client.baseUrl} refused the webhook: ${problems.join(' ')}`, {
        details: { tracker: 'jira-cloud' },
      });
    return { webhookIds: registered.webhookRegistrationResult.flatMap((result) => (result.createdWebhookId === undefined ? [] : [result.createdWebhookId])) };
  }

  /** Extends dynamic webhooks by another 30 days (`PUT /rest/api/3/webhook/refresh`). */
  async refreshChangeHooks(webhookIds: readonly number[]): Promise<void> {
    await this.#client.empty({ method: 'PUT', path: '/rest/api/3/webhook/refresh', json: { webhookIds }, action: 'extend the webhooks' });
  }
}

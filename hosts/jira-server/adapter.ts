import {
  ExalateError,
  type LicenceState,
  type TrackerInstance,
  type TrackerItemOperations,
  type TrackerProject,
  type TrackerProjectValues,
  type TrackerV1,
} from '../../core';
import type { TrackerHttpClient } from '../tracker-http';
import {
  createJiraHttpClient,
  jiraAdminWebhookSchema,
  JiraItemOperations,
  jiraUserSchema,
  projectsJql,
  readJiraProjectValues,
  type JiraClientOptions,
} from '../jira-rest';
import { exalateJiraServerAppKey, upmLicencePath } from './app-key';
import { jiraServerDialect } from './jira-server-dialect';
import { projectListSchema, serverInformationSchema, upmLicenceSchema, type UpmLicence } from './jira-server-responses';

export interface JiraServerAdapterOptions extends JiraClientOptions {
  /** The app whose licence UPM is asked for; the Exalate app unless a test says otherwise. */
  readonly appKey?: string;
}

/** The events a change of an item raises, as Jira DC's webhook resource names them. */
const changeEvents = ['jira:issue_created', 'jira:issue_updated', 'comment_created', 'comment_updated'];

/** The Tracker port over Jira Server/Data Center REST v2 and UPM. Translation only. */
export class JiraServerAdapter extends JiraItemOperations implements TrackerV1, TrackerItemOperations {
  readonly kind = 'jira-server' as const;
  readonly #client: TrackerHttpClient;
  readonly #appKey: string;

  constructor(options: JiraServerAdapterOptions) {
    const { appKey, ...clientOptions } = options;
    // The item operations are Jira's shared REST code (hosts/jira-rest) in the Server/DC dialect.
    const client = createJiraHttpClient(clientOptions, jiraServerDialect);
    super(client, jiraServerDialect);
    this.#client = client;
    this.#appKey = appKey ?? exalateJiraServerAppKey;
  }

  async describeInstance(): Promise<TrackerInstance> {
    const information = await this.#client.json({ path: '/rest/api/2/serverInfo', action: 'read the server information' }, serverInformationSchema);
    const { licence, licenceCheck } = await this.#readLicence();
    return { tracker: 'jira-server', version: information.version, url: this.#client.baseUrl, licence, licenceCheck };
  }

  /** Who the personal access token belongs to (`GET /rest/api/2/myself`): the console shows it. */
  async describeAccount(): Promise<{ readonly name: string; readonly email?: string }> {
    const myself = await this.#client.json({ path: '/rest/api/2/myself', action: 'read the user the personal access token belongs to' }, jiraUserSchema);
    const email = myself.emailAddress ?? undefined;
    return { name: myself.displayName ?? myself.name ?? myself.key ?? 'unknown user', ...(email === undefined ? {} : { email }) };
  }

  /** The project's statuses, the site's priorities and the project's issue types (Jira REST, shared with the other Jira). */
  readProjectValues(projectKey: string): Promise<TrackerProjectValues> {
    return readJiraProjectValues(this.#client, jiraServerDialect, projectKey);
  }

  /**
   * Every project the token's user can browse. Server/DC returns them all at once, unpaginated, and
   * leaves archived projects out unless asked with `includeArchived=true`.
   */
  async listProjects(): Promise<readonly TrackerProject[]> {
    const projects = await this.#client.json({ path: '/rest/api/2/project', action: 'list projects' }, projectListSchema);
    return projects.map((project) => ({ key: project.key, name: project.name }));
  }

  /**
   * Registers a Jira DC webhook (`POST /rest/webhooks/1.0/webhook`, Jira administrators only) that
   * POSTs item changes of the given projects (all the token's user can browse by default) to
   * `callbackUrl`, signed with `secret` (`X-Hub-Signature: sha256=…`; see change-intake.ts).
   */
  async registerChangeHook(
    callbackUrl: string,
    secret: string,
    options: { readonly projectKeys?: readonly string[] } = {},
  ): Promise<{ readonly webhookId: string }> {
    const projectKeys = options.projectKeys ?? (await this.listProjects()).map((project) => project.key);
    if (projectKeys.length === 0)
      throw new ExalateError(
        'invalid_request',
        `Jira at ${this.#client.baseUrl} shows the token's user no projects, so there is nothing to watch. Give it the Browse projects permission first.`,
      );
    const webhook = await this.#client.json(
      {
        method: 'POST',
        path: '/rest/webhooks/1.0/webhook',
        json: {
          name: 'Exalate sync node',
          url: callbackUrl,
          events: changeEvents,
          filters: { 'issue-related-events-section': projectsJql(projectKeys) },
          excludeBody: false,
          secret,
        },
        action: 'register a webhook',
        messages: {
          403: `Jira at ${this.#client.baseUrl} lets only Jira administrators register webhooks. Create the personal access token as a Jira administrator, or have one register a webhook (System → WebHooks) for ${callbackUrl} with the connection's secret.`,
        },
      },
      jiraAdminWebhookSchema,
    );
    return { webhookId: webhook.self.replace(/\/+$/, '').split('/').pop() ?? webhook.self };
  }

  /** UPM answers 404 when the app is not installed: that is no licence, not a failure. */
  async #readLicence(): Promise<{ readonly licence: LicenceState; readonly licenceCheck: string }> {
    const found = await this.#client.jsonIfFound(
      {
        path: upmLicencePath(this.#appKey),
        accept: 'application/vnd.atl.plugins+json',
        action: 'read the app licence',
        // UPM's licence resources are for administrators only.
        messages: {
          403: `Jira at ${this.#client.baseUrl} shows app licences to Jira administrators only, and the personal access token belongs to a user who is not one. Create the token as a Jira administrator and save it in this node's Jira Server settings.`,
        },
      },
      upmLicenceSchema,
    );
    const licence = found === undefined ? 'none' : licenceStateOf(found);
    return { licence, licenceCheck: describeLicenceCheck(this.#appKey, found, licence) };
  }
}

/** What the mode step shows: what was asked (UPM, for which key) and what Jira answered. */
function describeLicenceCheck(appKey: string, found: UpmLicence | undefined, licence: LicenceState): string {
  const asked = `Licence: asked Jira's Manage apps (UPM) about ${appKey};`;
  const until = found?.expiryDateString ? ` ${licence === 'expired' ? 'on' : 'until'} ${found.expiryDateString}` : '';
  switch (licence) {
    case 'trial':
      return `${asked} it holds an evaluation licence, valid${until}.`;
    case 'paid':
      return `${asked} it holds a paid licence, valid${until}.`;
    case 'expired':
      return `${asked} it holds a licence that expired${until}.`;
    case 'none':
      return found === undefined
        ? `${asked} the app is not installed there, so no licence applies. This open edition needs none, so Script mode is offered.`
        : `${asked} the app is installed with no licence. This open edition needs none, so Script mode is offered.`;
  }
}

/** A present licence UPM rejects for another reason (type, user or version mismatch) is not usable: none. */
function licenceStateOf(licence: UpmLicence): LicenceState {
  if (licence.valid === true) return licence.evaluation === true ? 'trial' : 'paid';
  return licence.error === 'EXPIRED' ? 'expired' : 'none';
}

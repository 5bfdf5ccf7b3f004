import type { LicenceState, TrackerInstance, TrackerProject, TrackerV1 } from '../../core';
import { exalateJiraServerAppKey, upmLicencePath } from './app-key';
import { JiraServerClient, type JiraServerClientOptions } from './jira-server-client';
import { projectListSchema, serverInformationSchema, upmLicenceSchema, type UpmLicence } from './jira-server-responses';

export interface JiraServerAdapterOptions extends JiraServerClientOptions {
  /** The app whose licence UPM is asked for; the Exalate app unless a test says otherwise. */
  readonly appKey?: string;
}

/** The Tracker port over Jira Server/Data Center REST v2 and UPM. Translation only. */
export class JiraServerAdapter implements TrackerV1 {
  readonly kind = 'jira-server' as const;
  readonly #client: JiraServerClient;
  readonly #appKey: string;

  constructor(options: JiraServerAdapterOptions) {
    this.#client = new JiraServerClient(options);
    this.#appKey = options.appKey ?? exalateJiraServerAppKey;
  }

  async describeInstance(): Promise<TrackerInstance> {
    const information = await this.#client.get('/rest/api/2/serverInfo', {}, serverInformationSchema);
    return { tracker: 'jira-server', version: information.version, url: this.#client.baseUrl, licence: await this.#readLicence() };
  }

  /**
   * Every project the token's user can browse. Server/DC returns them all at once, unpaginated, and
   * leaves archived projects out unless asked with `includeArchived=true`.
   */
  async listProjects(): Promise<readonly TrackerProject[]> {
    const projects = await this.#client.get('/rest/api/2/project', {}, projectListSchema);
    return projects.map((project) => ({ key: project.key, name: project.name }));
  }

  /** UPM answers 404 when the app is not installed: that is no licence, not a failure. */
  async #readLicence(): Promise<LicenceState> {
    const found = await this.#client.getIfPresent(upmLicencePath(this.#appKey), {}, upmLicenceSchema, {
      accept: 'application/vnd.atl.plugins+json',
      // UPM's licence resources are for administrators only.
      forbiddenMessage: `Jira at ${this.#client.baseUrl} shows app licences to Jira administrators only, and the personal access token belongs to a user who is not one. Create the token as a Jira administrator and save it in this node's Jira Server settings.`,
    });
    return found === undefined ? 'none' : licenceStateOf(found.value);
  }
}

/** A present licence UPM rejects for another reason (type, user or version mismatch) is not usable: none. */
function licenceStateOf(licence: UpmLicence): LicenceState {
  if (licence.valid === true) return licence.evaluation === true ? 'trial' : 'paid';
  return licence.error === 'EXPIRED' ? 'expired' : 'none';
}

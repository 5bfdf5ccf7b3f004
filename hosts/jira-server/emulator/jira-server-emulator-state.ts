import { z } from 'zod';
import type { LicenceState } from '../../../core';
import { bearerAuthorization } from '../../emulator-kit';
import {
  createJiraProjectRecords,
  jiraSiteSnapshotFields,
  JiraSiteState,
  jiraUserRecordSchema,
  type JiraProjectSeed,
  type JiraUserRecord,
} from '../../jira-rest/emulator';
import { JiraOAuthProvider } from './jira-oauth-provider';

const accountSchema = z.strictObject({
  /** Jira Server user key (`JIRAUSER10000` for users created since Jira 8.4). */
  key: z.string().min(1),
  /** The username people sign in with. */
  name: z.string().min(1),
  emailAddress: z.string().min(3),
  displayName: z.string().min(1),
  timeZone: z.string().min(1),
  personalAccessToken: z.string().min(1),
});

export type JiraServerAccount = z.infer<typeof accountSchema>;

const licenceStates = ['trial', 'paid', 'expired', 'none'] as const satisfies readonly LicenceState[];
export type JiraServerDeploymentType = 'Server' | 'DataCenter';

const snapshotSchema = z.strictObject({
  format: z.literal('jira-server-emulator/1'),
  ...jiraSiteSnapshotFields,
  version: z.string().regex(/^\d+\.\d+\.\d+$/),
  deploymentType: z.enum(['Server', 'DataCenter']),
  account: accountSchema,
  appKey: z.string().min(1),
  licence: z.enum(licenceStates),
});

export type JiraServerEmulatorSnapshot = z.infer<typeof snapshotSchema>;

export interface JiraServerEmulatorSeedDefaults {
  readonly serverTitle: string;
  readonly version: string;
  readonly deploymentType: JiraServerDeploymentType;
  readonly account: JiraServerAccount;
  readonly appKey: string;
  readonly licence: LicenceState;
  readonly projects: readonly JiraProjectSeed[];
  /** People besides the account, found by email (id is the user key, name the username). */
  readonly people: readonly JiraUserRecord[];
}

/** Every field is optional; what is left out comes from the sample seed. */
export interface JiraServerEmulatorSeed {
  readonly serverTitle?: string;
  readonly version?: string;
  readonly deploymentType?: JiraServerDeploymentType;
  readonly account?: Partial<JiraServerAccount>;
  readonly appKey?: string;
  /** The Exalate app licence UPM reports: trial, paid, expired, or none installed. */
  readonly licence?: LicenceState;
  readonly projects?: readonly JiraProjectSeed[];
  readonly people?: readonly JiraUserRecord[];
}

export class JiraServerEmulatorState extends JiraSiteState<JiraServerEmulatorSnapshot> {
  readonly #people: readonly JiraUserRecord[];
  /** Jira's OAuth 2.0 provider and the browser sessions of people signed in (not persisted). */
  readonly oauth: JiraOAuthProvider;
  /** The node URL the installed Exalate plugin was packaged with; null while none is installed with one. */
  #pluginNodeUrl: string | null = null;

  constructor(defaults: JiraServerEmulatorSeedDefaults, seed: JiraServerEmulatorSeed = {}, now: () => number = () => Date.now()) {
    const people = seed.people ?? defaults.people;
    const initial = {
      format: 'jira-server-emulator/1',
      serverTitle: seed.serverTitle ?? defaults.serverTitle,
      version: seed.version ?? defaults.version,
      deploymentType: seed.deploymentType ?? defaults.deploymentType,
      account: { ...defaults.account, ...seed.account },
      appKey: seed.appKey ?? defaults.appKey,
      licence: seed.licence ?? defaults.licence,
      projects: createJiraProjectRecords(seed.projects ?? defaults.projects),
    };
    super(snapshotSchema, initial, (snapshot) => jiraUsers(snapshot.account, people), now);
    this.#people = people;
    this.oauth = new JiraOAuthProvider(now);
  }

  /**
   * A Jira user by username: the account (a Jira administrator, the `jira-administrators` group) or
   * one of the seeded people (not administrators).
   */
  user(username: string):
    | {
        readonly key: string;
        readonly name: string;
        readonly emailAddress: string;
        readonly displayName: string;
        readonly timeZone: string;
        readonly isAdministrator: boolean;
      }
    | undefined {
    const account = this.account;
    if (username === account.name)
      return {
        key: account.key,
        name: account.name,
        emailAddress: account.emailAddress,
        displayName: account.displayName,
        timeZone: account.timeZone,
        isAdministrator: true,
      };
    const person = this.#people.find((candidate) => candidate.name === username);
    if (person === undefined) return undefined;
    return {
      key: person.id,
      name: person.name,
      emailAddress: person.emailAddress,
      displayName: person.displayName,
      timeZone: person.timeZone,
      isAdministrator: false,
    };
  }

  get pluginNodeUrl(): string | null {
    return this.#pluginNodeUrl;
  }

  /** As uploading the packaged plugin would: its node location file then names this node. */
  installPlugin(nodeUrl: string): void {
    this.#pluginNodeUrl = nodeUrl;
  }

  get deploymentType(): JiraServerDeploymentType {
    return this.snapshot.deploymentType;
  }

  get appKey(): string {
    return this.snapshot.appKey;
  }

  get licence(): LicenceState {
    return this.snapshot.licence;
  }

  /** Jira Server/DC 8.14+ takes personal access tokens as Bearer tokens. */
  get authorization(): string {
    return bearerAuthorization(this.account.personalAccessToken);
  }

  /** Moves the app between trial, paid, expired and none, as buying or letting a licence lapse would. */
  setLicence(licence: LicenceState): void {
    this.snapshot = { ...this.snapshot, licence };
  }
}

/** The account and the seeded people as Jira users. */
function jiraUsers(account: JiraServerAccount, people: readonly JiraUserRecord[]): JiraUserRecord[] {
  const self = jiraUserRecordSchema.parse({
    id: account.key,
    name: account.name,
    emailAddress: account.emailAddress,
    displayName: account.displayName,
    active: true,
    timeZone: account.timeZone,
  });
  return [self, ...people];
}

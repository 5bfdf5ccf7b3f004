import { z } from 'zod';
import { basicAuthorization } from '../../emulator-kit';
import {
  createJiraProjectRecords,
  jiraSiteSnapshotFields,
  JiraSiteState,
  jiraUserRecordSchema,
  type JiraProjectSeed,
  type JiraUserRecord,
} from '../../jira-rest/emulator';

const accountSchema = z.strictObject({
  accountId: z.string().min(1).max(128),
  emailAddress: z.string().min(3),
  displayName: z.string().min(1),
  timeZone: z.string().min(1),
  apiToken: z.string().min(1),
  /** Projects where the account may browse issues but not edit them (a viewer there); none by default. */
  readOnlyProjects: z.array(z.string().min(1)).optional(),
});

export type JiraCloudAccount = z.infer<typeof accountSchema>;

/** The OAuth 2.0 app whose client secret signs dynamic webhook deliveries (a JWT in Authorization). */
const oauthAppSchema = z.strictObject({ clientId: z.string().min(1), clientSecret: z.string().min(1) });

const snapshotSchema = z.strictObject({
  format: z.literal('jira-cloud-emulator/1'),
  ...jiraSiteSnapshotFields,
  version: z.string().regex(/^\d+\.\d+\.\d+/),
  account: accountSchema,
  // Optional so that snapshots written before issues (and their webhooks) existed still restore.
  oauthApp: oauthAppSchema.optional(),
});

export type JiraCloudEmulatorSnapshot = z.infer<typeof snapshotSchema>;

export interface JiraCloudEmulatorSeedDefaults {
  readonly serverTitle: string;
  readonly version: string;
  readonly account: JiraCloudAccount;
  readonly projects: readonly JiraProjectSeed[];
  /** People besides the account, found by email. */
  readonly people: readonly Omit<JiraUserRecord, 'name'>[];
  readonly oauthApp: z.infer<typeof oauthAppSchema>;
}

/** Every field is optional; what is left out comes from the sample seed. */
export interface JiraCloudEmulatorSeed {
  readonly serverTitle?: string;
  readonly version?: string;
  readonly account?: Partial<JiraCloudAccount>;
  readonly projects?: readonly JiraProjectSeed[];
  readonly people?: readonly Omit<JiraUserRecord, 'name'>[];
}

export class JiraCloudEmulatorState extends JiraSiteState<JiraCloudEmulatorSnapshot> {
  readonly #defaults: JiraCloudEmulatorSeedDefaults;

  constructor(defaults: JiraCloudEmulatorSeedDefaults, seed: JiraCloudEmulatorSeed = {}, now: () => number = () => Date.now()) {
    const people = seed.people ?? defaults.people;
    const initial = {
      format: 'jira-cloud-emulator/1',
      serverTitle: seed.serverTitle ?? defaults.serverTitle,
      version: seed.version ?? defaults.version,
      account: { ...defaults.account, ...seed.account },
      projects: createJiraProjectRecords(seed.projects ?? defaults.projects),
      oauthApp: defaults.oauthApp,
    };
    super(snapshotSchema, initial, (snapshot) => jiraUsers(snapshot.account, people), now);
    this.#defaults = defaults;
  }

  get oauthClientSecret(): string {
    return (this.snapshot.oauthApp ?? this.#defaults.oauthApp).clientSecret;
  }

  /** Jira Cloud REST takes Basic auth with the account's email and an API token. */
  get authorization(): string {
    return basicAuthorization(this.account.emailAddress, this.account.apiToken);
  }
}

/** The account and the seeded people as Jira users (Cloud has no usernames: `name` repeats the accountId). */
function jiraUsers(account: JiraCloudAccount, others: readonly Omit<JiraUserRecord, 'name'>[]): JiraUserRecord[] {
  const people = [
    { id: account.accountId, emailAddress: account.emailAddress, displayName: account.displayName, active: true, timeZone: account.timeZone },
    ...others,
  ];
  return people.map((person) => jiraUserRecordSchema.parse({ ...person, name: person.id }));
}

/**
 * The Tracker contract: the same cases against every adapter (Jira Cloud, Jira Server/DC, Azure
 * DevOps, Asana), each with its emulator, or with a real instance when credentials are set.
 *
 * ```ts
 * describeTrackerContract('jira-cloud (emulator)', async () => ({
 *   tracker,                 // TrackerV1 & TrackerItemOperations, built on hosts/tracker-http with test timers
 *   projectKey: 'SUP',       // where the suite creates items
 *   vocabulary: { itemType: 'Bug', initialStatus: 'To Do', targetStatus: 'In Progress', priorities: ['High', 'Low'],
 *                 supportsLabels: true, userEmail: 'alex@acme.example', missingItemKey: 'SUP-99999',
 *                 queryForProject: (key) => `project = ${key} ORDER BY created` },
 *   close: () => server.close(),
 *   faults: { startRateLimitStorm, stopRateLimitStorm, waits, countItems, countComments }, // emulators only
 *   assertExchangesMatchSpec: () => specCheck.assertExchangesMatchSpec(),                // after every case
 *   deleteItem: (key) => …,  // optional: live runs remove what they created
 * }));
 *
 * describeLiveTrackerContract('jira-cloud', ['JIRA_CLOUD_URL', 'JIRA_CLOUD_EMAIL', 'JIRA_CLOUD_TOKEN'],
 *   async (environment) => ({ … }));   // skipped, with the reason printed, when a variable is unset;
 *                                       // when set, the 429 storm cases are skipped (no faults on a real site)
 * ```
 * `describeTrackerContract(name, setUp, { faults: false })` skips the storm cases for any fixture without faults.
 *
 * `setUp` runs once per suite (beforeAll), `close` once after it. Every case creates the items it
 * needs, so cases do not depend on each other's order.
 */
import { ExalateError, plainTextOf, type RichText, type TrackerItemOperations, type TrackerV1 } from '../../core';
import { readTrigger } from '../support/read-trigger';

export interface TrackerContractVocabulary {
  /** A type new items are created with: 'Bug' (Jira, Azure DevOps), 'Task' (Asana). */
  readonly itemType: string;
  /** The status of a new item, and one a single step away ('To Do' → 'In Progress'). */
  readonly initialStatus: string;
  readonly targetStatus: string;
  /** Two priority names to set in turn, or null for a tracker without priorities (Asana). */
  readonly priorities: readonly [string, string] | null;
  readonly supportsLabels: boolean;
  /** The email of a user who exists on the tracker. */
  readonly userEmail: string;
  /** A well-formed key of an item that does not exist. */
  readonly missingItemKey: string;
  /**
   * A trigger in the tracker's own language for every item of a project. Core's one grammar reads
   * it, as it reads an admin's trigger, and the adapter is searched with the conditions.
   */
  readonly queryForProject: (projectKey: string) => string;
}

export interface TrackerFaults {
  /** The next `requests` requests (any path) are answered 429 with `Retry-After: retryAfterSeconds`. */
  startRateLimitStorm(options: { readonly requests: number; readonly retryAfterSeconds: number }): void;
  stopRateLimitStorm(): void;
  /** Every wait the adapter's HTTP layer slept through (its injected sleep), in milliseconds. */
  readonly waits: readonly number[];
  /** Items the emulator holds in a project, and comments on an item: to prove no write happened twice. */
  countItems(projectKey: string): number;
  countComments(itemKey: string): number;
}

export interface TrackerContractFixture {
  readonly tracker: TrackerV1 & TrackerItemOperations;
  readonly projectKey: string;
  readonly vocabulary: TrackerContractVocabulary;
  close(): Promise<void>;
  /** Absent against a real instance: the cases that need a misbehaving tracker are then skipped. */
  readonly faults?: TrackerFaults;
  /** Throws when a request the adapter sent, or a response it got, breaks the official document. */
  assertExchangesMatchSpec?(): void;
  /** Removes an item the suite created (live runs clean up after themselves). */
  deleteItem?(key: string): Promise<void>;
}

const formatted: RichText = {
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Checkout fails for ' },
        { type: 'text', text: 'every', marks: ['bold'] },
        { type: 'text', text: ' card.' },
      ],
    },
    {
      type: 'bulletList',
      items: [[{ type: 'paragraph', content: [{ type: 'text', text: 'Visa' }] }], [{ type: 'paragraph', content: [{ type: 'text', text: 'Amex' }] }]],
    },
  ],
};

function paragraph(text: string): RichText {
  return { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}

function hasBold(document: RichText): boolean {
  return JSON.stringify(document).includes('"bold"');
}

export interface TrackerContractOptions {
  /** False against a real instance: the cases that need `faults` are skipped, and say so. */
  readonly faults?: boolean;
}

export function describeTrackerContract(name: string, setUp: () => Promise<TrackerContractFixture>, options: TrackerContractOptions = {}): void {
  const withFaults = options.faults ?? true;
  const faultCase = withFaults ? it : it.skip;
  const faultSuffix = withFaults ? '' : ' (skipped: needs an emulator to misbehave)';
  describe(`Tracker contract: ${name}`, () => {
    let fixture: TrackerContractFixture;
    const created: string[] = [];
    const stamp = `${Date.now().toString(36)}`;

    beforeAll(async () => {
      fixture = await setUp();
    });
    afterEach(() => {
      fixture.faults?.stopRateLimitStorm();
      fixture.assertExchangesMatchSpec?.();
    });
    afterAll(async () => {
      if (fixture === undefined) return;
      for (const key of created) await fixture.deleteItem?.(key).catch(() => undefined);
      await fixture.close();
    });

    async function createItem(summary: string, extra: Partial<Parameters<TrackerItemOperations['createItem']>[0]> = {}): Promise<string> {
      const { key } = await fixture.tracker.createItem({
        projectKey: fixture.projectKey,
        type: fixture.vocabulary.itemType,
        summary: `${summary} [${stamp}]`,
        ...extra,
      });
      created.push(key);
      return key;
    }

    it('creates an item and reads it back with its fields', async () => {
      const key = await createItem('Created by the contract', {
        description: formatted,
        ...(fixture.vocabulary.supportsLabels ? { labels: ['contract'] } : {}),
      });

      const item = await fixture.tracker.getItem(key);

      expect(item).toMatchObject({
        key,
        projectKey: fixture.projectKey,
        type: fixture.vocabulary.itemType,
        summary: `Created by the contract [${stamp}]`,
        status: fixture.vocabulary.initialStatus,
        comments: [],
        attachments: [],
      });
      expect(plainTextOf(item!.description)).toBe(plainTextOf(formatted));
      expect(hasBold(item!.description)).toBe(true);
      expect(item!.description.content.some((block) => block.type === 'bulletList')).toBe(true);
      if (fixture.vocabulary.supportsLabels) expect(item!.labels).toEqual(['contract']);
      expect(Number.isNaN(Date.parse(item!.updated))).toBe(false);
      expect(item!.url).toMatch(/^https?:\/\//);
    });

    it('updates summary, description, labels and priority, leaving the rest alone', async () => {
      const priorities = fixture.vocabulary.priorities;
      const key = await createItem('Before the update', priorities === null ? {} : { priority: priorities[0] });

      await fixture.tracker.updateItem(key, {
        summary: `After the update [${stamp}]`,
        description: paragraph('A new description.'),
        ...(fixture.vocabulary.supportsLabels ? { labels: ['beta', 'alpha'] } : {}),
        ...(priorities === null ? {} : { priority: priorities[1] }),
      });
      const item = await fixture.tracker.getItem(key);

      expect(item?.summary).toBe(`After the update [${stamp}]`);
      expect(plainTextOf(item!.description)).toBe('A new description.');
      if (fixture.vocabulary.supportsLabels) expect([...item!.labels].sort()).toEqual(['alpha', 'beta']);
      if (priorities !== null) expect(item?.priority).toBe(priorities[1]);
      expect(item?.status).toBe(fixture.vocabulary.initialStatus);
    });

    it('moves an item to another status, and says which status it cannot reach', async () => {
      const key = await createItem('Status change');

      await fixture.tracker.updateItem(key, { status: fixture.vocabulary.targetStatus });
      await expect(fixture.tracker.getItem(key)).resolves.toMatchObject({ status: fixture.vocabulary.targetStatus });

      const failure = await fixture.tracker.updateItem(key, { status: 'Status That Does Not Exist' }).catch((error: unknown) => error);
      expect(ExalateError.isInstance(failure)).toBe(true);
      expect((failure as ExalateError).message).toContain('Status That Does Not Exist');
      expect((failure as ExalateError).isRetryable).toBe(false);
    });

    it('adds a comment and updates it', async () => {
      const key = await createItem('Comments');

      const { id } = await fixture.tracker.addComment(key, paragraph('First words.'));
      await fixture.tracker.updateComment(key, id, paragraph('Second thoughts.'));
      const item = await fixture.tracker.getItem(key);

      expect(item?.comments).toHaveLength(1);
      expect(item?.comments[0]?.id).toBe(id);
      expect(plainTextOf(item!.comments[0]!.body)).toBe('Second thoughts.');
    });

    it('finds a user by email, and nobody for an unknown address', async () => {
      const user = await fixture.tracker.findUserByEmail(fixture.vocabulary.userEmail.toUpperCase());

      expect(user?.email?.toLowerCase()).toBe(fixture.vocabulary.userEmail.toLowerCase());
      expect(user?.displayName).not.toBe('');
      expect(user?.id).not.toBe('');
      await expect(fixture.tracker.findUserByEmail(`nobody-${stamp}@nowhere.example`)).resolves.toBeUndefined();
    });

    it('uploads an attachment and downloads the same bytes', async () => {
      const key = await createItem('Attachments');
      const content = Uint8Array.from({ length: 600 }, (_, index) => (index * 7) % 256);

      const { id } = await fixture.tracker.uploadAttachment(key, { filename: 'all-bytes.bin', mimeType: 'application/octet-stream', content });
      const item = await fixture.tracker.getItem(key);
      const downloaded = await fixture.tracker.downloadAttachment(key, id);

      expect(item?.attachments).toEqual([expect.objectContaining({ id, filename: 'all-bytes.bin', size: 600 })]);
      expect(Array.from(downloaded)).toEqual(Array.from(content));
    });

    it('finds the items a trigger matches, oldest first, page by page', async () => {
      const first = await createItem('Search one');
      const second = await createItem('Search two');
      const trigger = readTrigger(fixture.vocabulary.queryForProject(fixture.projectKey), fixture.tracker.kind);

      const keys: string[] = [];
      let cursor: string | null = null;
      for (let pages = 0; pages < 500; pages += 1) {
        const page = await fixture.tracker.searchItems(trigger, { cursor, limit: pages === 0 ? 1 : 50 });
        if (pages === 0) expect(page.keys.length).toBeLessThanOrEqual(1);
        keys.push(...page.keys);
        cursor = page.nextCursor;
        if (cursor === null) break;
      }

      expect(new Set(keys).size).toBe(keys.length);
      expect(keys).toContain(first);
      expect(keys.indexOf(first)).toBeLessThan(keys.indexOf(second));
    });

    it('lists items changed since a moment, and not those changed before it', async () => {
      const key = await createItem('Changed since');
      await fixture.tracker.updateItem(key, { summary: `Changed since, edited [${stamp}]` });
      const updated = Date.parse((await fixture.tracker.getItem(key))!.updated);

      const since = async (instant: number): Promise<readonly string[]> => {
        const keys: string[] = [];
        let cursor: string | null = null;
        do {
          const page = await fixture.tracker.listChangedSince(fixture.projectKey, new Date(instant).toISOString(), { cursor, limit: 50 });
          keys.push(...page.keys);
          cursor = page.nextCursor;
        } while (cursor !== null);
        return keys;
      };

      await expect(since(updated - 2 * 60_000)).resolves.toContain(key);
      await expect(since(updated + 24 * 60 * 60_000)).resolves.not.toContain(key);
    });

    it('reads a missing item as undefined and refuses to update it', async () => {
      await expect(fixture.tracker.getItem(fixture.vocabulary.missingItemKey)).resolves.toBeUndefined();
      await expect(fixture.tracker.updateItem(fixture.vocabulary.missingItemKey, { summary: 'x' })).rejects.toMatchObject({ code: 'not_found' });
    });

    function requireFaults(): TrackerFaults {
      if (fixture.faults === undefined)
        throw new Error(`The ${name} fixture has no faults; pass { faults: false } to describeTrackerContract to skip these cases.`);
      return fixture.faults;
    }

    faultCase(`survives a 429 storm, waiting as asked, without writing anything twice${faultSuffix}`, async () => {
      const faults = requireFaults();
      const itemsBefore = faults.countItems(fixture.projectKey);
      const waitsBefore = faults.waits.length;

      faults.startRateLimitStorm({ requests: 2, retryAfterSeconds: 7 });
      const key = await createItem('Through the storm');
      faults.startRateLimitStorm({ requests: 2, retryAfterSeconds: 3 });
      await fixture.tracker.addComment(key, paragraph('Once.'));

      expect(faults.countItems(fixture.projectKey)).toBe(itemsBefore + 1);
      expect(faults.countComments(key)).toBe(1);
      const waits = faults.waits.slice(waitsBefore);
      expect(waits.filter((wait) => wait >= 7000)).toHaveLength(2);
      expect(waits.filter((wait) => wait >= 3000 && wait < 7000)).toHaveLength(2);
    });

    faultCase(`gives up on a storm longer than its attempts with a retryable error, having written nothing${faultSuffix}`, async () => {
      const faults = requireFaults();
      const itemsBefore = faults.countItems(fixture.projectKey);

      faults.startRateLimitStorm({ requests: 1000, retryAfterSeconds: 1 });
      const failure = await fixture.tracker
        .createItem({ projectKey: fixture.projectKey, type: fixture.vocabulary.itemType, summary: 'Never' })
        .catch((error: unknown) => error);
      faults.stopRateLimitStorm();

      expect(failure).toMatchObject({ code: 'tracker_unavailable', isRetryable: true, details: expect.objectContaining({ retryAfterSeconds: 1 }) });
      expect(faults.countItems(fixture.projectKey)).toBe(itemsBefore);
    });
  });
}

/**
 * The contract against a real instance, run when every variable in `required` is set (`npm run
 * test:live`); otherwise one skipped case whose name, and a printed line, say what to set.
 */
export function describeLiveTrackerContract(
  name: string,
  required: readonly string[],
  setUp: (environment: Readonly<Record<string, string>>) => Promise<TrackerContractFixture>,
): void {
  const missing = required.filter((variable) => (process.env[variable] ?? '') === '');
  if (missing.length > 0) {
    const reason = `${name} against a real instance skipped: set ${missing.join(', ')} to run it`;
    describe(`Tracker contract: ${name} (live)`, () => {
      it.skip(reason, () => undefined);
    });
    process.stderr.write(`\n${reason}\n`);
    return;
  }
  const environment = Object.fromEntries(required.map((variable) => [variable, process.env[variable] ?? '']));
  describeTrackerContract(`${name} (live)`, () => setUp(environment), { faults: false });
}

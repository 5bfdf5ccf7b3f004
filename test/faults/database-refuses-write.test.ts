import { noteLocalChange, richTextFromPlain, type LoggerV1, type NewItem } from '../../core';
import { SqliteStore } from '../../hosts/node/store/sqlite-store';
import { MemoryTracker } from '../fakes/memory-tracker';
import { startTestNode, type TestNode } from '../support/test-node';
import { waitFor } from '../support/wait-for';
import { trackerItem } from '../fakes/tracker-item';

/** Azure DevOps in memory whose item creations wait while the test holds them. */
class GatedTracker extends MemoryTracker {
  private gate: { reached: () => void; release: Promise<void> } | undefined;

  /** Resolves when a creation reaches the gate; every creation waits until `release` resolves. */
  holdCreations(release: Promise<void>): Promise<void> {
    return new Promise((reached) => (this.gate = { reached, release }));
  }

  override async createItem(input: NewItem): Promise<{ key: string }> {
    if (this.gate) {
      this.gate.reached();
      await this.gate.release;
    }
    return super.createItem(input);
  }
}

interface ListedError {
  readonly id: string;
  readonly scope: string;
  readonly itemKey: string | null;
  readonly message: string;
}

/**
 * The receiving node's database refuses writes (a full disk: its real SQLite connection capped
 * with max_page_count, so anything that needs a new page fails with SQLITE_FULL) while a batch
 * of issues and then their edits cross a private connection. Items are being created in the
 * tracker as the disk fills: the node has created them and cannot store their twins. Both sides
 * have a trigger, and the receiving node's reconciler runs every 200 ms, so those items are looked
 * at as possible new ones all through the outage.
 *
 * While full: the admin sees item errors that say the database is full, and the node keeps
 * answering. Once space is back and the admin presses Retry: every issue has exactly one twin on
 * each side and its latest content, and nothing was created twice on either tracker.
 */
describe('the database refuses writes (disk full)', () => {
  const issues = 6;
  let jira: MemoryTracker;
  let ado: GatedTracker;
  let publicNode: TestNode;
  let privateNode: TestNode;
  let privateStore: SqliteStore;
  let privateLog: string[];
  let connectionId: string;

  beforeEach(async () => {
    jira = new MemoryTracker('jira-cloud');
    ado = new GatedTracker('azure-devops');
    publicNode = await startTestNode({ name: 'jira', isPublic: true, tracker: jira, sync: { reconcileIntervalMs: 60_000, pollWaitMs: 500 } });
    // The private node's own SQLite store, caught as startNode opens it.
    const open = jest.spyOn(SqliteStore, 'open');
    privateLog = [];
    const logger: LoggerV1 = {
      info: () => undefined,
      warn: () => undefined,
      error: (message, fields) => void privateLog.push(`${message} ${JSON.stringify(fields)}`),
    };
    privateNode = await startTestNode({ name: 'ado', isPublic: false, tracker: ado, logger, sync: { reconcileIntervalMs: 200, pollWaitMs: 500 } });
    privateStore = open.mock.results[0]!.value as SqliteStore;
    open.mockRestore();
    const initiated = await publicNode.admin('POST', '/connections/initiate', {
      destinationUrl: null,
      mode: 'script',
      localName: 'jira',
      remoteName: 'ado',
      name: 'disk_full',
      projectKey: 'SUP',
    });
    connectionId = initiated.body.connection.id as string;
    expect((await privateNode.admin('POST', '/connections/accept', { invitationCode: initiated.body.invitationCode, projectKey: 'SUP' })).status).toBe(201);
    expect((await privateNode.admin('POST', `/connections/${connectionId}/triggers`, { query: "[System.TeamProject] = 'SUP'", active: true })).status).toBe(
      201,
    );
  });

  afterEach(async () => {
    // Closing hands claims back to the queue, a write: a failed test must not leave the disk full.
    await privateStore.limitSize(null);
    await Promise.all([publicNode.close(), privateNode.close()]);
  });

  const errorsOf = async (node: TestNode) => (await node.admin('GET', '/errors')).body as ListedError[];
  const state = async () =>
    `Jira writes ${jira.writes.join('; ')}; ADO writes ${ado.writes.join('; ')}; private errors ${JSON.stringify(await errorsOf(privateNode))}; ` +
    `private queue ${JSON.stringify((await privateNode.admin('GET', `/connections/${connectionId}/queue`)).body).slice(0, 2000)}; private log ${privateLog.join(' | ').slice(0, 3000)}`;

  it('lists item errors while full, keeps answering, and loses or duplicates nothing once space is back', async () => {
    const keys = Array.from({ length: issues }, (_unused, index) => `SUP-${index + 1}`);
    for (const [index, key] of keys.entries()) {
      // A twin keeps the last replica: with a 6 KB description it needs a page of its own, which
      // the full database cannot give.
      jira.items.set(key, trackerItem({ key, summary: `first ${index}`, description: richTextFromPlain('x'.repeat(6_000)) }));
    }
    let release!: () => void;
    const reached = ado.holdCreations(new Promise<void>((resolve) => (release = resolve)));
    for (const key of keys) expect((await publicNode.admin('POST', `/connections/${connectionId}/sync`, { issueKey: key })).status).toBe(202);

    await reached;
    await waitFor('every change in the private inbox', async () => {
      const inbound = (await privateNode.admin('GET', `/connections/${connectionId}/queue`)).body.counts.inbound;
      return inbound.queued + inbound.in_flight === issues;
    });
    // The disk fills while items are being created.
    await privateStore.limitSize(0);
    release();
    // Edits made meanwhile: the private side cannot even store them as they arrive.
    for (const [index, key] of keys.entries()) {
      jira.edit(key, { summary: `latest ${index}` });
      await noteLocalChange(publicNode.context, key);
    }

    const itemErrors = await waitFor(
      'an item error naming the full database for the first item, created as the disk filled',
      async () => {
        const listed = (await errorsOf(privateNode)).filter(
          (error) => error.scope === 'item' && /database refused a write because it is full/.test(error.message),
        );
        return listed.some((error) => error.itemKey === 'SUP-1') ? listed : undefined;
      },
      30_000,
    ).catch(async (error: unknown) => {
      throw new Error(`${String(error)}; ${await state()}`);
    });
    expect(itemErrors.every((error) => error.itemKey !== null && keys.includes(error.itemKey))).toBe(true);
    // Let the reconciler and the retries run against the full database for a while: the node
    // keeps answering, and what it created is neither created again nor sent back as new.
    const createdWhileFull = ado.items.size;
    const reconcilerPasses = jest.spyOn(ado, 'listChangedSince');
    const passesAfter = async (more: number) => {
      const target = reconcilerPasses.mock.calls.length + more;
      await waitFor(`${more} more reconciler passes`, () => reconcilerPasses.mock.calls.length >= target, 30_000);
    };
    await passesAfter(5);
    expect((await privateNode.admin('GET', '/connections')).status).toBe(200);
    expect((await privateNode.admin('GET', `/connections/${connectionId}/queue`)).status).toBe(200);
    expect(ado.items.size).toBe(createdWhileFull);
    expect(jira.items.size).toBe(issues);

    // Space is back. The reconciler looks at the items created meanwhile before anyone retries
    // (they have no twin yet and match the trigger); then the admin presses Retry on what the
    // Errors tab lists.
    await privateStore.limitSize(null);
    await passesAfter(2);
    reconcilerPasses.mockRestore();
    for (const error of await errorsOf(privateNode)) expect((await privateNode.admin('POST', `/errors/${error.id}/retry`)).status).toBe(202);
    const twins = new Map<string, string>();
    for (const [index, key] of keys.entries()) {
      const remoteKey = await waitFor(
        `${key} synchronized with its latest content`,
        async () => {
          const twin = (await publicNode.admin('GET', `/connections/${connectionId}/twins/${key}`)).body as
            { remoteKey: string | null; status: string } | undefined;
          return twin?.status === 'synchronized' && twin.remoteKey && ado.items.get(twin.remoteKey)?.summary === `latest ${index}` ? twin.remoteKey : undefined;
        },
        60_000,
      ).catch(async (error: unknown) => {
        throw new Error(`${String(error)}; ${await state()}`);
      });
      twins.set(key, remoteKey);
    }
    // Exactly one item per issue on each side, paired both ways.
    expect(new Set(twins.values()).size).toBe(issues);
    expect([...ado.items.keys()].sort()).toEqual([...twins.values()].sort());
    expect([...jira.items.keys()].sort()).toEqual([...keys].sort());
    for (const [key, remoteKey] of twins) {
      expect((await privateNode.admin('GET', `/connections/${connectionId}/twins/${remoteKey}`)).body).toMatchObject({ remoteKey: key });
    }
    await waitFor('every error resolved', async () => (await errorsOf(privateNode)).length === 0);
  }, 120_000);
});

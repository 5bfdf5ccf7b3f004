import { readBulkSyncProgress, type NodeContext } from '../../../core';
import { MemoryTracker } from '../../../test/fakes/memory-tracker';
import { runBulkSyncStep } from './bulk-sync-step';
import { runSyncPassStep } from './sync-pass-step';
import { fakeKvs } from './testing/fake-forge-kvs';
import { activeConnection, createTestForgeContext, recordingWorkQueue } from './testing/forge-test-context';
import { trackerItem } from '../../../test/fakes/tracker-item';

jest.mock('@forge/kvs', () => ({ kvs: jest.requireActual('./testing/fake-forge-kvs').fakeKvs.kvs }));

function addIssues(tracker: MemoryTracker, count: number): void {
  for (let index = 1; index <= count; index++) {
    const item = trackerItem({ key: `SUP-${index}`, summary: `Issue ${index}`, url: `https://jira.example/SUP-${index}` });
    tracker.items.set(item.key, item);
  }
}

describe('Forge async-event steps', () => {
  let context: NodeContext;
  let tracker: MemoryTracker;

  beforeEach(async () => {
    fakeKvs.reset();
    tracker = new MemoryTracker('jira-cloud');
    context = await createTestForgeContext(tracker);
    await context.store.insertConnection(activeConnection('con_1', 'https://peer.example'));
  });
  afterEach(() => context.scripts.dispose());

  it('bulk-syncs 230 issues one page (100) per step when the budget is spent, and core reads its progress', async () => {
    addIssues(tracker, 230);
    const queue = recordingWorkQueue();
    let event = { type: 'bulk-sync' as const, connectionId: 'con_1', queries: ['project = SUP'], queryIndex: 0, cursor: null as string | null };
    let steps = 0;
    for (;;) {
      steps += 1;
      await runBulkSyncStep(context, event, queue, 0);
      const next = queue.pushed.shift()?.event;
      if (next?.type !== 'bulk-sync') break;
      expect(await readBulkSyncProgress(context, 'con_1')).toMatchObject({ state: 'running', found: steps * 100 });
      event = next;
    }
    expect(steps).toBe(3);
    expect(await readBulkSyncProgress(context, 'con_1')).toMatchObject({
      state: 'finished',
      query: 'project = SUP',
      found: 230,
      queued: 230,
      unchanged: 0,
      failed: 0,
    });
    expect((await context.store.countQueue('con_1')).outbound.queued).toBe(230);
  }, 60_000);

  it('counts items already in sync and unchanged instead of sending them again', async () => {
    addIssues(tracker, 3);
    const queue = recordingWorkQueue();
    const event = { type: 'bulk-sync' as const, connectionId: 'con_1', queries: ['project = SUP'], queryIndex: 0, cursor: null };
    await runBulkSyncStep(context, event, queue, 60_000);
    await runBulkSyncStep(context, event, queue, 60_000);
    expect(await readBulkSyncProgress(context, 'con_1')).toMatchObject({ state: 'finished', found: 3, queued: 0, unchanged: 3 });
    expect(queue.pushed.map((pushed) => pushed.event.type)).toEqual(['sync-pass', 'sync-pass']);
  });

  it('schedules one delayed sync pass for an entry waiting for its retry, however many passes run', async () => {
    const queue = recordingWorkQueue();
    const dueIn = 120_000;
    await context.store.enqueue({
      connectionId: 'con_1',
      direction: 'inbound',
      itemKey: 'SUP-1',
      envelope: { kind: 'applied', id: 'receipt-1', sourceKey: 'SUP-1', targetKey: 'ADO-1', changeId: 'change-1', createdAt: 1 },
      state: 'queued',
      attempts: 1,
      nextAttemptAt: context.clock.now() + dueIn,
      lastError: 'busy',
      createdAt: 1,
      updatedAt: 1,
    });
    expect(await runSyncPassStep(context, queue, 1_000)).toEqual({ moved: 0, continued: false });
    await runSyncPassStep(context, queue, 1_000);
    expect(queue.pushed).toHaveLength(1);
    expect(queue.pushed[0]?.delaySeconds).toBeGreaterThan(100);
    expect(queue.pushed[0]?.delaySeconds).toBeLessThanOrEqual(120);
  });

  it('does not schedule passes for changes a private peer collects by polling', async () => {
    await context.store.insertConnection({ ...activeConnection('con_2', null), id: 'con_2' });
    await context.store.enqueue({
      connectionId: 'con_2',
      direction: 'outbound',
      itemKey: 'SUP-1',
      envelope: { kind: 'change', id: 'change-1', sourceKey: 'SUP-1', sequence: 0, replica: {}, createdAt: 1 },
      state: 'queued',
      attempts: 0,
      nextAttemptAt: 0,
      lastError: null,
      createdAt: 1,
      updatedAt: 1,
    });
    const queue = recordingWorkQueue();
    await runSyncPassStep(context, queue, 1_000);
    expect(queue.pushed).toEqual([]);
  });
});

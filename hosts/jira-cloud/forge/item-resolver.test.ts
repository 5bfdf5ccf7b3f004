import { adminOperations, createQuickJsSandbox, type TrackerItem } from '../../../core';
import { MemoryTracker } from '../../../test/fakes/memory-tracker';
import { startTestNode, type TestNode } from '../../../test/support/test-node';
import { createItemResolver } from './item-resolver';
import type { WorkQueue } from './work-queue';
import { trackerItem } from '../../../test/fakes/tracker-item';

function newIssue(tracker: MemoryTracker, key: string): TrackerItem {
  const item = trackerItem({ key, type: 'Bug', url: `https://jira.example/browse/${key}` });
  tracker.items.set(key, item);
  return item;
}

/** The issue panel's and issue action's resolver: the item surface, for the issue Forge says they are open on, and nothing else. */
describe('the Forge item resolver', () => {
  let jira: MemoryTracker;
  let node: TestNode;
  let pushed: number;
  let viewerMayEdit: boolean;
  const askedMayEdit: string[] = [];
  let definitions: ReturnType<ReturnType<typeof createItemResolver>['getDefinitions']>;

  beforeAll(async () => {
    jira = new MemoryTracker('jira-cloud');
    node = await startTestNode({ name: 'jira', isPublic: true, tracker: jira, scripts: createQuickJsSandbox() });
    const queue: WorkQueue = { push: async () => void (pushed += 1) };
    definitions = createItemResolver({
      operations: adminOperations,
      context: async () => node.context,
      queue,
      viewerMayEdit: async (issueKey) => (askedMayEdit.push(issueKey), viewerMayEdit),
    }).getDefinitions();
    newIssue(jira, 'SUP-1');
    newIssue(jira, 'SUP-2');
  });
  beforeEach(() => {
    pushed = 0;
    viewerMayEdit = true;
    askedMayEdit.length = 0;
  });
  afterAll(async () => {
    await node.close();
  });

  /** As Forge calls a resolver from `invoke(key, payload)` in the panel of `issueKey`. */
  // Answers are read loosely on purpose: each test asserts the fields it cares about.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const invoke = (functionKey: string, payload: unknown, issueKey = 'SUP-1', moduleKey = 'exalate-issue-panel'): Promise<any> =>
    definitions({
      call: { functionKey, payload },
      context: { moduleKey, extension: { type: 'jira:issueContext', issue: { key: issueKey, id: '10001', type: 'Bug' } } },
    } as never);

  it('answers the item surface of the issue it is open on, from the panel and from the action', async () => {
    expect(await invoke('GET /items/{issueKey}', { params: { issueKey: 'SUP-1' } })).toEqual({ itemKey: 'SUP-1', twins: [] });
    expect(await invoke('GET /items/{issueKey}/exalate-options', { params: { issueKey: 'SUP-1' } }, 'SUP-1', 'exalate-issue-action')).toMatchObject({
      itemKey: 'SUP-1',
      connections: [],
    });
  });

  it('refuses any other issue named in the path or the body, and changes nothing', async () => {
    const other = {
      error: {
        code: 'forbidden',
        message: 'The Exalate panel of SUP-1 acts on SUP-1 only. Errors of a whole connection are retried from Settings → Apps → Exalate → Errors.',
      },
    };

    expect(await invoke('GET /items/{issueKey}', { params: { issueKey: 'SUP-2' } })).toEqual(other);
    expect(await invoke('POST /connections/{id}/sync', { params: { id: 'con_1' }, body: { issueKey: 'SUP-2' } })).toEqual(other);
    expect(await invoke('POST /connections/{id}/twins', { params: { id: 'con_1' }, body: { localKey: 'SUP-2', remoteKey: '42' } })).toEqual(other);
    expect(await invoke('DELETE /connections/{id}/twins/{issueKey}', { params: { id: 'con_1', issueKey: 'SUP-2' } })).toEqual(other);
    expect(pushed).toBe(0);
  });

  it('retries only errors about its own issue', async () => {
    const record = (itemKey: string | null) =>
      node.context.store.recordError({
        id: `err_${itemKey ?? 'connection'}`,
        scope: itemKey ? 'item' : 'connection',
        connectionId: 'con_1',
        itemKey,
        code: 'tracker_unavailable',
        message: 'Jira is down',
        line: null,
        occurrences: 1,
        createdAt: 1,
        updatedAt: 1,
        resolvedAt: null,
      });
    const ofOther = await record('SUP-2');
    const ofConnection = await record(null);
    const own = await record('SUP-1');

    expect((await invoke('POST /errors/{errorId}/retry', { params: { errorId: ofOther.id } })).error.code).toBe('forbidden');
    expect((await invoke('POST /errors/{errorId}/retry', { params: { errorId: ofConnection.id } })).error.code).toBe('forbidden');
    expect(await invoke('POST /errors/{errorId}/retry', { params: { errorId: own.id } })).toEqual({ retried: true });
    const open = (await node.context.store.listErrors({ includeResolved: false })).map((error) => error.id).sort();
    expect(open).toEqual([ofConnection.id, ofOther.id].sort());
  });

  it('lets someone who may not edit the issue see its sync but change nothing: not Exalate, Connect, Unexalate or Retry', async () => {
    viewerMayEdit = false;
    const own = await node.context.store.recordError({
      id: 'err_viewer',
      scope: 'item',
      connectionId: 'con_1',
      itemKey: 'SUP-1',
      code: 'tracker_unavailable',
      message: 'Jira is down',
      line: null,
      occurrences: 1,
      createdAt: 1,
      updatedAt: 1,
      resolvedAt: null,
    });
    const mayNotEdit = {
      error: {
        code: 'forbidden',
        message:
          'Your Jira account may not edit SUP-1, so the Exalate panel cannot change how it syncs. Ask a project administrator for the Edit issues permission, or someone who has it to do this.',
      },
    };

    expect(await invoke('GET /items/{issueKey}', { params: { issueKey: 'SUP-1' } })).toEqual({ itemKey: 'SUP-1', twins: [] });
    expect(await invoke('POST /connections/{id}/sync', { params: { id: 'con_1' }, body: { issueKey: 'SUP-1' } })).toEqual(mayNotEdit);
    expect(await invoke('POST /connections/{id}/twins', { params: { id: 'con_1' }, body: { localKey: 'SUP-1', remoteKey: '42' } })).toEqual(mayNotEdit);
    expect(await invoke('DELETE /connections/{id}/twins/{issueKey}', { params: { id: 'con_1', issueKey: 'SUP-1' } })).toEqual(mayNotEdit);
    expect(await invoke('POST /errors/{errorId}/retry', { params: { errorId: own.id } })).toEqual(mayNotEdit);
    expect(askedMayEdit).toEqual(['SUP-1', 'SUP-1', 'SUP-1', 'SUP-1']);
    expect(pushed).toBe(0);
    expect((await node.context.store.listErrors({ includeResolved: false })).map((error) => error.id)).toContain(own.id);
  });

  it('refuses calls from other modules, and has no admin operation at all', async () => {
    expect(await invoke('GET /items/{issueKey}', { params: { issueKey: 'SUP-1' } }, 'SUP-1', 'exalate-admin')).toEqual({
      error: { code: 'forbidden', message: 'The Exalate item operations answer only the Exalate panel and action of an issue.' },
    });
    await expect(invoke('GET /connections', {})).rejects.toThrow();
    await expect(invoke('POST /connections/initiate', { body: {} })).rejects.toThrow();
  });
});

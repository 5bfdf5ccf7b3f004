import type { Connection } from '../connection/connection';
import type { NodeContext } from '../node/node-context';
import type { StoreV1 } from '../ports/store';
import type { TriggerConditions } from '../trackers/trigger-condition';
import { systemClock } from '../ports/clock';
import { bulkSyncQueries, readBulkSyncProgress, runBulkSync, runBulkSyncPage, startBulkSync } from './bulk-sync';
import { storageFullError } from './storage-full';

describe('bulk sync on a database that refuses writes', () => {
  it('ends as failed and resolves: the admin route that started it leaves nothing to reject unhandled', async () => {
    const errors: string[] = [];
    // Only what a bulk sync touches before its first write: the store refuses that write.
    const store = { putSetting: async () => Promise.reject(storageFullError(new Error('SQLITE_FULL'))) } as unknown as StoreV1;
    const context = {
      store,
      clock: systemClock,
      logger: { info: () => undefined, warn: () => undefined, error: (message: string) => void errors.push(message) },
      tracker: { kind: 'jira-cloud', searchItems: async () => ({ keys: [], nextCursor: null }) },
    } as unknown as NodeContext;

    const progress = await runBulkSync(context, { id: 'con_1' } as Connection, 'project = SUP');

    expect(progress).toMatchObject({ state: 'failed', message: expect.stringContaining('database refused a write because it is full') });
    expect(errors).toEqual(['could not save bulk sync progress']);
  });
});

describe('bulk sync, a page at a time', () => {
  function pagedContext(pages: Readonly<Record<string, { keys: readonly string[]; nextCursor: string | null } | Error>>) {
    const settings = new Map<string, string>();
    const searched: (string | null)[] = [];
    const context = {
      store: { putSetting: async (key: string, value: string) => void settings.set(key, value), getSetting: async (key: string) => settings.get(key) },
      clock: systemClock,
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
      tracker: {
        kind: 'jira-cloud',
        searchItems: async (trigger: TriggerConditions, page: { cursor: string | null }) => {
          searched.push(page.cursor);
          expect(trigger).toEqual([{ field: 'project', operator: '=', values: ['SUP'] }]);
          const answer = pages[page.cursor ?? 'first'];
          if (answer === undefined || answer instanceof Error) throw answer ?? new Error('no such page');
          return answer;
        },
        // Items gone since the search: counted as failed, without a store to queue them in.
        getItem: async () => undefined,
      },
    } as unknown as NodeContext;
    return { context, searched };
  }

  it('goes on from the cursor each page returns and stores the progress, so another invocation can take over', async () => {
    const { context, searched } = pagedContext({ first: { keys: ['SUP-1', 'SUP-2'], nextCursor: 'page-2' }, 'page-2': { keys: ['SUP-3'], nextCursor: null } });
    const started = await startBulkSync(context, 'con_1', 'project = SUP');
    const first = await runBulkSyncPage(context, { id: 'con_1' } as Connection, started, null);
    expect(first).toMatchObject({ nextCursor: 'page-2', progress: { state: 'running', found: 2, failed: 2 } });
    expect(await readBulkSyncProgress(context, 'con_1')).toEqual(first.progress);

    const stored = await readBulkSyncProgress(context, 'con_1');
    const last = await runBulkSyncPage(context, { id: 'con_1' } as Connection, stored!, first.nextCursor);
    expect(last).toMatchObject({ nextCursor: null, progress: { id: started.id, state: 'finished', found: 3, failed: 3 } });
    expect(await readBulkSyncProgress(context, 'con_1')).toEqual(last.progress);
    expect(searched).toEqual([null, 'page-2']);
  });

  it("refuses a query the trigger grammar cannot read with the grammar's reason, without searching the tracker", async () => {
    const { context, searched } = pagedContext({ first: { keys: ['SUP-1'], nextCursor: null } });
    const progress = await runBulkSync(context, { id: 'con_1' } as Connection, 'project = SUP OR project = OPS');
    expect(progress).toMatchObject({
      state: 'failed',
      found: 0,
      message: expect.stringMatching(/^The trigger "project = SUP OR project = OPS" cannot be used: OR is not supported/),
    });
    expect(searched).toEqual([]);
    expect(await readBulkSyncProgress(context, 'con_1')).toEqual(progress);
  });

  it('ends as failed with the reason when a page cannot be read, keeping what the earlier pages counted', async () => {
    const { context } = pagedContext({ first: { keys: ['SUP-1'], nextCursor: 'page-2' }, 'page-2': new Error('Jira answered 503') });
    const progress = await runBulkSync(context, { id: 'con_1' } as Connection, 'project = SUP');
    expect(progress).toMatchObject({ state: 'failed', message: 'Jira answered 503', found: 1, failed: 1 });
    expect(await readBulkSyncProgress(context, 'con_1')).toEqual(progress);
  });
});

describe('the queries a bulk sync starts with', () => {
  const contextWithTriggers = (queries: readonly string[]) =>
    ({
      tracker: { kind: 'jira-cloud' },
      store: { listTriggers: async () => queries.map((query, index) => ({ id: `trg_${index}`, connectionId: 'con_1', query, active: true, createdAt: 0 })) },
    }) as unknown as NodeContext;

  it('refuses a query that does not parse, in the grammar’s words, before anything starts', async () => {
    const answer = await bulkSyncQueries(contextWithTriggers([]), { id: 'con_1' } as Connection, 'project = ');
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error.code).toBe('invalid_request');
  });

  it('takes a query that parses, or else every active trigger', async () => {
    expect(await bulkSyncQueries(contextWithTriggers([]), { id: 'con_1' } as Connection, 'project = SUP')).toEqual({ ok: true, value: ['project = SUP'] });
    expect(await bulkSyncQueries(contextWithTriggers(['project = SUP', 'project = OPS']), { id: 'con_1' } as Connection, undefined)).toEqual({
      ok: true,
      value: ['project = SUP', 'project = OPS'],
    });
  });
});

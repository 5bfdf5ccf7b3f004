import type { Connection } from '../connection/connection';
import type { NodeContext } from '../node/node-context';
import type { StoreV1 } from '../ports/store';
import { systemClock } from '../ports/clock';
import { runBulkSync } from './bulk-sync';
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
      tracker: { searchItems: async () => ({ keys: [], nextCursor: null }) },
    } as unknown as NodeContext;

    const progress = await runBulkSync(context, { id: 'con_1' } as Connection, 'project = SUP');

    expect(progress).toMatchObject({ state: 'failed', message: expect.stringContaining('database refused a write because it is full') });
    expect(errors).toEqual(['could not save bulk sync progress']);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStoreContract } from '../../../test/contract/store.contract';
import { SqliteStore } from './sqlite-store';

const directories: string[] = [];
afterAll(() => directories.forEach((directory) => rmSync(directory, { recursive: true, force: true })));

describeStoreContract('SQLite', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'exalate-store-'));
  directories.push(directory);
  return SqliteStore.open(join(directory, 'node.sqlite'));
});

describe('SQLite store on disk', () => {
  it('keeps committed state across a reopen and does not re-run migrations', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'exalate-store-'));
    directories.push(directory);
    const file = join(directory, 'node.sqlite');
    const first = SqliteStore.open(file);
    await first.putSetting('survives', 'yes');
    await first.close();
    const second = SqliteStore.open(file);
    expect(await second.getSetting('survives')).toBe('yes');
    await second.close();
  });
});

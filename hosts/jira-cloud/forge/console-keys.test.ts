import { adminOperations, resolverKey } from '../../../core';
import { consoleOperationKeys } from '../../console-kit/operation-client';
import { forgeAdminOperations } from './forge-admin-operations';

describe('the keys the consoles invoke', () => {
  it('are all resolver keys of core’s admin table, so a renamed operation fails here and not in Jira', () => {
    const keys = new Set(adminOperations.map(resolverKey));
    expect(consoleOperationKeys.filter((key) => !keys.has(key))).toEqual([]);
  });

  it('are served by the Forge app under the same keys, bulk sync included', () => {
    const forgeKeys = forgeAdminOperations({ push: async () => undefined }).map(resolverKey);
    expect(forgeKeys).toEqual(adminOperations.map(resolverKey));
  });
});

import type { NodeContext } from '../node/node-context';
import { keyLocks } from './testing/key-locks';
import type { NewItem } from '../ports/tracker-item';
import { findItemCreatedBefore, forgetCreationIntent, isAwaitingTwin, noteItemCreated, rememberCreationIntent } from './creation-intent';
import { ItemsAwaitingTwin } from './items-awaiting-twin';

/**
 * The last resort of a creation whose outcome is unknown (the call failed as a whole after it was
 * sent): the retry looks for an untwinned item like the one it meant to create. Creations of one
 * batch call are retried side by side, so two with the same summary must not adopt the same item.
 */
describe('adopting an item created before, when the creation call failed as a whole', () => {
  const newItem: NewItem = { projectKey: 'SUP', type: 'Task', summary: 'Printer on fire' };

  function nodeWithTrackerItems(items: Readonly<Record<string, string>>) {
    const settings = new Map<string, string>();
    const context = {
      clock: { now: () => Date.parse('2026-12-07T06:00:00Z') },
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
      signals: { itemsAwaitingTwin: new ItemsAwaitingTwin() },
      store: {
        getSetting: async (key: string) => settings.get(key),
        putSetting: async (key: string, value: string) => void settings.set(key, value),
        deleteSetting: async (key: string) => void settings.delete(key),
        transaction: async <T>(work: (store: unknown) => Promise<T>) => work(context.store),
        getTwinByLocalKey: async () => undefined,
        runExclusive: keyLocks(),
      },
      tracker: {
        listChangedSince: async () => ({ keys: Object.keys(items), nextCursor: null }),
        // Each read yields, as a real tracker call does, so side-by-side retries interleave.
        getItem: async (key: string) => {
          await new Promise((resolve) => setImmediate(resolve));
          return items[key] === undefined ? undefined : { key, summary: items[key] };
        },
      },
    } as unknown as NodeContext;
    return Object.assign(context, { settings });
  }

  it('gives two retried creations of the same summary two different items, and marks each as created by sync', async () => {
    const context = nodeWithTrackerItems({ 'SUP-7': 'Printer on fire', 'SUP-8': 'Printer on fire' });
    await rememberCreationIntent(context, 'con_1', 'chg_a');
    await rememberCreationIntent(context, 'con_1', 'chg_b');

    const adopted = await Promise.all([findItemCreatedBefore(context, 'con_1', 'chg_a', newItem), findItemCreatedBefore(context, 'con_1', 'chg_b', newItem)]);

    expect(new Set(adopted)).toEqual(new Set(['SUP-7', 'SUP-8']));
    expect(await isAwaitingTwin(context, 'con_1', 'SUP-7')).toBe(true);
    expect(await isAwaitingTwin(context, 'con_1', 'SUP-8')).toBe(true);
  });

  it('leaves the third retry with nothing to adopt when only two such items exist: it creates its own', async () => {
    const context = nodeWithTrackerItems({ 'SUP-7': 'Printer on fire', 'SUP-8': 'Printer on fire', 'SUP-9': 'Another summary' });
    for (const change of ['chg_a', 'chg_b', 'chg_c']) await rememberCreationIntent(context, 'con_1', change);

    const adopted = await Promise.all(['chg_a', 'chg_b', 'chg_c'].map((change) => findItemCreatedBefore(context, 'con_1', change, newItem)));

    expect(adopted.filter((key) => key !== undefined).sort()).toEqual(['SUP-7', 'SUP-8']);
    expect(adopted.filter((key) => key === undefined)).toHaveLength(1);
  });

  it('finds the same item again on a later retry of the same change', async () => {
    const context = nodeWithTrackerItems({ 'SUP-7': 'Printer on fire' });
    await rememberCreationIntent(context, 'con_1', 'chg_a');
    expect(await findItemCreatedBefore(context, 'con_1', 'chg_a', newItem)).toBe('SUP-7');
    expect(await findItemCreatedBefore(context, 'con_1', 'chg_a', newItem)).toBe('SUP-7');
  });

  it('leaves no note behind once the twin is stored: the notes do not grow with every item sync creates', async () => {
    const context = nodeWithTrackerItems({});
    await rememberCreationIntent(context, 'con_1', 'chg_a');
    await noteItemCreated(context, 'con_1', 'chg_a', 'SUP-7');
    expect(context.settings.size).toBe(2);
    await forgetCreationIntent(context.store, 'con_1', 'chg_a', 'SUP-7');
    expect(context.settings.size).toBe(0);
  });
});

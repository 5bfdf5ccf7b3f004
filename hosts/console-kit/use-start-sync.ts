import { useId, useState } from 'react';
import type { ConsoleConnection } from './admin-answers';
import type { TrackerKind } from './browser-core';
import { trackerWords, type TrackerWords } from './tracker-words';
import type { ConsoleClient } from './operation-client';
import type { ScriptNotice } from './script-editor-session';

/** The label of the Active row's button that opens the ways to start synchronization. */
export const startSyncLabel = 'Start synchronization';

/**
 * The words of "Start synchronization", the next step an Active connection's row offers: the
 * guides end with "Once your partner accepts the invitation, you can start synchronization", and
 * these are the three ways to (ARCHITECTURE §6: triggers, bulk sync, sync now).
 */
export function startSyncWords(words: TrackerWords) {
  return {
    open: startSyncLabel,
    title: (connection: ConsoleConnection): string => `Start synchronization: ${connection.name}`,
    intro: `The connection is active. Start synchronization in any of these ways; ${words.items} that sync stay in sync as they change.`,
    trigger: {
      heading: 'Add a trigger',
      help: `${words.itemsHeading} that match the query start syncing by themselves, now and whenever they change.`,
      button: 'Add trigger',
    },
    bulk: {
      heading: 'Bulk sync',
      help: `Syncs, once, every ${words.item} that the connection's active triggers match today.`,
      button: 'Bulk sync',
    },
    item: {
      heading: `Sync one ${words.item}`,
      help: `Syncs this ${words.item} now, whether a trigger matches it or not.`,
      button: 'Sync now',
    },
    close: 'Close',
  } as const;
}

export type StartSyncAction = 'trigger' | 'bulk' | 'item';

export interface StartSync {
  /** The action whose request is in flight, or null. */
  readonly busy: StartSyncAction | null;
  readonly notice: ScriptNotice;
  dismissNotice(): void;
  addTrigger(query: string): Promise<boolean>;
  bulkSync(): Promise<boolean>;
  syncItem(itemKey: string): Promise<boolean>;
}

/** One way to start synchronization: its heading (with the id that names its section) and its help. */
export interface StartSyncWay {
  readonly action: StartSyncAction;
  readonly headingId: string;
  readonly heading: string;
  readonly help: string;
  readonly button: string;
  /** Whether this way's request is the one in flight. */
  readonly working: boolean;
}

/** A way that starts from a field: the trigger's query, or the key of the one item to sync. */
export interface StartSyncFieldWay extends StartSyncWay {
  readonly fieldId: string;
  readonly label: string;
  readonly example: string;
  /** The field as typed. */
  readonly value: string;
  setValue(value: string): void;
  /** A query is code: the consoles show it in a monospaced field, and its button is the primary one. */
  readonly isQuery: boolean;
  /** Nothing to send yet, or a request in flight. */
  readonly disabled: boolean;
  run(): Promise<void>;
  /** The same as a form's onSubmit: the page is not sent anywhere, the action runs. */
  submit(event: { preventDefault(): void }): void;
}

export interface StartSyncWays {
  /** The prefix of every element id in the dialog, unique to it. */
  readonly id: string;
  readonly text: ReturnType<typeof startSyncWords>;
  readonly sync: StartSync;
  readonly trigger: StartSyncFieldWay;
  readonly bulk: StartSyncWay & { run(): Promise<void> };
  readonly item: StartSyncFieldWay;
}

/**
 * The three ways of Start synchronization as every console shows them: headings, help, the two
 * fields (the trigger's query and the item's key) with the actions that use them. A field is
 * cleared once its action is done, and kept to correct when the node refused it.
 */
export function useStartSyncWays(client: ConsoleClient, connection: ConsoleConnection, tracker: TrackerKind): StartSyncWays {
  const id = useId();
  const words = trackerWords[tracker];
  const text = startSyncWords(words);
  const sync = useStartSync(client, connection, tracker);
  const [query, setQuery] = useState('');
  const [itemKey, setItemKey] = useState('');
  const way = (action: StartSyncAction): StartSyncWay => ({
    action,
    headingId: `${id}-${action}`,
    heading: text[action].heading,
    help: text[action].help,
    button: text[action].button,
    working: sync.busy === action,
  });
  const fieldWay = (
    action: 'trigger' | 'item',
    field: { id: string; label: string; example: string; value: string; setValue(value: string): void },
    send: (value: string) => Promise<boolean>,
  ): StartSyncFieldWay => {
    const run = async () => {
      if (await send(field.value)) field.setValue('');
    };
    return {
      ...way(action),
      fieldId: `${id}-${field.id}`,
      label: field.label,
      example: field.example,
      value: field.value,
      setValue: field.setValue,
      isQuery: action === 'trigger',
      disabled: sync.busy !== null || field.value.trim() === '',
      run,
      submit: (event) => {
        event.preventDefault();
        void run();
      },
    };
  };
  return {
    id,
    text,
    sync,
    trigger: fieldWay('trigger', { id: 'query', label: words.queryLabel, example: words.queryExample, value: query, setValue: setQuery }, sync.addTrigger),
    bulk: { ...way('bulk'), run: async () => void (await sync.bulkSync()) },
    item: fieldWay('item', { id: 'key', label: words.itemKeyLabel, example: words.itemKeyExample, value: itemKey, setValue: setItemKey }, sync.syncItem),
  };
}

/**
 * Runs the three ways to start synchronization for one connection, one at a time, with the
 * outcome in words (the node's own when it refuses). Each returns whether it was done, so the
 * console can clear the field that was used.
 */
export function useStartSync(client: ConsoleClient, connection: ConsoleConnection, tracker: TrackerKind): StartSync {
  const words = trackerWords[tracker];
  const [busy, setBusy] = useState<StartSyncAction | null>(null);
  const [notice, setNotice] = useState<ScriptNotice>(null);

  const run = async (action: StartSyncAction, request: () => Promise<{ ok: true; text: string } | { ok: false; text: string }>): Promise<boolean> => {
    setBusy(action);
    setNotice(null);
    try {
      const outcome = await request();
      setNotice({ kind: outcome.ok ? 'success' : 'error', text: outcome.text });
      return outcome.ok;
    } finally {
      setBusy(null);
    }
  };

  return {
    busy,
    notice,
    dismissNotice: () => setNotice(null),
    addTrigger: (query) =>
      run('trigger', async () => {
        const answer = await client.addTrigger(connection.id, query.trim(), true);
        return answer.ok
          ? { ok: true, text: `${words.itemsHeading} matching "${answer.value.query}" now sync by themselves. Bulk sync syncs those that match today.` }
          : { ok: false, text: answer.error.message };
      }),
    bulkSync: () =>
      run('bulk', async () => {
        const answer = await client.startBulkSync(connection.id);
        return answer.ok
          ? { ok: true, text: `Bulk sync started for ${answer.value.queries.map((query) => `"${query}"`).join(', ')}. Follow it in the Sync queue.` }
          : { ok: false, text: answer.error.message };
      }),
    syncItem: (itemKey) =>
      run('item', async () => {
        const key = itemKey.trim();
        const answer = await client.syncNow(connection.id, key);
        return answer.ok
          ? { ok: true, text: `${words.itemHeading} ${key} is queued to sync. Follow it in the Sync queue.` }
          : { ok: false, text: answer.error.message };
      }),
  };
}

import { useCallback, useState } from 'react';
import type { TrackerKind } from './browser-core';
import type { ExalateOptionsAnswer, ItemSurfaceAnswer, ItemTwinAnswer } from './item-surface-answers';
import { itemSurfaceWords } from './item-surface-words';
import type { ConsoleClient } from './operation-client';
import type { ScriptNotice } from './script-editor-session';
import { useAnswer, type AnswerView } from './use-answer';

/** Which request is in flight: one at a time, named by action and connection, so that only its button waits. */
export type ItemSurfaceBusy = { readonly action: 'sync' | 'unexalate' | 'retry' | 'replica' | 'exalate' | 'connect'; readonly connectionId: string } | null;

export interface ReplicaView {
  readonly side: 'local' | 'remote';
  readonly connectionName: string;
  /** The replica as JSON text, or null when there is none to show. */
  readonly text: string | null;
}

export interface ItemSurface {
  readonly itemKey: string;
  readonly view: AnswerView<ItemSurfaceAnswer>;
  refresh(): void;
  readonly busy: ItemSurfaceBusy;
  /** The outcome of the last action, in the node's own words when it refused. */
  readonly notice: ScriptNotice;
  dismissNotice(): void;
  readonly replica: ReplicaView | null;
  closeReplica(): void;
  syncNow(twin: ItemTwinAnswer): Promise<boolean>;
  unexalate(twin: ItemTwinAnswer): Promise<boolean>;
  retry(twin: ItemTwinAnswer): Promise<boolean>;
  showReplica(twin: ItemTwinAnswer, side: 'local' | 'remote'): Promise<boolean>;
  /** "Exalate this issue": the connections offered, read when the dialog opens. */
  readonly options: AnswerView<ExalateOptionsAnswer> | null;
  loadOptions(): void;
  exalate(connectionId: string): Promise<boolean>;
  connect(connectionId: string, remoteKey: string): Promise<boolean>;
}

/**
 * The item surface of one item, for every host: its twins (loaded, refreshed after each action)
 * and the actions Sync now, Unexalate, Retry, Show local / remote replica, Exalate with a
 * connection and Connect to a remote key. Each action answers whether it was done and leaves its
 * outcome as a notice, so a host only renders.
 */
export function useItemSurface(client: ConsoleClient, itemKey: string, tracker: TrackerKind): ItemSurface {
  const words = itemSurfaceWords(tracker);
  const load = useCallback(() => client.readItem(itemKey), [client, itemKey]);
  const { view, reload } = useAnswer(load);
  const [busy, setBusy] = useState<ItemSurfaceBusy>(null);
  const [notice, setNotice] = useState<ScriptNotice>(null);
  const [replica, setReplica] = useState<ReplicaView | null>(null);
  const [options, setOptions] = useState<AnswerView<ExalateOptionsAnswer> | null>(null);

  const run = async (
    next: NonNullable<ItemSurfaceBusy>,
    request: () => Promise<{ ok: true; text: string | null } | { ok: false; text: string }>,
  ): Promise<boolean> => {
    setBusy(next);
    setNotice(null);
    try {
      const outcome = await request();
      if (outcome.text !== null) setNotice({ kind: outcome.ok ? 'success' : 'error', text: outcome.text });
      if (outcome.ok && next.action !== 'replica') reload();
      return outcome.ok;
    } finally {
      setBusy(null);
    }
  };

  return {
    itemKey,
    view,
    refresh: reload,
    busy,
    notice,
    dismissNotice: () => setNotice(null),
    replica,
    closeReplica: () => setReplica(null),
    syncNow: (twin) =>
      run({ action: 'sync', connectionId: twin.connectionId }, async () => {
        const answer = await client.syncNow(twin.connectionId, itemKey);
        return answer.ok ? { ok: true, text: words.notices.synced(itemKey) } : { ok: false, text: answer.error.message };
      }),
    unexalate: (twin) =>
      run({ action: 'unexalate', connectionId: twin.connectionId }, async () => {
        const answer = await client.unexalate(twin.connectionId, itemKey);
        if (!answer.ok) return { ok: false, text: answer.error.message };
        return {
          ok: true,
          text: answer.value.unlinked ? words.notices.unexalated(itemKey, twin.connectionName) : words.notices.alreadyUnexalated(itemKey, twin.connectionName),
        };
      }),
    retry: (twin) =>
      run({ action: 'retry', connectionId: twin.connectionId }, async () => {
        if (twin.error === null) return { ok: true, text: null };
        const answer = await client.retryError(twin.error.errorId);
        return answer.ok ? { ok: true, text: words.notices.retried } : { ok: false, text: answer.error.message };
      }),
    showReplica: (twin, side) =>
      run({ action: 'replica', connectionId: twin.connectionId }, async () => {
        const answer = await client.readReplicas(twin.connectionId, itemKey);
        if (!answer.ok) return { ok: false, text: answer.error.message };
        const value = side === 'local' ? answer.value.local : answer.value.remote;
        setReplica({ side, connectionName: twin.connectionName, text: value === null || value === undefined ? null : JSON.stringify(value, null, 2) });
        return { ok: true, text: null };
      }),
    options,
    loadOptions: () => {
      setOptions({ status: 'loading' });
      void client
        .readExalateOptions(itemKey)
        .then((answer) => setOptions(answer.ok ? { status: 'loaded', value: answer.value } : { status: 'failed', message: answer.error.message }));
    },
    exalate: (connectionId) =>
      run({ action: 'exalate', connectionId }, async () => {
        if (connectionId === '') return { ok: false, text: words.notices.connectionRequired };
        const answer = await client.syncNow(connectionId, itemKey);
        const name =
          options?.status === 'loaded'
            ? (options.value.connections.find((connection) => connection.connectionId === connectionId)?.connectionName ?? connectionId)
            : connectionId;
        return answer.ok ? { ok: true, text: words.notices.exalated(itemKey, name) } : { ok: false, text: answer.error.message };
      }),
    connect: (connectionId, remoteKey) =>
      run({ action: 'connect', connectionId }, async () => {
        if (connectionId === '') return { ok: false, text: words.notices.connectionRequired };
        const key = remoteKey.trim();
        if (key === '') return { ok: false, text: words.notices.remoteKeyRequired };
        const answer = await client.connectItems(connectionId, itemKey, key);
        return answer.ok ? { ok: true, text: words.notices.connected(itemKey, answer.value.remoteKey) } : { ok: false, text: answer.error.message };
      }),
  };
}

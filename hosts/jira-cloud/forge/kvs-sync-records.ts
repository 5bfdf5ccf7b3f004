import { z } from 'zod';
import {
  connectionRulesSchema,
  syncErrorSchema,
  triggerSchema,
  twinSchema,
  type ConnectionRules,
  type SyncError,
  type Trigger,
  type Twin,
} from '../../../core';
import type { KeyValueSpace, SpaceWrite } from './key-value-space';
import { storageKey, storagePrefix } from './kvs-key';
import { deleteWrite, getStored, listOrdered, orderedRecordSchema, readStored, setWrite, type OrderSequence } from './stored-records';

/** Resolved errors stay listable for a month, then KVS forgets them (the SQLite store keeps them). */
const resolvedErrorTtlSeconds = 30 * 24 * 3600;

const orderedTwin = orderedRecordSchema(twinSchema);
const orderedError = orderedRecordSchema(syncErrorSchema);

/** Rules, triggers, twins and errors: the engine's records that are not the queue. */
export class KvsSyncRecords {
  readonly #space: KeyValueSpace;
  readonly #order: OrderSequence;

  constructor(space: KeyValueSpace, order: OrderSequence) {
    this.#space = space;
    this.#order = order;
  }

  getRules(connectionId: string): Promise<ConnectionRules | undefined> {
    return getStored(this.#space, storageKey('rules', connectionId), connectionRulesSchema, 'rule set');
  }

  putRules(connectionId: string, rules: ConnectionRules): Promise<void> {
    return this.#space.apply([setWrite(storageKey('rules', connectionId), rules)]);
  }

  listTriggers(connectionId: string): Promise<readonly Trigger[]> {
    return listOrdered(this.#space, storagePrefix('trigger', connectionId), triggerSchema, 'trigger');
  }

  insertTrigger(trigger: Trigger): Promise<void> {
    return this.#space.apply([setWrite(storageKey('trigger', trigger.connectionId, trigger.id), { record: trigger, order: this.#order.next() })]);
  }

  async deleteTrigger(connectionId: string, triggerId: string): Promise<boolean> {
    const key = storageKey('trigger', connectionId, triggerId);
    if ((await this.#space.get(key)) === undefined) return false;
    await this.#space.apply([deleteWrite(key)]);
    return true;
  }

  async getTwinByLocalKey(connectionId: string, localKey: string): Promise<Twin | undefined> {
    return (await getStored(this.#space, storageKey('twin', connectionId, localKey), orderedTwin, 'twin'))?.record;
  }

  async getTwinByRemoteKey(connectionId: string, remoteKey: string): Promise<Twin | undefined> {
    const localKey = await getStored(this.#space, storageKey('twin-remote', connectionId, remoteKey), z.string(), 'twin index entry');
    if (localKey === undefined) return undefined;
    const twin = await this.getTwinByLocalKey(connectionId, localKey);
    // The index is written with the twin; an entry whose twin moved on is stale, not a match.
    return twin?.remoteKey === remoteKey ? twin : undefined;
  }

  async putTwin(twin: Twin): Promise<void> {
    const key = storageKey('twin', twin.connectionId, twin.localKey);
    const previous = await getStored(this.#space, key, orderedTwin, 'twin');
    const writes: SpaceWrite[] = [setWrite(key, { record: twin, order: previous?.order ?? this.#order.next() })];
    if (previous?.record.remoteKey && previous.record.remoteKey !== twin.remoteKey)
      writes.push(deleteWrite(storageKey('twin-remote', twin.connectionId, previous.record.remoteKey)));
    if (twin.remoteKey !== null) writes.push(setWrite(storageKey('twin-remote', twin.connectionId, twin.remoteKey), twin.localKey));
    await this.#space.apply(writes);
  }

  async deleteTwin(connectionId: string, localKey: string): Promise<void> {
    const twin = await this.getTwinByLocalKey(connectionId, localKey);
    if (!twin) return;
    await this.#space.apply([
      deleteWrite(storageKey('twin', connectionId, localKey)),
      ...(twin.remoteKey === null ? [] : [deleteWrite(storageKey('twin-remote', connectionId, twin.remoteKey))]),
    ]);
  }

  listTwins(connectionId: string): Promise<readonly Twin[]> {
    return listOrdered(this.#space, storagePrefix('twin', connectionId), twinSchema, 'twin');
  }

  async recordError(error: SyncError): Promise<SyncError> {
    const indexKey = storageKey('error-open', error.scope, error.connectionId ?? '', error.itemKey ?? '', error.code);
    const openId = await getStored(this.#space, indexKey, z.string(), 'error index entry');
    const open = openId === undefined ? undefined : await getStored(this.#space, storageKey('error', openId), orderedError, 'error');
    if (open && open.record.resolvedAt === null) {
      const kept: SyncError = {
        ...open.record,
        message: error.message,
        line: error.line,
        occurrences: open.record.occurrences + 1,
        updatedAt: error.updatedAt,
      };
      await this.#space.apply([setWrite(storageKey('error', kept.id), { record: kept, order: open.order })]);
      return kept;
    }
    await this.#space.apply([setWrite(storageKey('error', error.id), { record: error, order: this.#order.next() }), setWrite(indexKey, error.id)]);
    return error;
  }

  async listErrors(options: { readonly includeResolved: boolean }): Promise<readonly SyncError[]> {
    const errors = (await listOrdered(this.#space, storagePrefix('error'), syncErrorSchema, 'error')).reverse();
    return options.includeResolved ? errors : errors.filter((error) => error.resolvedAt === null);
  }

  async getError(id: string): Promise<SyncError | undefined> {
    return (await getStored(this.#space, storageKey('error', id), orderedError, 'error'))?.record;
  }

  async resolveErrors(filter: { readonly id?: string; readonly connectionId?: string; readonly itemKey?: string | null }, now: number): Promise<number> {
    const wrapped = (await this.#space.list(storagePrefix('error'))).map((entry) => readStored(entry.value, orderedError, 'error'));
    const matching = wrapped.filter(
      ({ record }) =>
        record.resolvedAt === null &&
        (filter.id === undefined || record.id === filter.id) &&
        (filter.connectionId === undefined || record.connectionId === filter.connectionId) &&
        (filter.itemKey === undefined || record.itemKey === filter.itemKey),
    );
    await this.#space.apply(
      matching.flatMap(({ record, order }) => [
        setWrite(storageKey('error', record.id), { record: { ...record, resolvedAt: now }, order }, { ttlSeconds: resolvedErrorTtlSeconds }),
        deleteWrite(storageKey('error-open', record.scope, record.connectionId ?? '', record.itemKey ?? '', record.code)),
      ]),
    );
    return matching.length;
  }
}

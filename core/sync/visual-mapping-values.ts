import { z } from 'zod';
import type { Connection } from '../connection/connection';
import { parseJson } from '../encoding/json';
import { randomId } from '../encoding/random';
import { ExalateError } from '../errors';
import { defaultVocabularyOf, vocabularyFromValues, type MappingSide, type SeenValues, type TrackerVocabularyNow } from '../mapping';
import type { NodeContext } from '../node/node-context';
import type { TrackerProjectValues } from '../ports/tracker';
import { projectValuesSchema, visualMappingItemKey, type Envelope } from './sync-records';
import { outboundTopic, workTopic } from './sync-signals';
import { mappingSideOf } from './visual-mapping-store';
import { enqueueOutbound } from './enqueue-outbound';

/**
 * The values a Visual connection's mapping is checked against, as this node knows them: its own
 * project's, read live from its tracker (TrackerV1.readProjectValues), and the other side's, as
 * the other node last sent them in a `mapping-values` message. Neither node ever reads the other's
 * tracker: each reads its own and tells the other. Kept in the store's settings, one JSON value per
 * connection, checked with zod when read back.
 */

const knownSchema = z.strictObject({
  local: z.strictObject({ values: projectValuesSchema, readAt: z.number().int() }).nullable(),
  /** What this side last sent the other side, so that unchanged values are not sent again. */
  sent: projectValuesSchema.nullable(),
  remote: z.strictObject({ values: projectValuesSchema, receivedAt: z.number().int() }).nullable(),
  /** When a refused write last made this node read its values to look for drift (at most one read a minute). */
  lastDriftReadAt: z.number().int().default(0),
  /** Every name each side's tracker has listed since the connection began: a value gone from these is drift. */
  seenLocal: projectValuesSchema.default({ statuses: [], priorities: [], types: [] }),
  seenRemote: projectValuesSchema.default({ statuses: [], priorities: [], types: [] }),
});
type KnownValues = z.infer<typeof knownSchema>;
type ProjectValues = z.infer<typeof projectValuesSchema>;

/** The port's read-only lists as stored (and sent). */
function copyOf(values: TrackerProjectValues): ProjectValues {
  return { statuses: [...values.statuses], priorities: [...values.priorities], types: [...values.types] };
}

const noValues = { statuses: [], priorities: [], types: [] };
const nothingKnown: KnownValues = { local: null, sent: null, remote: null, lastDriftReadAt: 0, seenLocal: noValues, seenRemote: noValues };

/** `seen` with `values` added, kept within what the schema holds (the oldest names stay). */
function seenWith(seen: ProjectValues, values: ProjectValues): ProjectValues {
  const union = (before: readonly string[], now: readonly string[]) => [...new Set([...before, ...now])].slice(0, 2000);
  return { statuses: union(seen.statuses, values.statuses), priorities: union(seen.priorities, values.priorities), types: union(seen.types, values.types) };
}
const valuesKey = (connectionId: string) => `visual-mapping:${connectionId}:values`;

async function readKnown(context: Pick<NodeContext, 'store'>, connectionId: string): Promise<KnownValues> {
  const stored = await context.store.getSetting(valuesKey(connectionId));
  if (stored === undefined) return nothingKnown;
  // Values are a cache of what the trackers said: unreadable ones are read again, not fatal.
  const parsed = parseJson(stored, knownSchema);
  return parsed.ok ? parsed.value : nothingKnown;
}

async function changeKnown(context: Pick<NodeContext, 'store'>, connectionId: string, change: (known: KnownValues) => KnownValues): Promise<KnownValues> {
  return context.store.runExclusive(valuesKey(connectionId), async () => {
    const changed = change(await readKnown(context, connectionId));
    await context.store.putSetting(valuesKey(connectionId), JSON.stringify(changed));
    return changed;
  });
}

/** Both sides' vocabularies, by side of the mapping, with a note for each side whose live values are not known. */
export interface MappingVocabularies {
  readonly vocabularies: Readonly<Record<MappingSide, TrackerVocabularyNow>>;
  /** Whether this side's values came from its tracker just now (or at the last read), and the other side's from its node. */
  readonly live: Readonly<Record<'local' | 'remote', boolean>>;
  /** Every name each side's tracker has listed (see mappingDrift). */
  readonly seen: Readonly<Record<MappingSide, SeenValues>>;
  readonly notes: readonly string[];
}

function remoteTrackerOf(context: Pick<NodeContext, 'tracker'>, connection: Connection) {
  return connection.remoteTracker === 'unknown' ? context.tracker.kind : connection.remoteTracker;
}

function assemble(context: Pick<NodeContext, 'tracker'>, connection: Connection, known: KnownValues, notes: readonly string[]): MappingVocabularies {
  const side = mappingSideOf(connection);
  const localTracker = context.tracker.kind;
  const remoteTracker = remoteTrackerOf(context, connection);
  const local = known.local === null ? defaultVocabularyOf(localTracker) : vocabularyFromValues(localTracker, known.local.values);
  const remote = known.remote === null ? defaultVocabularyOf(remoteTracker) : vocabularyFromValues(remoteTracker, known.remote.values);
  const remoteNotes =
    known.remote === null
      ? [
          `The other side has not sent its project's values yet, so they are its tracker's defaults; they arrive once its node is reached. The other side checks its own values again when it approves.`,
        ]
      : [];
  return {
    vocabularies: side === 'initiator' ? { initiator: local, acceptor: remote } : { initiator: remote, acceptor: local },
    seen: side === 'initiator' ? { initiator: known.seenLocal, acceptor: known.seenRemote } : { initiator: known.seenRemote, acceptor: known.seenLocal },
    live: { local: known.local !== null, remote: known.remote !== null },
    notes: [...notes, ...remoteNotes],
  };
}

/** What this node last knew of both sides, without asking its tracker: for compiling the scripts on every item. */
export async function lastKnownVocabularies(context: Pick<NodeContext, 'store' | 'tracker'>, connection: Connection): Promise<MappingVocabularies> {
  return assemble(context, connection, await readKnown(context, connection.id), []);
}

/**
 * Reads this side's project values from its tracker now, keeps them, and tells the other side when
 * they changed since it was last told (asking for its values back while they are unknown here).
 * When the tracker cannot list them, or the call fails, the values read last stand in, else the
 * tracker's default vocabulary, and a note says so.
 */
export async function readLiveVocabularies(context: NodeContext, connection: Connection): Promise<MappingVocabularies> {
  const read = await readLocalValues(context, connection);
  if (!read.ok) return assemble(context, connection, await readKnown(context, connection.id), [read.note]);
  const known = await changeKnown(context, connection.id, (before) => withLocal(before, read.values, context.clock.now()));
  if (connection.status === 'active' && (known.sent === null || !sameValues(known.sent, read.values))) {
    await sendLocalValues(context, connection, read.values, known.remote === null);
  }
  return assemble(context, connection, known, []);
}

function withLocal(before: KnownValues, values: TrackerProjectValues, now: number): KnownValues {
  const copy = copyOf(values);
  return { ...before, local: { values: copy, readAt: now }, seenLocal: seenWith(before.seenLocal, copy) };
}

type LocalRead = { readonly ok: true; readonly values: TrackerProjectValues } | { readonly ok: false; readonly note: string };

async function readLocalValues(context: NodeContext, connection: Connection): Promise<LocalRead> {
  const tracker = context.tracker;
  const fallback = 'so the values read last (or, before any read, its default values) are used';
  if (tracker.readProjectValues === undefined)
    return { ok: false, note: `This node's tracker does not list a project's statuses, priorities and types, ${fallback}.` };
  try {
    const values = projectValuesSchema.parse(await tracker.readProjectValues(connection.projectKey));
    return { ok: true, values };
  } catch (error) {
    const reason = ExalateError.from(error).message;
    context.logger.warn('reading the project values failed', { connectionId: connection.id, message: reason });
    return { ok: false, note: `The values of project ${connection.projectKey} could not be read from the tracker just now (${reason}), ${fallback}.` };
  }
}

/** Queues this side's values for the other side, and records them as sent. */
async function sendLocalValues(context: NodeContext, connection: Connection, values: TrackerProjectValues, ask: boolean): Promise<void> {
  const now = context.clock.now();
  const envelope: Envelope = { kind: 'mapping-values', id: randomId('mvl'), sourceKey: visualMappingItemKey, values: copyOf(values), ask, createdAt: now };
  await context.store.transaction(async (store) => {
    await enqueueOutbound(store, connection.id, visualMappingItemKey, envelope, now);
  });
  await changeKnown(context, connection.id, (before) => ({ ...before, sent: copyOf(values) }));
  context.signals.notify(outboundTopic(connection.id));
  context.signals.notify(workTopic);
}

/**
 * The other side's values arrived: they are kept as its last known values. When it asked for this
 * side's, they are read from the tracker and sent back (readLiveVocabularies sends them when this
 * side has not sent them yet or they changed; an ask answers even unchanged ones).
 */
export async function receiveRemoteValues(
  context: NodeContext,
  connection: Connection,
  envelope: Extract<Envelope, { kind: 'mapping-values' }>,
): Promise<void> {
  await changeKnown(context, connection.id, (before) => ({
    ...before,
    remote: { values: envelope.values, receivedAt: context.clock.now() },
    seenRemote: seenWith(before.seenRemote, envelope.values),
  }));
  if (!envelope.ask) return;
  const read = await readLocalValues(context, connection);
  if (read.ok) {
    await changeKnown(context, connection.id, (before) => withLocal(before, read.values, context.clock.now()));
    await sendLocalValues(context, connection, read.values, false);
  }
}

/** Whether a refused write may read the tracker's values to look for drift now: at most once a minute per connection. */
export async function claimDriftRead(context: NodeContext, connectionId: string): Promise<boolean> {
  const now = context.clock.now();
  let claimed = false;
  await changeKnown(context, connectionId, (before) => {
    claimed = now - before.lastDriftReadAt >= 60_000;
    return claimed ? { ...before, lastDriftReadAt: now } : before;
  });
  return claimed;
}

function sameValues(left: TrackerProjectValues, right: TrackerProjectValues): boolean {
  return JSON.stringify([left.statuses, left.priorities, left.types]) === JSON.stringify([right.statuses, right.priorities, right.types]);
}

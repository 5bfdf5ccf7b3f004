import { z } from 'zod';
import type { Connection } from '../connection/connection';
import { parseJson } from '../encoding/json';
import { ExalateError } from '../errors';
import {
  defaultVisualMapping,
  mappingVersionRecordSchema,
  startWorkflow,
  visualMappingSchema,
  type MappingSide,
  type MappingVersion,
  type MappingWorkflow,
  type VisualMapping,
} from '../mapping';
import type { NodeContext } from '../node/node-context';
import type { StoreV1 } from '../ports/store';

/**
 * Where a Visual connection's mapping workflow is kept: in the store's settings, one JSON value per
 * connection for the index (which version runs, the draft's who and when, every version's record)
 * and one per mapping document, so the index stays small however long the history grows and no
 * value nears Forge KVS's size limit. Every value is checked with zod when it is read back.
 * Changes run under the connection's mapping lock (mappingLockKey), so two admins, or an admin and
 * the other side's message, never overwrite each other's step.
 */

const indexSchema = z.strictObject({
  agreedProposalId: z.string().min(1),
  draft: z.strictObject({ savedAt: z.number().int(), savedBy: z.string() }).nullable(),
  versions: z.array(mappingVersionRecordSchema).max(10_000),
});

const indexKey = (connectionId: string) => `visual-mapping:${connectionId}`;
const documentKey = (connectionId: string, proposalId: string) => `visual-mapping:${connectionId}:version:${proposalId}`;
const draftKey = (connectionId: string) => `visual-mapping:${connectionId}:draft`;

export const mappingLockKey = (connectionId: string) => `visual-mapping:${connectionId}`;

/** Which side of the shared document this node holds: the role it played in the invitation. */
export function mappingSideOf(connection: Connection): MappingSide {
  return connection.role;
}

/**
 * The workflow as stored, or (before anything was stored) the one every Visual connection starts
 * with: version 1 is the default mapping between the two trackers, agreed by both sides, since
 * both build it the same way from what the invitation told them.
 */
export async function readMappingWorkflow(context: Pick<NodeContext, 'store' | 'tracker'>, connection: Connection): Promise<MappingWorkflow> {
  const stored = await context.store.getSetting(indexKey(connection.id));
  if (stored === undefined) return initialWorkflow(context, connection);
  const index = parseJson(stored, indexSchema);
  if (!index.ok) throw unreadable(connection, index.reason);
  const versions: MappingVersion[] = [];
  for (const record of index.value.versions)
    versions.push({ ...record, mapping: await readDocument(context.store, documentKey(connection.id, record.proposalId), connection) });
  const draft = index.value.draft === null ? null : { ...index.value.draft, mapping: await readDocument(context.store, draftKey(connection.id), connection) };
  return { agreedProposalId: index.value.agreedProposalId, draft, versions };
}

/** The mapping that runs on this connection now. */
export async function readAgreedMapping(context: Pick<NodeContext, 'store' | 'tracker'>, connection: Connection): Promise<VisualMapping> {
  const stored = await context.store.getSetting(indexKey(connection.id));
  if (stored === undefined) return initialWorkflow(context, connection).versions[0]!.mapping;
  const index = parseJson(stored, indexSchema);
  if (!index.ok) throw unreadable(connection, index.reason);
  return readDocument(context.store, documentKey(connection.id, index.value.agreedProposalId), connection);
}

/** Stores a workflow step: documents not stored before, the draft when it changed, then the index that names them. */
export async function writeMappingWorkflow(store: StoreV1, connection: Connection, before: MappingWorkflow, after: MappingWorkflow): Promise<void> {
  const known = new Set((await store.getSetting(indexKey(connection.id))) === undefined ? [] : before.versions.map((version) => version.proposalId));
  for (const version of after.versions) {
    if (!known.has(version.proposalId)) await store.putSetting(documentKey(connection.id, version.proposalId), JSON.stringify(version.mapping));
  }
  if (after.draft !== null && after.draft !== before.draft) await store.putSetting(draftKey(connection.id), JSON.stringify(after.draft.mapping));
  const index: z.infer<typeof indexSchema> = {
    agreedProposalId: after.agreedProposalId,
    draft: after.draft === null ? null : { savedAt: after.draft.savedAt, savedBy: after.draft.savedBy },
    versions: after.versions.map(({ mapping: _mapping, ...record }) => record),
  };
  await store.putSetting(indexKey(connection.id), JSON.stringify(index));
}

function initialWorkflow(context: Pick<NodeContext, 'tracker'>, connection: Connection): MappingWorkflow {
  const local = context.tracker.kind;
  const remote = connection.remoteTracker === 'unknown' ? local : connection.remoteTracker;
  const initiatorTracker = connection.role === 'initiator' ? local : remote;
  const acceptorTracker = connection.role === 'initiator' ? remote : local;
  const initiatorName = connection.role === 'initiator' ? connection.localName : connection.remoteName;
  const acceptorName = connection.role === 'initiator' ? connection.remoteName : connection.localName;
  return startWorkflow(defaultVisualMapping(initiatorTracker, acceptorTracker), {
    publishedBy: initiatorName,
    approvedBy: acceptorName,
    at: connection.createdAt,
  });
}

async function readDocument(store: StoreV1, key: string, connection: Connection): Promise<VisualMapping> {
  const stored = await store.getSetting(key);
  if (stored === undefined) throw unreadable(connection, `the document ${key} is missing`);
  const parsed = parseJson(stored, visualMappingSchema);
  if (!parsed.ok) throw unreadable(connection, parsed.reason);
  return parsed.value;
}

function unreadable(connection: Connection, reason: string): ExalateError {
  return new ExalateError(
    'internal',
    `The Visual mapping of connection ${connection.name} could not be read back from the node's storage (${reason}). Restore the node's database from a backup.`,
  );
}

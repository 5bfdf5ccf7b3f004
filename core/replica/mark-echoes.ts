import type { Replica } from './replica-schema';

/**
 * Marks the replica's comments and attachments that are themselves copies of the receiver's
 * (created here by sync) with `echoOf`, from the local item's `syncedFrom` annotations, and
 * drops the local-only `syncedFrom` key. Outgoing runs do this already; exported for engines
 * that build replicas some other way.
 */
export function markEchoes(replica: Replica, local: { readonly comments: readonly EchoSource[]; readonly attachments: readonly EchoSource[] }): Replica {
  const commentOrigins = originsOf(local.comments);
  const attachmentOrigins = originsOf(local.attachments);
  const marked: Replica = { ...replica };
  if (replica.comments !== undefined) marked.comments = replica.comments.map((comment) => withEcho(comment, commentOrigins));
  if (replica.attachments !== undefined) marked.attachments = replica.attachments.map((attachment) => withEcho(attachment, attachmentOrigins));
  return marked;
}

interface EchoSource {
  readonly id: string;
  readonly syncedFrom?: string | null;
}

function originsOf(sources: readonly EchoSource[]): ReadonlyMap<string, string> {
  const origins = new Map<string, string>();
  for (const source of sources) if (typeof source.syncedFrom === 'string') origins.set(source.id, source.syncedFrom);
  return origins;
}

function withEcho<T extends { readonly id: string; readonly echoOf?: string }>(entry: T, origins: ReadonlyMap<string, string>): T {
  const { syncedFrom: _syncedFrom, ...rest } = entry as T & { syncedFrom?: unknown };
  const origin = origins.get(entry.id);
  return (origin === undefined ? rest : { ...rest, echoOf: origin }) as T;
}

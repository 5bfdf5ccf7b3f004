import { encodeText } from '../encoding/base64url';
import { ExalateError } from '../errors';
import { err, ok, type Result } from '../result';
import { replicaSchema, type Replica } from './replica-schema';

/** One sync message carries one replica; past this the sender is told to send less (fewer comments, no huge fields). */
export const maximumReplicaBytes = 1024 * 1024;

/** Checks shape and size of a replica, from a script or from a peer. */
export function parseReplica(value: unknown): Result<Replica> {
  const parsed = replicaSchema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((issue) => `replica.${issue.path.join('.') || '(root)'}: ${issue.message}`);
    return err(new ExalateError('replica_invalid', `The replica is not in the replica shape: ${problems.join('; ')}.`, { details: { problems } }));
  }
  const bytes = replicaSize(parsed.data);
  if (bytes > maximumReplicaBytes) {
    const message = `The replica of ${parsed.data.key} is ${formatSize(bytes)}; one sync message carries at most ${formatSize(maximumReplicaBytes)}. Send less from the outgoing script (fewer or shorter comments, no large custom fields).`;
    return err(new ExalateError('replica_too_large', message, { details: { bytes, limit: maximumReplicaBytes, key: parsed.data.key } }));
  }
  return ok(parsed.data);
}

/** Serialized size in UTF-8 bytes, the size that crosses the wire. */
export function replicaSize(replica: Replica): number {
  return encodeText(JSON.stringify(replica)).length;
}

/** Kilobytes, rounded up: close to the limit, megabytes would print the same number on both sides. */
function formatSize(bytes: number): string {
  return `${Math.ceil(bytes / 1024)} KB`;
}

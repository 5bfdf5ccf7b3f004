import { encodeBase64Url, encodeText } from '../encoding/base64url';
import { sha256 } from '../encoding/sha256';
import { canonicalJson } from './canonical-json';
import type { Replica } from './replica-schema';

/**
 * A stable fingerprint of what a replica says, so an unchanged replica is not sent again.
 * The top-level `updated` is left out: the item's timestamp moves on every edit, also on edits to
 * fields the outgoing script does not send, and those must not cause a message.
 */
export async function replicaContentHash(replica: Replica): Promise<string> {
  const { updated: _updated, ...content } = replica;
  return encodeBase64Url(sha256(encodeText(canonicalJson(content))));
}

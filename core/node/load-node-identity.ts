import { generateNodeIdentity } from '../exchange/node-keys';
import type { NodeIdentity, StoreV1 } from '../ports/store';

/** A node's key pair is made once, on first start, and kept in its store for good. */
export async function loadNodeIdentity(store: StoreV1, now: number): Promise<NodeIdentity> {
  return store.ensureNodeIdentity(await generateNodeIdentity(now));
}

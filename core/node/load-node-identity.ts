import { randomToken } from '../encoding/random';
import { generateNodeIdentity } from '../exchange/node-keys';
import type { SecretsV1 } from '../ports/secrets';
import type { NodeIdentity, StoreV1 } from '../ports/store';

/** A node's key pair is made once, on first start, and kept in its store for good, its private half sealed. */
export async function loadNodeIdentity(store: StoreV1, secrets: SecretsV1, now: number): Promise<NodeIdentity> {
  const candidate = await generateNodeIdentity(now);
  const stored = await store.ensureNodeIdentity({ ...candidate, privateKey: await secrets.seal(candidate.privateKey) });
  return { ...stored, privateKey: await secrets.open(stored.privateKey) };
}

/** Reads a secret setting (admin token, webhook secret), opening what was sealed. */
export async function readSecretSetting(store: StoreV1, secrets: SecretsV1, key: string): Promise<string | undefined> {
  const stored = await store.getSetting(key);
  return stored ? secrets.open(stored) : undefined;
}

export async function writeSecretSetting(store: StoreV1, secrets: SecretsV1, key: string, value: string): Promise<void> {
  await store.putSetting(key, await secrets.seal(value));
}

/**
 * A random secret setting (a signing key, a token) made on first use and kept sealed for good, so
 * every process sharing the store agrees on it. `made` says whether this call made it.
 */
export async function readOrMakeSecretSetting(
  store: StoreV1,
  secrets: SecretsV1,
  key: string,
  byteLength: number,
): Promise<{ readonly value: string; readonly made: boolean }> {
  const stored = await readSecretSetting(store, secrets, key);
  if (stored) return { value: stored, made: false };
  const value = randomToken(byteLength);
  await writeSecretSetting(store, secrets, key, value);
  return { value, made: true };
}

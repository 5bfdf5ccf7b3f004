import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ExalateError, type SecretsV1 } from '../../core';

const prefix = 'sealed1:';

/**
 * AES-256-GCM with a 32-byte key from NODE_SECRET_KEY (base64), or from a key file beside the
 * node's data, made on first start and readable by its owner only. A stolen database alone then
 * holds no usable secret; keep the key file (or the variable) out of database backups.
 */
export function keyFileSecrets(keyFile: string, environmentKey: string | undefined): SecretsV1 {
  const key = environmentKey ? Buffer.from(environmentKey, 'base64') : readOrCreateKey(keyFile);
  if (key.length !== 32) throw new ExalateError('invalid_request', 'NODE_SECRET_KEY must be 32 random bytes in base64 (for example: openssl rand -base64 32).');
  // The node opens the same few secrets (the webhook secret, the tracker credentials) on every
  // delivery and call; a sealed text always opens to the same plain text, so each is opened once.
  const opened = new Map<string, string>();
  const openedKept = 64;
  return {
    seal: async (plainText) => {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      const sealed = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
      return `${prefix}${Buffer.concat([nonce, cipher.getAuthTag(), sealed]).toString('base64url')}`;
    },
    open: async (stored) => {
      if (!stored.startsWith(prefix)) return stored;
      const kept = opened.get(stored);
      if (kept !== undefined) return kept;
      const plainText = openSealed(key, stored);
      if (opened.size >= openedKept) opened.clear();
      opened.set(stored, plainText);
      return plainText;
    },
  };
}

function openSealed(key: Buffer, stored: string): string {
  const bytes = Buffer.from(stored.slice(prefix.length), 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
  } catch (error) {
    throw new ExalateError('internal', 'A stored secret could not be opened: the key file or NODE_SECRET_KEY is not the one it was sealed with.', {
      cause: error,
    });
  }
}

function readOrCreateKey(keyFile: string): Buffer {
  if (existsSync(keyFile)) return Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
  mkdirSync(dirname(keyFile), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(keyFile, key.toString('base64'), { mode: 0o600 });
  chmodSync(keyFile, 0o600);
  return key;
}

import { kvs } from '@forge/kvs';
import { ExalateError, type SecretsV1 } from '../../../core';
import { isConflict } from './key-value-space';

const keyName = 'exalate-sealing-key';
const prefix = 'sealed1:';

/**
 * Encryption at rest on Forge: an AES-256-GCM key made on first use and kept with KVS's encrypted
 * secret storage (`kvs.setSecret`, which cannot be listed or queried), sealing the node's private
 * key and other secrets that live in ordinary KVS entries. The format is the node's
 * (hosts/node/key-file-secrets.ts): `sealed1:` + base64url(nonce ‖ tag ‖ cipher text).
 */
export function createForgeSecrets(): SecretsV1 {
  let key: Promise<CryptoKey> | undefined;
  const sealingKey = () => (key ??= loadKey());
  return {
    seal: async (plainText) => {
      const nonce = crypto.getRandomValues(new Uint8Array(12));
      const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce }, await sealingKey(), new TextEncoder().encode(plainText)));
      // WebCrypto appends the 16-byte tag to the cipher text; the node's format puts it first.
      const tag = sealed.subarray(sealed.length - 16);
      return `${prefix}${Buffer.concat([nonce, tag, sealed.subarray(0, sealed.length - 16)]).toString('base64url')}`;
    },
    open: async (stored) => {
      if (!stored.startsWith(prefix)) return stored;
      const bytes = Buffer.from(stored.slice(prefix.length), 'base64url');
      const cipherText = Buffer.concat([bytes.subarray(28), bytes.subarray(12, 28)]);
      try {
        return new TextDecoder().decode(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.subarray(0, 12) }, await sealingKey(), cipherText));
      } catch (error) {
        throw new ExalateError('internal', "A stored secret could not be opened: the app's sealing key in Forge storage is not the one it was sealed with.", {
          cause: error,
        });
      }
    },
  };
}

async function loadKey(): Promise<CryptoKey> {
  let raw = await kvs.getSecret<string>(keyName);
  if (raw === undefined) {
    const candidate = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64');
    try {
      // Two first invocations at once: one key wins, both use it.
      await kvs.setSecret(keyName, candidate, { keyPolicy: 'FAIL_IF_EXISTS' });
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
    raw = await kvs.getSecret<string>(keyName);
  }
  if (raw === undefined) throw new ExalateError('internal', "The app's sealing key could not be stored in Forge's secret storage.");
  return crypto.subtle.importKey('raw', Buffer.from(raw, 'base64'), 'AES-GCM', false, ['encrypt', 'decrypt']);
}

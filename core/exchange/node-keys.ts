import { decodeBase64Url, encodeBase64Url, encodeText } from '../encoding/base64url';
import { randomId } from '../encoding/random';
import type { NodeIdentity } from '../ports/store';

// Ed25519 through Web Crypto: available without flags in Node 20+, the Forge runtime and current
// browsers, so core signs and verifies the same way everywhere.
const algorithm = { name: 'Ed25519' } as const;

export async function generateNodeIdentity(now: number): Promise<NodeIdentity> {
  const pair = (await globalThis.crypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
  const publicKey = new Uint8Array(await globalThis.crypto.subtle.exportKey('raw', pair.publicKey));
  const privateKey = new Uint8Array(await globalThis.crypto.subtle.exportKey('pkcs8', pair.privateKey));
  return { nodeId: randomId('node'), publicKey: encodeBase64Url(publicKey), privateKey: encodeBase64Url(privateKey), createdAt: now };
}

export async function signText(identity: NodeIdentity, text: string): Promise<string> {
  const key = await signingKeyOf(identity.privateKey);
  return encodeBase64Url(new Uint8Array(await globalThis.crypto.subtle.sign(algorithm, key, encodeText(text) as BufferSource)));
}

/**
 * A node signs every message to its peers with the same key: it is imported once, not once per
 * signature. Kept by the stored text (a node has one key; a process hosting several nodes, a few).
 */
const signingKeys = new Map<string, Promise<CryptoKey>>();
const signingKeysKept = 16;

function signingKeyOf(privateKey: string): Promise<CryptoKey> {
  const kept = signingKeys.get(privateKey);
  if (kept !== undefined) return kept;
  const keyBytes = decodeBase64Url(privateKey);
  if (!keyBytes) throw new Error('The stored node private key is not base64url.');
  const imported = globalThis.crypto.subtle.importKey('pkcs8', keyBytes as BufferSource, algorithm, false, ['sign']);
  if (signingKeys.size >= signingKeysKept) signingKeys.clear();
  signingKeys.set(privateKey, imported);
  // A key that does not import is not kept: the next signature tries again and fails the same way.
  imported.catch(() => signingKeys.delete(privateKey));
  return imported;
}

/** False for a bad signature and for a malformed key or signature: both mean "not from the peer". */
export async function verifyText(publicKey: string, text: string, signature: string): Promise<boolean> {
  const keyBytes = decodeBase64Url(publicKey);
  const signatureBytes = decodeBase64Url(signature);
  if (!keyBytes || keyBytes.length !== 32 || !signatureBytes || signatureBytes.length !== 64) return false;
  try {
    const key = await globalThis.crypto.subtle.importKey('raw', keyBytes as BufferSource, algorithm, false, ['verify']);
    return await globalThis.crypto.subtle.verify(algorithm, key, signatureBytes as BufferSource, encodeText(text) as BufferSource);
  } catch {
    return false;
  }
}

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
 * signature. Kept by the stored text; a process holds one node (the sandbox, a few), so a few keys.
 */
const signingKeys = new Map<string, Promise<CryptoKey>>();

function signingKeyOf(privateKey: string): Promise<CryptoKey> {
  let key = signingKeys.get(privateKey);
  if (key === undefined) {
    const keyBytes = decodeBase64Url(privateKey);
    if (!keyBytes) throw new Error('The stored node private key is not base64url.');
    key = globalThis.crypto.subtle.importKey('pkcs8', keyBytes as BufferSource, algorithm, false, ['sign']);
    signingKeys.set(privateKey, key);
  }
  return key;
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

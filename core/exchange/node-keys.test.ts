import { decodeBase64Url, encodeBase64Url } from '../encoding/base64url';
import { generateNodeIdentity, signText, verifyText } from './node-keys';

const now = Date.parse('2026-11-23T12:00:00Z');

describe('node keys (Ed25519)', () => {
  it('makes an identity whose signatures its public key verifies, and no other key does', async () => {
    const identity = await generateNodeIdentity(now);
    const other = await generateNodeIdentity(now);
    expect(identity.nodeId).toMatch(/^node_/);
    expect(identity.nodeId).not.toBe(other.nodeId);
    expect(identity.createdAt).toBe(now);
    expect(decodeBase64Url(identity.publicKey)).toHaveLength(32);
    const signature = await signText(identity, 'connection con_1 accepted');
    expect(decodeBase64Url(signature)).toHaveLength(64);
    expect(await verifyText(identity.publicKey, 'connection con_1 accepted', signature)).toBe(true);
    expect(await verifyText(other.publicKey, 'connection con_1 accepted', signature)).toBe(false);
    expect(await verifyText(identity.publicKey, 'connection con_2 accepted', signature)).toBe(false);
  });

  it('refuses a signature or key of the wrong size or alphabet as "not from the peer", without throwing', async () => {
    const identity = await generateNodeIdentity(now);
    const signature = await signText(identity, 'text');
    const signatureBytes = decodeBase64Url(signature)!;
    const keyBytes = decodeBase64Url(identity.publicKey)!;
    const cases: readonly (readonly [string, string])[] = [
      [identity.publicKey, signature.slice(0, -2)],
      [identity.publicKey, encodeBase64Url(new Uint8Array([...signatureBytes, 0]))],
      [identity.publicKey, `${signature.slice(0, -1)}*`],
      [identity.publicKey, ''],
      [encodeBase64Url(keyBytes.slice(0, 31)), signature],
      [encodeBase64Url(new Uint8Array([...keyBytes, 0])), signature],
      [`${identity.publicKey.slice(0, -1)}*`, signature],
      ['', signature],
      [identity.privateKey, signature],
    ];
    for (const [publicKey, candidate] of cases) expect(await verifyText(publicKey, 'text', candidate)).toBe(false);
  });

  it("signs with each node's own key when several nodes sign in one process, in any order", async () => {
    const identities = await Promise.all(Array.from({ length: 20 }, () => generateNodeIdentity(now)));
    for (const round of [0, 1])
      for (const [index, identity] of [...identities.entries()].reverse()) {
        const signature = await signText(identity, `message ${round} of node ${index}`);
        expect(await verifyText(identity.publicKey, `message ${round} of node ${index}`, signature)).toBe(true);
        expect(await verifyText(identities[(index + 1) % identities.length]!.publicKey, `message ${round} of node ${index}`, signature)).toBe(false);
      }
  });

  it('says what is wrong with a stored private key that is not base64url', async () => {
    const identity = await generateNodeIdentity(now);
    await expect(signText({ ...identity, privateKey: 'not*base64url' }, 'text')).rejects.toThrow('The stored node private key is not base64url.');
  });
});

describe('a runtime whose Web Crypto refuses a key', () => {
  afterEach(() => jest.restoreAllMocks());

  it('takes the refusal as "not from the peer", not as a throw', async () => {
    // Node imports any 32 bytes as an Ed25519 public key; other runtimes check the point and throw.
    const identity = await generateNodeIdentity(now);
    const signature = await signText(identity, 'text');
    jest.spyOn(globalThis.crypto.subtle, 'importKey').mockRejectedValueOnce(new DOMException('The key is not a point on the curve.', 'DataError'));
    expect(await verifyText(identity.publicKey, 'text', signature)).toBe(false);
    expect(await verifyText(identity.publicKey, 'text', signature)).toBe(true);
  });
});

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyFileSecrets } from './key-file-secrets';

describe('keyFileSecrets', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'exalate-secrets-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('seals a secret so the stored text does not show it, and opens it back', async () => {
    const secrets = keyFileSecrets(join(directory, 'node.key'), undefined);
    const sealed = await secrets.seal('hook secret 1');
    expect(sealed).not.toContain('hook secret 1');
    expect(await secrets.open(sealed)).toBe('hook secret 1');
  });

  it('opens each of several secrets to its own text, however often and in whatever order they are opened', async () => {
    const secrets = keyFileSecrets(join(directory, 'node.key'), undefined);
    const texts = Array.from({ length: 70 }, (_, index) => `secret number ${index}`);
    const sealed = await Promise.all(texts.map((text) => secrets.seal(text)));
    for (let round = 0; round < 3; round += 1) for (const index of [0, 69, 1, 35, 0, 68]) expect(await secrets.open(sealed[index]!)).toBe(texts[index]);
    for (const [index, text] of texts.entries()) expect(await secrets.open(sealed[index]!)).toBe(text);
  });

  it('refuses a secret sealed with another key, every time it is asked, in words that name the key', async () => {
    const sealedElsewhere = await keyFileSecrets(join(directory, 'other.key'), undefined).seal('token');
    const secrets = keyFileSecrets(join(directory, 'node.key'), undefined);
    for (let attempt = 0; attempt < 2; attempt += 1)
      await expect(secrets.open(sealedElsewhere)).rejects.toThrow('the key file or NODE_SECRET_KEY is not the one it was sealed with');
  });

  it('keeps the key file readable by its owner only', () => {
    keyFileSecrets(join(directory, 'node.key'), undefined);
    expect(statSync(join(directory, 'node.key')).mode & 0o777).toBe(0o600);
  });

  it('passes through text stored before secrets were sealed', async () => {
    expect(await keyFileSecrets(join(directory, 'node.key'), undefined).open('plain old value')).toBe('plain old value');
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * hosts/tracker-http must run on Forge and in a browser as well as in the node, so its product
 * files use global fetch and Web APIs only. This test is the rule's enforcement.
 */
describe('hosts/tracker-http', () => {
  const productFiles = readdirSync(__dirname).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));

  it.each(productFiles)('%s uses no Node built-ins', (file) => {
    const source = readFileSync(path.join(__dirname, file), 'utf8');

    expect(source).not.toMatch(/from '(node:|fs|path|crypto|http|https|net|os|url|util|stream|events|buffer|zlib)'/);
    expect(source).not.toMatch(/\b(require\(|Buffer\.|process\.)/);
  });
});

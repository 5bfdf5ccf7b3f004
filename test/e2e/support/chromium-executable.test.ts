import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { findChromium } from './chromium-executable';

// Unpacking the browser the first time on a loaded machine takes a while.
jest.setTimeout(120_000);

const shippedVersion = JSON.parse(readFileSync(join(__dirname, '../../../node_modules/@sparticuz/chromium/package.json'), 'utf8')).version.split('.')[0];

describe('the Chromium the browser journeys drive', () => {
  it('is the one npm installs when CHROMIUM is unset, unpacked into the temp dir', async () => {
    const executable = await findChromium({});
    expect(executable.origin).toBe('npm');
    expect(executable.path.startsWith(tmpdir())).toBe(true);
    const printed = execFileSync(executable.path, ['--version'], { encoding: 'utf8', env: { ...executable.environment } });
    expect(printed).toMatch(new RegExp(`^Chromium ${shippedVersion}\\.`));
  });

  it('loads no library from the system beyond the C and C++ runtimes (no Debian NSS, GTK or fonts packages)', async () => {
    const executable = await findChromium({});
    const libraries = execFileSync('ldd', [executable.path], { encoding: 'utf8', env: { ...executable.environment } })
      .split('\n')
      .map((line) => /^\s*(\S+) => (\S+)/.exec(line))
      .filter((match): match is RegExpExecArray => match !== null);
    const fromTheSystem = libraries.filter(([, , location]) => !location!.startsWith(join(executable.path, '..'))).map(([, name]) => name);
    expect(fromTheSystem.filter((name) => !/^lib(c|m|dl|pthread|rt|gcc_s|stdc\+\+)\.so/.test(name!))).toEqual([]);
    expect(libraries.length).toBeGreaterThan(fromTheSystem.length);
  });

  it('opens a page and renders text', async () => {
    const executable = await findChromium({});
    const browser = await chromium.launch({ executablePath: executable.path, env: { ...executable.environment }, args: ['--no-sandbox', '--disable-gpu'] });
    const page = await browser.newPage();
    await page.setContent('<button>Initiate Connection</button>');
    expect(await page.getByRole('button').textContent()).toBe('Initiate Connection');
    await browser.close();
  });

  it('refuses a CHROMIUM that names nothing, saying what to do', async () => {
    await expect(findChromium({ CHROMIUM: '/nonexistent/chromium' })).rejects.toThrow('unset it to use the one npm installs');
  });
});

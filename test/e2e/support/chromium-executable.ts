import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import { z } from 'zod';

export interface ChromiumExecutable {
  readonly path: string;
  /** Variables the browser process needs on top of ours: where its own libraries and fonts are. */
  readonly environment: Readonly<Record<string, string>>;
  /** Where it came from, for a test run's log and for the timing figures in the README. */
  readonly origin: 'npm' | 'chromium-variable';
}

const packageName = '@sparticuz/chromium';

/**
 * The Chromium the browser journeys drive. CHROMIUM names one (Debian's is /usr/bin/chromium); unset,
 * empty or `npm`, it is the one the @sparticuz/chromium dev dependency ships, so `npm install` alone
 * is enough. That package is Chromium's headless shell for Linux x64, packed with brotli, with the few
 * libraries a bare Linux lacks (NSS, NSPR, expat: its `al2023.tar.br`) and a font; it needs nothing
 * from the system but the C and C++ runtimes Node itself runs on.
 */
export async function findChromium(environment: NodeJS.ProcessEnv = process.env): Promise<ChromiumExecutable> {
  const named = environment['CHROMIUM'];
  if (named && named !== 'npm') {
    if (!existsSync(named))
      throw new Error(`CHROMIUM names ${named}, which does not exist: point it at a Chromium or Chrome, or unset it to use the one npm installs.`);
    return { path: named, environment: {}, origin: 'chromium-variable' };
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `${packageName} ships Chromium for Linux x64 only; on ${process.platform}-${process.arch}, set CHROMIUM to a Chromium or Chrome executable.`,
    );
  }
  const unpacked = await unpackedChromium(packageDirectory());
  return {
    path: join(unpacked, 'chromium'),
    environment: {
      LD_LIBRARY_PATH: [join(unpacked, 'lib'), environment['LD_LIBRARY_PATH']].filter(Boolean).join(':'),
      FONTCONFIG_PATH: join(unpacked, 'fonts'),
    },
    origin: 'npm',
  };
}

function packageDirectory(): string {
  try {
    // The package's "exports" name only its code (build/cjs/index.cjs); the packed files are in bin/.
    return join(dirname(createRequire(__filename).resolve(packageName)), '..', '..');
  } catch {
    throw new Error(
      `The browser journeys' Chromium comes from the npm package ${packageName}, which is not installed: run \`npm install\`, or set CHROMIUM to a Chromium executable.`,
    );
  }
}

/**
 * Unpacks once per package version and user into the temp dir (about 190 MB, a few seconds), then
 * reuses it. Each unpacking writes a directory of its own and renames it into place, so jest workers
 * starting together never see half a browser; the rename that loses leaves the winner's copy.
 */
async function unpackedChromium(packageRoot: string): Promise<string> {
  const version = z.object({ version: z.string() }).parse(JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8'))).version;
  const userId = process.getuid?.() ?? 0;
  const target = join(tmpdir(), `exalate-chromium-${version}-user-${userId}`);
  if (existsSync(join(target, 'chromium'))) {
    // A directory in the shared temp dir that someone else made could hold any program.
    if (statSync(target).uid !== userId) throw new Error(`${target} belongs to another user; remove it, or set TMPDIR to a directory of your own.`);
    return target;
  }
  const packed = join(packageRoot, 'bin');
  const staging = mkdtempSync(`${target}.unpacking-`);
  try {
    mkdirSync(join(staging, 'lib'));
    mkdirSync(join(staging, 'fonts'));
    await Promise.all([
      pipeline(createReadStream(join(packed, 'chromium.br')), createBrotliDecompress(), createWriteStream(join(staging, 'chromium'), { mode: 0o755 })),
      // al2023.tar.br holds lib/*.so, fonts.tar.br holds fonts/<family>/*.ttf (and a fonts.conf for Lambda's paths, replaced below).
      untarBrotli(join(packed, 'al2023.tar.br'), staging),
      untarBrotli(join(packed, 'fonts.tar.br'), join(staging, 'fonts')),
    ]);
    // Written for the place the directory is renamed to.
    writeFileSync(join(staging, 'fonts', 'fonts.conf'), fontConfiguration(join(target, 'fonts')));
    try {
      renameSync(staging, target);
    } catch (error) {
      if (!existsSync(join(target, 'chromium'))) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return target;
}

/** Through a file: tar stops reading at the archive's end marker, before the padding, which would break a pipe. */
async function untarBrotli(archive: string, into: string): Promise<void> {
  const unpackedArchive = `${into}.tar`;
  await pipeline(createReadStream(archive), createBrotliDecompress(), createWriteStream(unpackedArchive));
  const result = spawnSync('tar', ['-x', '-f', unpackedArchive, '-C', into], { encoding: 'utf8' });
  rmSync(unpackedArchive, { force: true });
  if (result.status !== 0) throw new Error(`Unpacking ${archive} failed (${result.error?.message ?? `tar exited ${result.status}`}): ${result.stderr}`);
}

/** The package's own font, then the system's fonts where there are any, so pages look as they would on the machine. */
function fontConfiguration(fontsDirectory: string): string {
  return `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>${join(fontsDirectory, 'fonts')}</dir>
  <dir>/usr/share/fonts</dir>
  <dir>/usr/local/share/fonts</dir>
  <cachedir>${join(fontsDirectory, 'cache')}</cachedir>
</fontconfig>
`;
}

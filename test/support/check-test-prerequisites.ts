/**
 * `npm test` runs this first: the PostgreSQL store suites need a PostgreSQL server and the browser
 * journeys a Chromium, both from npm packages by default. When one cannot run here, one line says
 * what and what to do, and the run stops, instead of dozens of suites failing on the same cause.
 */
import { execFileSync } from 'node:child_process';
import { findChromium } from '../e2e/support/chromium-executable';
import { findPostgresBinaries } from './postgres-binaries';

async function checkTestPrerequisites(): Promise<string[]> {
  const problems: string[] = [];
  try {
    const binaries = findPostgresBinaries();
    execFileSync(binaries.postgres, ['--version'], { stdio: 'pipe' });
  } catch (error) {
    problems.push(`PostgreSQL: ${describe(error)}`);
  }
  try {
    const executable = await findChromium();
    execFileSync(executable.path, ['--version'], { stdio: 'pipe', env: { ...process.env, ...executable.environment } });
  } catch (error) {
    problems.push(`Chromium: ${describe(error)}`);
  }
  return problems;
}

/** A program that would not start says why on its standard error (a missing library, say). */
function describe(error: unknown): string {
  if (error instanceof Error && 'stderr' in error && error.stderr) return `${error.message.split('\n')[0]}: ${String(error.stderr).trim().split('\n')[0]}`;
  return error instanceof Error ? error.message : String(error);
}

checkTestPrerequisites().then(
  (problems) => {
    if (problems.length === 0) return;
    process.stderr.write(`npm test cannot run every suite on this machine. ${problems.join(' ')}\n`);
    process.exitCode = 1;
  },
  (error: unknown) => {
    process.stderr.write(`npm test could not check its prerequisites: ${describe(error)}\n`);
    process.exitCode = 1;
  },
);

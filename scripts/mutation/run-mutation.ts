import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { z } from 'zod';
import criticalModules from './critical-modules.json';

/**
 * Mutation testing of the critical modules, one module at a time (a run of all at once would hold
 * the machine for an hour; one module takes minutes, and its incremental file keeps later runs short).
 *
 *   npm run test:mutation                       every critical module
 *   npm run test:mutation -- invitation sync    the named modules
 *   npm run test:mutation -- --changed [base]   the modules whose files or tests changed since base
 *                                               (default origin/main when it exists, else HEAD~1)
 *   … --changed [base] --lines                  only the mutants on the lines that changed in the
 *                                               mutated files (what CI runs: minutes, not an hour)
 *   … --budget-minutes N                        stop after N minutes and say what was not finished
 *
 * Exits non-zero when a module's mutation score is under its `break` threshold in stryker.config.mjs,
 * or when Stryker itself fails. A run stopped by its budget is reported, not failed: the modules it
 * did not finish are named with the command to run them in full.
 */
const moduleSchema = z.object({ name: z.string(), mutate: z.array(z.string()), tests: z.array(z.string()) });
const modules = z.object({ modules: z.array(moduleSchema) }).parse(criticalModules).modules;
const root = join(__dirname, '..', '..');

/** The line ranges each file has in HEAD (and uncommitted) that changed since base, from `git diff -U0`. */
function changedLineRanges(base: string, files: readonly string[]): Record<string, [number, number][]> {
  const ranges: Record<string, [number, number][]> = {};
  for (const file of files) {
    const diff = execFileSync('git', ['diff', '-U0', base, '--', file], { cwd: root, encoding: 'utf8' });
    for (const hunk of diff.matchAll(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/gm)) {
      const start = Number(hunk[1]);
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      // A hunk that only removed lines still changed the code around where they were.
      (ranges[file] ??= []).push([Math.max(1, start), Math.max(1, start + count - 1)]);
    }
  }
  return ranges;
}

function changedFiles(base: string): string[] {
  const output = execFileSync('git', ['diff', '--name-only', `${base}...HEAD`], { cwd: root, encoding: 'utf8' });
  const uncommitted = execFileSync('git', ['diff', '--name-only', 'HEAD'], { cwd: root, encoding: 'utf8' });
  return [...new Set(`${output}\n${uncommitted}`.split('\n').filter(Boolean))];
}

function defaultBase(): string {
  const hasOriginMain = spawnSync('git', ['rev-parse', '--verify', '--quiet', 'origin/main'], { cwd: root }).status === 0;
  return hasOriginMain ? 'origin/main' : 'HEAD~1';
}

/** A test glob of the table as a regular expression over repository paths (`*` stays inside one folder). */
function globPattern(glob: string): RegExp {
  const escaped = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*\*/g, '\u0000')
    .replace(/\*/g, '[^/]*')
    .replace(/\u0000/g, '.*');
  return new RegExp(`^${escaped}$`);
}

function touches(module: z.infer<typeof moduleSchema>, files: readonly string[]): boolean {
  const mutated = module.mutate.map((entry) => entry.split('#')[0]!);
  const tests = module.tests.map(globPattern);
  return files.some((file) => mutated.includes(file) || tests.some((pattern) => pattern.test(file)));
}

interface Selection {
  readonly modules: z.infer<typeof moduleSchema>[];
  /** With --lines: the changed line ranges of the mutated files, handed to stryker.config.mjs. */
  readonly lines: Record<string, [number, number][]> | undefined;
}

function selectModules(argv: readonly string[]): Selection {
  const changedAt = argv.indexOf('--changed');
  if (changedAt >= 0) {
    const base = argv[changedAt + 1] && !argv[changedAt + 1]!.startsWith('-') ? argv[changedAt + 1]! : defaultBase();
    if (spawnSync('git', ['rev-parse', '--verify', '--quiet', `${base}^{commit}`], { cwd: root }).status !== 0) {
      // A shallow clone has no parent commit to compare with.
      console.log(`There is no ${base} in this checkout to compare with; no module selected.`);
      return { modules: [], lines: undefined };
    }
    const files = changedFiles(base);
    if (argv.includes('--lines')) {
      const mutatedFiles = new Set(modules.flatMap((module) => module.mutate.map((entry) => entry.split('#')[0]!)));
      const lines = changedLineRanges(
        base,
        files.filter((file) => mutatedFiles.has(file)),
      );
      const touched = modules.filter((module) => module.mutate.some((entry) => lines[entry.split('#')[0]!] !== undefined));
      console.log(
        `Changed since ${base}: lines of ${Object.keys(lines).length} mutated file(s); critical modules touched: ${touched.map((module) => module.name).join(', ') || 'none'}.`,
      );
      return { modules: touched, lines };
    }
    const touched = modules.filter((module) => touches(module, files));
    console.log(`Changed since ${base}: ${files.length} file(s); critical modules touched: ${touched.map((module) => module.name).join(', ') || 'none'}.`);
    return { modules: touched, lines: undefined };
  }
  const names = argv.filter((argument, index) => !argument.startsWith('-') && argv[index - 1] !== '--budget-minutes');
  if (names.length === 0) return { modules, lines: undefined };
  const unknown = names.filter((name) => !modules.some((module) => module.name === name));
  if (unknown.length > 0) throw new Error(`Unknown module(s) ${unknown.join(', ')}. Known: ${modules.map((module) => module.name).join(', ')}.`);
  return { modules: modules.filter((module) => names.includes(module.name)), lines: undefined };
}

function budgetMilliseconds(argv: readonly string[]): number {
  const at = argv.indexOf('--budget-minutes');
  if (at < 0) return Number.POSITIVE_INFINITY;
  const minutes = Number(argv[at + 1]);
  if (!(minutes > 0)) throw new Error('--budget-minutes needs a number of minutes above 0.');
  return minutes * 60_000;
}

/** Runs Stryker for one module; resolves with its exit code, or 'over budget' when stopped at the deadline. */
function runStryker(module: string, lines: Selection['lines'], deadline: number): Promise<number | 'over budget'> {
  return new Promise((resolve) => {
    const env = { ...process.env, MUTATION_MODULES: module, ...(lines ? { MUTATION_LINES: JSON.stringify(lines) } : {}) };
    // Its own process group, so that stopping it at the deadline stops the test workers it started too.
    const child = spawn('npx', ['stryker', 'run', 'stryker.config.mjs'], { cwd: root, stdio: 'inherit', env, detached: true });
    const timer = setTimeout(
      () => {
        process.kill(-child.pid!, 'SIGKILL');
        resolve('over budget');
      },
      Math.max(0, deadline - Date.now()),
    );
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code ?? 1);
    });
  });
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const { modules: selected, lines } = selectModules(argv);
  const deadline = Date.now() + budgetMilliseconds(argv);
  const failed: string[] = [];
  const unfinished: string[] = [];
  for (const module of selected) {
    if (Date.now() >= deadline) {
      unfinished.push(module.name);
      continue;
    }
    console.log(`\nMutation testing: ${module.name}${lines ? ' (the changed lines only)' : ''}`);
    const started = Date.now();
    const outcome = await runStryker(module.name, lines, deadline);
    console.log(`${module.name}: ${Math.round((Date.now() - started) / 1000)} s, report in reports/mutation/${module.name}.html`);
    if (outcome === 'over budget') unfinished.push(module.name);
    else if (outcome !== 0) failed.push(module.name);
  }
  if (unfinished.length > 0)
    console.log(
      `Not finished within the time budget: ${unfinished.join(', ')}. Run \`npm run test:mutation -- ${unfinished.join(' ')}\` before merging a change to them.`,
    );
  if (failed.length > 0) {
    console.error(`Mutation testing failed for: ${failed.join(', ')}.`);
    process.exit(1);
  }
}

void main();

import { execFileSync, spawnSync } from 'node:child_process';
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
 *
 * Exits non-zero when a module's mutation score is under its `break` threshold in stryker.config.mjs.
 */
const moduleSchema = z.object({ name: z.string(), mutate: z.array(z.string()), tests: z.array(z.string()) });
const modules = z.object({ modules: z.array(moduleSchema) }).parse(criticalModules).modules;
const root = join(__dirname, '..', '..');

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

function selectModules(argv: readonly string[]): z.infer<typeof moduleSchema>[] {
  const changedAt = argv.indexOf('--changed');
  if (changedAt >= 0) {
    const base = argv[changedAt + 1] && !argv[changedAt + 1]!.startsWith('-') ? argv[changedAt + 1]! : defaultBase();
    const files = changedFiles(base);
    const touched = modules.filter((module) => touches(module, files));
    console.log(`Changed since ${base}: ${files.length} file(s); critical modules touched: ${touched.map((module) => module.name).join(', ') || 'none'}.`);
    return touched;
  }
  const names = argv.filter((argument) => !argument.startsWith('-'));
  if (names.length === 0) return modules;
  const unknown = names.filter((name) => !modules.some((module) => module.name === name));
  if (unknown.length > 0) throw new Error(`Unknown module(s) ${unknown.join(', ')}. Known: ${modules.map((module) => module.name).join(', ')}.`);
  return modules.filter((module) => names.includes(module.name));
}

const selected = selectModules(process.argv.slice(2));
const failed: string[] = [];
for (const module of selected) {
  console.log(`\nMutation testing: ${module.name}`);
  const started = Date.now();
  const run = spawnSync('npx', ['stryker', 'run', 'stryker.config.mjs'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, MUTATION_MODULES: module.name },
  });
  console.log(`${module.name}: ${Math.round((Date.now() - started) / 1000)} s, report in reports/mutation/${module.name}.html`);
  if (run.status !== 0) failed.push(module.name);
}
if (failed.length > 0) {
  console.error(`Mutation testing failed for: ${failed.join(', ')}.`);
  process.exit(1);
}

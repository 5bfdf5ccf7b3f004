// Mutation testing of the critical modules (docs/testing.md): StrykerJS makes small bugs in the
// code one at a time and runs the tests that cover each; a bug no test notices is a "survivor".
// The modules, what of them is mutated and which tests guard them are listed once, in
// scripts/mutation/critical-modules.json. MUTATION_MODULES (comma-separated names) narrows a run;
// `npm run test:mutation` sets it per module (scripts/mutation/run-mutation.ts).
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const baseJestConfig = require('./jest.config.js');
const { modules } = JSON.parse(readFileSync(new URL('./scripts/mutation/critical-modules.json', import.meta.url), 'utf8'));

const wanted = (process.env.MUTATION_MODULES ?? '')
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean);
const unknown = wanted.filter((name) => !modules.some((module) => module.name === name));
if (unknown.length > 0) throw new Error(`Unknown mutation module(s) ${unknown.join(', ')}; known: ${modules.map((module) => module.name).join(', ')}.`);
const selected = wanted.length > 0 ? modules.filter((module) => wanted.includes(module.name)) : modules;
const label = wanted.length === 1 ? wanted[0] : 'all';

// The type checker compiles tsconfig.mutation.json: the mutated files and what they import. A file
// of the table missing there would be mutated unchecked.
const checkedFiles = JSON.parse(readFileSync(new URL('./tsconfig.mutation.json', import.meta.url), 'utf8')).files;
const unchecked = modules.flatMap((module) => module.mutate.map((entry) => entry.split('#')[0])).filter((file) => !checkedFiles.includes(file));
if (unchecked.length > 0) throw new Error(`Add ${[...new Set(unchecked)].join(', ')} to "files" in tsconfig.mutation.json.`);

// Stryker runs the tests in copies one folder deeper (.stryker-tmp/sandbox-…), where the tests'
// `../shared/specs` (the trackers' API descriptions, checked out beside the project) is not found:
// it is linked in beside the copies.
const sharedBeside = fileURLToPath(new URL('../shared', import.meta.url));
const sharedForSandboxes = fileURLToPath(new URL('./.stryker-tmp/shared', import.meta.url));
if (existsSync(sharedBeside) && !existsSync(sharedForSandboxes)) {
  mkdirSync(fileURLToPath(new URL('./.stryker-tmp', import.meta.url)), { recursive: true });
  symlinkSync(sharedBeside, sharedForSandboxes, 'dir');
}

/**
 * "file#nameOne,nameTwo" becomes "file:start-end" for each named function or method, found by its
 * declaration and the closing brace at the same indentation, so that the range follows the code
 * when someone edits another part of the file.
 */
function mutateRanges(entry) {
  const [file, names] = entry.split('#');
  if (!names) return [file];
  const lines = readFileSync(new URL(`./${file}`, import.meta.url), 'utf8').split('\n');
  return names.split(',').map((name) => {
    const declaration = new RegExp(`^(\\s*)(export\\s+)?(async\\s+)?(function\\s+)?${name}(<[^>]*>)?\\(`);
    const start = lines.findIndex((line) => declaration.test(line));
    if (start < 0) throw new Error(`${file} has no function ${name}; update scripts/mutation/critical-modules.json.`);
    const indentation = declaration.exec(lines[start])[1];
    const end = lines.findIndex((line, index) => index > start && line.startsWith(`${indentation}}`));
    if (end < 0) throw new Error(`The end of ${name} in ${file} was not found.`);
    return `${file}:${start + 1}-${end + 1}`;
  });
}

// MUTATION_LINES (set by `npm run test:mutation -- --changed --lines`): the changed line ranges of
// each mutated file; only the mutants on those lines are made, within each entry's own range.
const changedLines = process.env.MUTATION_LINES ? JSON.parse(process.env.MUTATION_LINES) : undefined;

function onChangedLines(range) {
  if (!changedLines) return [range];
  const [file, span] = range.split(':');
  const [from, to] = span ? span.split('-').map(Number) : [1, Number.MAX_SAFE_INTEGER];
  return (changedLines[file] ?? [])
    .map(([start, end]) => [Math.max(start, from), Math.min(end, to)])
    .filter(([start, end]) => start <= end)
    .map(([start, end]) => `${file}:${start}-${end}`);
}

const mutate = selected.flatMap((module) => module.mutate.flatMap(mutateRanges).flatMap(onChangedLines));
if (mutate.length === 0) {
  // The changed lines are all outside the functions this module mutates: nothing to test.
  console.log(`No mutated code of ${label} is on the changed lines.`);
  process.exit(0);
}

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.mutation.json',
  // A mutant the type checker refuses is not a bug anyone could ship; only the tests' verdict counts.
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  // The machine has two cores shared with other work.
  concurrency: 2,
  timeoutMS: 20_000,
  mutate,
  jest: {
    projectType: 'custom',
    enableFindRelatedTests: false,
    config: { ...baseJestConfig, testMatch: [...new Set(selected.flatMap((module) => module.tests))].map((glob) => `<rootDir>/${glob}`) },
  },
  // Kept between runs: an unchanged mutant with unchanged tests is not tested again.
  incremental: true,
  incrementalFile: `reports/mutation/${label}${changedLines ? '.changed-lines' : ''}.incremental.json`,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: `reports/mutation/${label}.json` },
  htmlReporter: { fileName: `reports/mutation/${label}.html` },
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['docs', 'dist', '.data', 'coverage', 'reports', 'manifests/**/*.png'],
  thresholds: { high: 90, low: 85, break: null },
};

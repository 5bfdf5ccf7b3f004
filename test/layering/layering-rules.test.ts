import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';

/**
 * Each layering rule of .dependency-cruiser.cjs (run by `npm run lint`) must fail on the import it
 * forbids. Each case builds a small tree with the house's folder names, plants one violation in it
 * and runs the real rules over it; the same tree without the planted file must pass, so a rule that
 * fires on everything is caught too.
 */
const projectRoot = resolve(__dirname, '../..');
const rules = join(projectRoot, '.dependency-cruiser.cjs');
const dependencyCruiser = join(projectRoot, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const run = promisify(execFile);

/** A tree that keeps every rule: each room imports only what it may. */
const lawfulTree: Readonly<Record<string, string>> = {
  'core/replica.ts': 'export const replica = 1;\n',
  'core/sync.ts': "import { replica } from './replica';\nexport const sync = replica;\n",
  'hosts/tracker-http/client.ts': "import { sync } from '../../core/sync';\nexport const client = sync;\n",
  'hosts/asana/adapter.ts': "import { client } from '../tracker-http/client';\nexport const asana = client;\n",
  'hosts/asana/emulator/routes.ts': "import { kit } from '../../emulator-kit/kit';\nimport { asana } from '../adapter';\nexport const routes = kit + asana;\n",
  'hosts/jira-rest/emulator/jira-kit.ts': "import { kit } from '../../emulator-kit/kit';\nexport const jiraKit = kit;\n",
  'hosts/jira-cloud/emulator/routes.ts': "import { jiraKit } from '../../jira-rest/emulator/jira-kit';\nexport const routes = jiraKit;\n",
  'hosts/emulator-kit/kit.ts': 'export const kit = 1;\n',
  'hosts/console-kit/client.ts': "import { sync } from '../../core/sync';\nexport const consoleClient = sync;\n",
  'hosts/jira-cloud/ui/page.tsx': "import { consoleClient } from '../../console-kit/client';\nexport const page = consoleClient;\n",
  'hosts/node/server.ts': "import { asana } from '../asana/adapter';\nimport { readFileSync } from 'node:fs';\nexport const server = [asana, readFileSync];\n",
  'scripts/sandbox.ts':
    "import { server } from '../hosts/node/server';\nimport { routes } from '../hosts/asana/emulator/routes';\nexport const sandbox = [server, routes];\n",
};

const plantedViolations: readonly { readonly rule: string; readonly files: Readonly<Record<string, string>> }[] = [
  {
    rule: 'no-circular',
    files: {
      'core/sync.ts': "import { replica } from './replica';\nexport const sync = replica;\n",
      'core/replica.ts': "import { sync } from './sync';\nexport const replica = () => sync;\n",
    },
  },
  { rule: 'core-imports-no-host', files: { 'core/leak.ts': "import { asana } from '../hosts/asana/adapter';\nexport const leak = asana;\n" } },
  {
    rule: 'core-rules-do-not-call-back-into-sync',
    files: { 'core/sync/pass.ts': 'export const pass = 1;\n', 'core/rules/run.ts': "import { pass } from '../sync/pass';\nexport const run = pass;\n" },
  },
  {
    rule: 'core-replica-stands-below-sync-and-rules',
    files: { 'core/rules/run.ts': 'export const run = 1;\n', 'core/replica/hash.ts': "import { run } from '../rules/run';\nexport const hash = run;\n" },
  },
  {
    rule: 'only-the-node-imports-the-node',
    files: { 'hosts/jira-cloud/forge/read.ts': "import { server } from '../../node/server';\nexport const read = server;\n" },
  },
  {
    rule: 'trackers-do-not-import-each-other',
    files: { 'hosts/azure-devops/file-types.ts': "import { asana } from '../asana/adapter';\nexport const types = asana;\n" },
  },
  {
    rule: 'console-kit-imports-no-host',
    files: { 'hosts/console-kit/words.ts': "import { page } from '../jira-cloud/ui/page';\nexport const words = page;\n" },
  },
  {
    rule: 'console-kit-uses-no-node-built-ins',
    files: { 'hosts/console-kit/files.ts': "import { readFileSync } from 'node:fs';\nexport const files = readFileSync;\n" },
  },
  {
    rule: 'shipped-code-imports-no-emulator-or-test',
    files: { 'hosts/tracker-http/fixtures.ts': "import { kit } from '../emulator-kit/kit';\nexport const fixtures = kit;\n" },
  },
  {
    rule: 'emulators-import-no-test',
    files: {
      'test/spec/check.ts': 'export const check = 1;\n',
      'hosts/asana/emulator/harness.ts': "import { check } from '../../../test/spec/check';\nexport const harness = check;\n",
    },
  },
  {
    rule: 'emulators-do-not-import-each-other',
    files: { 'hosts/asana/emulator/storm.ts': "import { routes } from '../../jira-cloud/emulator/routes';\nexport const storm = routes;\n" },
  },
  {
    rule: 'jira-emulators-share-only-the-jira-family',
    files: { 'hosts/jira-server/emulator/hooks.ts': "import { routes } from '../../asana/emulator/routes';\nexport const hooks = routes;\n" },
  },
];

const trees: string[] = [];

function writeTree(files: Readonly<Record<string, string>>): string {
  const root = mkdtempSync(join(tmpdir(), 'layering-'));
  trees.push(root);
  writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, jsx: 'react-jsx', module: 'commonjs' } }));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** The names of the rules the tree breaks, read from dependency-cruiser's JSON report. */
async function brokenRules(files: Readonly<Record<string, string>>): Promise<readonly string[]> {
  const root = writeTree(files);
  const args = [dependencyCruiser, 'core', 'hosts', 'scripts', '--config', rules, '--output-type', 'json'];
  const output = await run(process.execPath, args, { cwd: root, maxBuffer: 16 * 1024 * 1024 }).catch((failure: { stdout?: string }) => ({
    stdout: failure.stdout ?? '',
  }));
  const report = JSON.parse(output.stdout) as { summary: { violations: readonly { rule: { name: string } }[] } };
  return [...new Set(report.summary.violations.map((violation) => violation.rule.name))];
}

afterAll(() => {
  for (const root of trees) rmSync(root, { recursive: true, force: true });
});

describe('the layering rules', () => {
  it('pass a tree whose rooms import only what they may', async () => {
    expect(await brokenRules(lawfulTree)).toEqual([]);
  }, 60_000);

  it.each(plantedViolations)(
    '$rule fails on a planted violation',
    async ({ rule, files }) => {
      expect(await brokenRules({ ...lawfulTree, ...files })).toContain(rule);
    },
    60_000,
  );
});

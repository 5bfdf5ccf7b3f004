import { build, type BuildOptions } from 'esbuild';
import { rmSync } from 'node:fs';

/**
 * One build for every bundle, as Hono does it: each entry names what it is and where it runs.
 * `npm run build` writes them under dist/.
 */
const bundles: readonly (BuildOptions & { name: string })[] = [
  {
    name: 'node server',
    entryPoints: ['hosts/node/main.ts'],
    outfile: 'dist/node/main.js',
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // Native and lazily loaded modules stay as package imports, installed beside the bundle.
    external: ['better-sqlite3', 'esbuild'],
  },
  {
    // Scripts run in worker threads started from this file (hosts/node/script-sandbox/script-worker-source.ts).
    name: 'node script worker',
    entryPoints: ['hosts/node/script-sandbox/script-worker.ts'],
    outfile: 'dist/node/script-worker.js',
    platform: 'node',
    target: 'node20',
    format: 'cjs',
  },
  {
    name: 'node console',
    entryPoints: ['hosts/node/ui/console-app.ts'],
    outfile: 'dist/node/console.js',
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    minify: true,
  },
  {
    // The page the Jira DC plugin's issue panel frames (hosts/node/jira-server-entry/item-surface-routes.ts).
    name: 'node Jira DC issue panel',
    entryPoints: ['hosts/node/ui/jira-server-item-app.tsx'],
    outfile: 'dist/node/jira-server-item.js',
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    minify: true,
  },
  {
    name: 'node console styles',
    entryPoints: ['hosts/node/ui/console.css'],
    outfile: 'dist/node/console.css',
    minify: true,
  },
];

async function main(): Promise<void> {
  rmSync('dist/node', { recursive: true, force: true });
  for (const { name, ...options } of bundles) {
    const startedAt = performance.now();
    await build({ bundle: true, sourcemap: true, logLevel: 'warning', ...options });
    process.stdout.write(`built ${name} → ${String(options.outfile)} in ${Math.round(performance.now() - startedAt)} ms\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** How to start a script worker: the prebuilt file, or the bundled code itself. */
export type ScriptWorkerSource = { readonly file: string } | { readonly code: string };

let bundled: Promise<string> | undefined;

/**
 * The worker's code: `script-worker.js` beside this module in a packaged node (dist/node, written
 * by scripts/build.ts), otherwise script-worker.ts bundled on first use and kept for the life of
 * the process (`npm start`, `npm run node` and the tests run from TypeScript, and a worker thread
 * does not go through their TypeScript loader). The bundle carries QuickJS's WebAssembly inline,
 * so the worker reads no file.
 */
export function scriptWorkerSource(): Promise<ScriptWorkerSource> {
  const prebuilt = join(__dirname, 'script-worker.js');
  if (existsSync(prebuilt)) return Promise.resolve({ file: prebuilt });
  bundled ??= import('esbuild')
    .then(async (esbuild) => {
      const result = await esbuild.build({
        entryPoints: [join(__dirname, 'script-worker.ts')],
        bundle: true,
        write: false,
        format: 'cjs',
        platform: 'node',
        target: 'node20',
        legalComments: 'none',
        logLevel: 'silent',
      });
      const output = result.outputFiles[0];
      if (!output) throw new Error('esbuild produced no script worker bundle');
      return output.text;
    })
    .catch((error: unknown) => {
      bundled = undefined;
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`The script worker could not be built from source (${reason}); run npm run build and start the node from dist/node.`, { cause: error });
    });
  return bundled.then((code) => ({ code }));
}

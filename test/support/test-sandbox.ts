import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSandbox, type RunningSandbox, type SandboxOptions } from '../../scripts/sandbox/create-sandbox';
import { freePort } from './free-port';

/**
 * A whole sandbox for one test file, as `npm start` runs it: on a free port, with a data folder of
 * its own that `close` removes after stopping it.
 */
export async function startTestSandbox(options: Partial<SandboxOptions> = {}): Promise<RunningSandbox> {
  const dataDirectory = mkdtempSync(join(tmpdir(), 'exalate-sandbox-'));
  const sandbox = await createSandbox({ port: await freePort(), dataDirectory, ...options });
  return {
    ...sandbox,
    close: async () => {
      await sandbox.close();
      rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}

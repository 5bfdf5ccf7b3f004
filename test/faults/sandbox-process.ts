import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { SandboxDescription } from '../../scripts/sandbox/sandbox-description';

const root = join(__dirname, '..', '..');

/** `npm start` as a real process (one process: node with tsx's loader), for tests that kill it. */
export async function startSandboxProcess(port: number, dataDirectory: string): Promise<{ child: ChildProcess; description: SandboxDescription }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'sandbox.ts')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDirectory },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the sandbox exited: ${output}`);
    try {
      const response = await fetch(`http://localhost:${port}/sandbox.json`);
      if (response.ok) return { child, description: (await response.json()) as SandboxDescription };
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`the sandbox did not start: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { SandboxDescription } from '../../scripts/sandbox/sandbox-description';

const root = join(__dirname, '..', '..');

export interface SandboxProcess {
  readonly child: ChildProcess;
  readonly description: SandboxDescription;
  /** What the process wrote to stdout and stderr so far. */
  output(): string;
}

/**
 * `npm start` as a real process (one process: node with tsx's loader), for tests that kill it.
 * `killAt` is its SANDBOX_KILL_AT (see scripts/sandbox/sandbox-fault-plan.ts); without it, the
 * process gets none, whatever the test's own environment says, so a restart never kills itself again.
 */
export async function startSandboxProcess(port: number, dataDirectory: string, killAt?: string): Promise<SandboxProcess> {
  const { SANDBOX_KILL_AT: _inherited, ...environment } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'sandbox.ts')], {
    cwd: root,
    env: { ...environment, PORT: String(port), DATA_DIR: dataDirectory, ...(killAt === undefined ? {} : { SANDBOX_KILL_AT: killAt }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the sandbox exited: ${output}`);
    try {
      const response = await fetch(`http://localhost:${port}/sandbox.json`);
      if (response.ok) return { child, description: (await response.json()) as SandboxDescription, output: () => output };
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`the sandbox did not start: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Resolves with the signal that ended the process (null when it exited by itself), or undefined if it still runs after `timeoutMs`. */
export function waitForExit(child: ChildProcess, timeoutMs: number): Promise<NodeJS.Signals | null | undefined> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.signalCode);
    const timer = setTimeout(() => {
      child.off('exit', exited);
      resolve(undefined);
    }, timeoutMs);
    const exited = (_code: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timer);
      resolve(signal);
    };
    child.once('exit', exited);
  });
}

export function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

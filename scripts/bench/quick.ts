import { spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * The benchmarks with small counts, for CI: every benchmark must still run end to end (a bulk
 * sync that stops moving, a change that never arrives, a script that fails all end the run with an
 * error). The figures are printed for the log and never judged: a shared CI machine's timings say
 * nothing, and a test never asserts wall-clock time. Writes nothing to docs/.
 * Run: npx tsx scripts/bench/quick.ts   (about 30 s on the project's 2-core machine)
 */
const runs: readonly (readonly string[])[] = [
  ['private-latency.ts', '20'],
  ['script-overhead.ts', '100'],
  ['tracker-calls.ts', '2'],
  ['bulk-sync.ts', '100', 'sandbox'],
  ['bulk-sync.ts', '100', 'separate'],
];

async function main(): Promise<void> {
  const startedAt = performance.now();
  for (const [script, ...parameters] of runs) {
    const command = `scripts/bench/${script} ${parameters.join(' ')}`;
    process.stdout.write(`\n$ npx tsx ${command}\n`);
    const code = await run(join(__dirname, script!), parameters);
    if (code !== 0) {
      process.stderr.write(`bench:quick failed: ${command} exited with ${code}\n`);
      process.exit(1);
    }
  }
  process.stdout.write(`\nbench:quick: every benchmark ran (${((performance.now() - startedAt) / 1000).toFixed(0)} s); figures above are for the log only\n`);
}

/** Each benchmark in a process of its own, as when run by hand, with a deadline so a hang fails too. */
function run(script: string, parameters: readonly string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...parameters], { stdio: 'inherit' });
    const deadline = setTimeout(() => {
      process.stderr.write(`${script} did not finish within 2 minutes\n`);
      child.kill('SIGKILL');
    }, 120_000);
    child.once('exit', (code, signal) => {
      clearTimeout(deadline);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

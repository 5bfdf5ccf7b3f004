import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchmarkSets, type BenchmarkSet } from './benchmark-sets';
import { machineFacts } from './machine-facts';

/**
 * `npm run bench` (standard), `npm run bench:full` and `npm run bench:quick`: each benchmark in a
 * process of its own, one after the other, with a deadline so a hang fails the run as a crash does.
 * The standard and full runs write the machine's facts and every benchmark's printed figures into
 * docs/benchmarks.md, between the "latest run" markers, with the commands that made them. The
 * quick run (CI) writes nothing: a shared CI machine's timings say nothing, and no figure is ever
 * judged, only that every benchmark ran to its end.
 */
const documentPath = join(__dirname, '../../docs/benchmarks.md');
const startMarker = '<!-- latest run: written by scripts/bench/run-benchmarks.ts -->';
const endMarker = '<!-- end of latest run -->';

interface Finished {
  readonly command: string;
  readonly output: string;
  readonly seconds: number;
}

async function main(): Promise<void> {
  const set = (process.argv[2] ?? 'standard') as BenchmarkSet;
  if (!(set in benchmarkSets)) throw new Error(`Name a set: ${Object.keys(benchmarkSets).join(', ')}`);
  const factsBefore = machineFacts();
  const finished: Finished[] = [];
  for (const [script, ...parameters] of benchmarkSets[set]) {
    const command = `npx tsx scripts/bench/${script} ${parameters.join(' ')}`.trim();
    process.stdout.write(`\n$ ${command}\n`);
    const startedAt = performance.now();
    const { code, output } = await run(join(__dirname, script), parameters, set === 'full' ? 30 * 60_000 : 5 * 60_000);
    if (code !== 0) {
      process.stderr.write(`bench ${set} failed: ${command} exited with ${code}\n`);
      process.exit(1);
    }
    finished.push({ command, output: output.trim(), seconds: (performance.now() - startedAt) / 1000 });
  }
  const total = finished.reduce((sum, run) => sum + run.seconds, 0);
  if (set === 'quick') {
    process.stdout.write(`\nbench:quick: every benchmark ran (${total.toFixed(0)} s); the figures above are for the log only\n`);
    return;
  }
  record(set, factsBefore, finished);
  process.stdout.write(`\nbench ${set}: ${total.toFixed(0)} s; figures written to docs/benchmarks.md ("Latest recorded run")\n`);
}

function record(set: BenchmarkSet, factsBefore: string, finished: readonly Finished[]): void {
  const runs = finished.map((run) => `\`${run.command}\` (${run.seconds.toFixed(0)} s)\n\n\`\`\`\n${run.output}\n\`\`\``).join('\n\n');
  const section = `${startMarker}
## Latest recorded run

\`npm run ${set === 'full' ? 'bench:full' : 'bench'}\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.
Machine at the start: ${factsBefore}. At the end: load average ${machineFacts().split('load average ')[1] ?? ''}.

${runs}
${endMarker}`;
  const document = readFileSync(documentPath, 'utf8');
  const start = document.indexOf(startMarker);
  const end = document.indexOf(endMarker);
  const updated =
    start >= 0 && end > start ? `${document.slice(0, start)}${section}${document.slice(end + endMarker.length)}` : `${document.trimEnd()}\n\n${section}\n`;
  writeFileSync(documentPath, updated);
}

/** The benchmark's output goes to this terminal as it comes, and is kept for the document. */
function run(script: string, parameters: readonly string[], deadlineMs: number): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...parameters], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    });
    const deadline = setTimeout(() => {
      process.stderr.write(`${script} did not finish within ${deadlineMs / 60_000} minutes\n`);
      child.kill('SIGKILL');
    }, deadlineMs);
    child.once('exit', (code, signal) => {
      clearTimeout(deadline);
      resolve({ code: code ?? (signal ? 1 : 0), output });
    });
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

import { z } from 'zod';
import { createQuickJsSandbox, defaultScriptMemoryBytes, defaultScripts, runIncomingScript, runOutgoingScript, type ScriptSandboxV1 } from '../../core/rules';
import { loadQuickJsEngine } from '../../core/rules/quickjs-engine';
import { connectionBetween, outgoingItemOf, sampleItems } from '../../core/rules/test-fixtures';
import { createWorkerScriptSandbox } from '../../hosts/node/script-sandbox/worker-script-sandbox';

/**
 * Warm per-run cost of Script mode: the default scripts on sample items, through the runners the
 * sync engine calls (a fresh QuickJS runtime and context, the harness, JSON in and out, zod
 * validation, the diff), in both sandboxes: in-process (Forge) and the node's (the product's own
 * scripts in V8 on the calling thread; any other script, here the same ones with a comment added,
 * in a warm worker thread, with the hop there and back and the watchdog's timer). Wall-clock and this process's
 * CPU time per run (all its threads), since a busy machine inflates the first.
 * Run with `npx tsx scripts/bench/script-overhead.ts [runs]`.
 */
const runs = Number(process.argv[2] ?? 2000);
const warmUpRuns = 200;

interface Timing {
  readonly wall: number;
  readonly cpu: number;
}

async function measure(name: string, run: () => Promise<unknown>): Promise<void> {
  for (let index = 0; index < warmUpRuns; index += 1) await run();
  const timings: Timing[] = [];
  for (let index = 0; index < runs; index += 1) {
    const cpuBefore = process.cpuUsage();
    const startedAt = performance.now();
    await run();
    const wall = performance.now() - startedAt;
    const cpu = process.cpuUsage(cpuBefore);
    timings.push({ wall, cpu: (cpu.user + cpu.system) / 1000 });
  }
  const percentile = (values: number[], share: number): string =>
    (values.sort((left, right) => left - right)[Math.min(values.length - 1, Math.floor(values.length * share))] ?? Number.NaN).toFixed(3);
  const wall = timings.map((timing) => timing.wall);
  const cpu = timings.map((timing) => timing.cpu);
  process.stdout.write(
    `${name.padEnd(40)} wall median ${percentile(wall, 0.5)} ms, p95 ${percentile(wall, 0.95)} ms   cpu median ${percentile(cpu, 0.5)} ms, p95 ${percentile(cpu, 0.95)} ms\n`,
  );
}

function emptyRun(sandbox: ScriptSandboxV1): Promise<unknown> {
  return sandbox.run({
    scriptName: 'empty',
    harness: '(function () { return function () { return "{}"; }; })()',
    script: '',
    parameters: [],
    input: null,
    output: z.object({}),
  });
}

async function main(): Promise<void> {
  await measureSandbox('in-process (Forge)', createQuickJsSandbox());
  await measureSandbox("node (worker threads; V8 for the product's own scripts)", createWorkerScriptSandbox());
  await measureFreshParts();
}

/**
 * What a fresh run's runtime and context cost apart, on a loaded interpreter: the figures behind
 * keeping a fresh runtime and context per run (core/rules/quickjs-runner.ts) rather than reusing one.
 */
async function measureFreshParts(): Promise<void> {
  const engine = await loadQuickJsEngine(defaultScriptMemoryBytes);
  const runtime = engine.module.newRuntime();
  await measure('a runtime alone (new and dispose)', async () => engine.module.newRuntime().dispose());
  await measure('a context alone, in a kept runtime', async () => runtime.newContext().dispose());
  runtime.dispose();
}

async function measureSandbox(title: string, sandbox: ScriptSandboxV1): Promise<void> {
  const loadStartedAt = performance.now();
  await emptyRun(sandbox);
  process.stdout.write(`${title}: interpreter load, once per sandbox: ${(performance.now() - loadStartedAt).toFixed(1)} ms; ${runs} warm runs each\n`);

  const outgoing = {
    script: defaultScripts('jira-cloud', 'azure-devops').outgoing,
    issue: outgoingItemOf(sampleItems['jira-cloud']),
    connection: connectionBetween('jira-cloud', 'azure-devops'),
  };
  const built = await runOutgoingScript(sandbox, outgoing);
  if (!built.ok || built.value === null) throw new Error('the default outgoing script failed');
  const incoming = {
    script: defaultScripts('azure-devops', 'jira-cloud').incoming,
    issue: sampleItems['azure-devops'],
    replica: built.value,
    previous: built.value,
    firstSync: false,
    connection: connectionBetween('azure-devops', 'jira-cloud'),
    commentLinks: [{ remoteId: '10001', localId: '501' }],
    attachmentLinks: [],
    syncedKeys: ['42'],
    defaultProjectKey: 'Platform',
  };
  const checked = await runIncomingScript(sandbox, incoming);
  if (!checked.ok) throw checked.error;

  await measure('empty program (runtime, context, JSON)', () => emptyRun(sandbox));
  await measure('default outgoing script (Jira Cloud)', () => runOutgoingScript(sandbox, outgoing));
  await measure('default incoming script (Azure DevOps)', () => runIncomingScript(sandbox, incoming));
  // One comment line makes them an admin's scripts: on the node they go to the interpreter.
  const edited = (script: string) => `${script}\n// edited by the admin`;
  await measure('edited outgoing script (Jira Cloud)', () => runOutgoingScript(sandbox, { ...outgoing, script: edited(outgoing.script) }));
  await measure('edited incoming script (Azure DevOps)', () => runIncomingScript(sandbox, { ...incoming, script: edited(incoming.script) }));
  sandbox.dispose();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

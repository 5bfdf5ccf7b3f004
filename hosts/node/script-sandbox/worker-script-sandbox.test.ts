import { z } from 'zod';
import type { ScriptErrorKind, ScriptRunLimits } from '../../../core';
import { scriptWorkerSource } from './script-worker-source';
import { createWorkerScriptSandbox } from './worker-script-sandbox';
import { echoHarness, echoOutput, echoScriptFailure, runEchoScript } from '../../../core/rules/testing/echo-script-runs';

/**
 * For runs whose time limit is not what a test is about: a busy machine may take more than 100 ms
 * for a trivial run on a thread that just started, or to build five megabytes of JSON.
 */
const generous = { timeoutMilliseconds: 5000 };

/** About 20 s inside String.prototype.indexOf on a 100 ms limit when run in-process. */
const stuckInIndexOf = 'const text = "a".repeat(1 << 20);\nreturn text.indexOf("a".repeat(1 << 12) + "b");';

describe('the worker-thread script sandbox', () => {
  const sandbox = createWorkerScriptSandbox();
  afterAll(() => sandbox.dispose());

  it('runs a script on JSON input in a worker and returns JSON output', async () => {
    await expect(runEchoScript(sandbox, 'return { doubled: input.answer * 2 };', generous)).resolves.toEqual({ ok: true, value: { result: { doubled: 84 } } });
  });

  it('stops a run stuck inside a built-in at its time limit, and the next run works', async () => {
    const startedAt = performance.now();
    const failure = await echoScriptFailure(sandbox, stuckInIndexOf);
    console.log(`indexOf stall on the default 1000 ms limit: stopped after ${(performance.now() - startedAt).toFixed(0)} ms`);
    expect({ kind: failure.kind, code: failure.code, line: failure.line }).toEqual({ kind: 'timeout', code: 'script_failed', line: null });
    expect(failure.message).toContain('stopped after 1000 ms');
    await expect(runEchoScript(sandbox, 'return input.answer;', generous)).resolves.toEqual({ ok: true, value: { result: 42 } });
  });

  it('keeps running other scripts on its other worker while one is stuck', async () => {
    const answered: string[] = [];
    const stuck = echoScriptFailure(sandbox, stuckInIndexOf, { timeoutMilliseconds: 3000 }).then((failure) => (answered.push('stuck'), failure));
    const quick = runEchoScript(sandbox, 'return input.answer + 1;', generous).then((result) => (answered.push('quick'), result));
    await expect(quick).resolves.toEqual({ ok: true, value: { result: 43 } });
    await expect(stuck).resolves.toMatchObject({ kind: 'timeout' });
    expect(answered).toEqual(['quick', 'stuck']);
  });

  const interpreterStops: readonly (readonly [string, string, ScriptErrorKind, number | null, Partial<ScriptRunLimits>])[] = [
    ['an endless loop, with the line QuickJS saw', 'let count = 0;\nwhile (true) {\n  count = Math.max(count, 1) + 1;\n}', 'timeout', 3, {}],
    ['deep recursion', 'function down(depth) {\n  return down(depth + 1) + 1;\n}\nreturn down(0);', 'stack_overflow', 2, generous],
    ['code nested too deep to parse', `return ${'('.repeat(100_000)}1${')'.repeat(100_000)};`, 'stack_overflow', 1, generous],
    ['a throw', 'const value = input.answer;\nthrow new Error("no answers here");', 'thrown', 2, generous],
    ['reaching for require', 'return require("fs");', 'thrown', 1, generous],
    ['huge output', 'return "x".repeat(5 * 1024 * 1024);', 'output_too_large', null, generous],
  ];

  it.each(interpreterStops)('gives the interpreter’s own error for %s', async (_name, script, kind, line, limits) => {
    const failure = await echoScriptFailure(sandbox, script, limits);
    expect({ kind: failure.kind, line: failure.line }).toEqual({ kind, line });
    await expect(runEchoScript(sandbox, 'return input.answer;', generous)).resolves.toEqual({ ok: true, value: { result: 42 } });
  });

  it('checks what the harness hands back against the output schema, on the main thread', async () => {
    const result = await sandbox.run({
      scriptName: 'test script',
      harness: echoHarness,
      script: 'return 1;',
      parameters: ['input'],
      input: {},
      output: z.object({ result: z.string() }),
    });
    expect(result.ok ? null : result.error.kind).toBe('invalid_output');
  });

  it('throws for a harness that does not compile: a defect of the product, not of the script', async () => {
    await expect(
      sandbox.run({ scriptName: 'test script', harness: '(function () {', script: 'return 1;', parameters: [], input: null, output: echoOutput }),
    ).rejects.toThrow(/harness does not compile/);
  });
});

describe('the worker-thread script sandbox, memory and closing', () => {
  it('stops a memory bomb at the memory limit, and the next run works', async () => {
    const sandbox = createWorkerScriptSandbox({ workers: 1, memoryBytes: 8 * 1024 * 1024 });
    const failure = await echoScriptFailure(sandbox, 'const kept = [];\nwhile (true) {\n  kept.push("x".repeat(100000) + kept.length);\n}', {
      timeoutMilliseconds: 20_000,
    });
    expect({ kind: failure.kind, line: failure.line }).toEqual({ kind: 'memory', line: 3 });
    await expect(runEchoScript(sandbox, 'return input.answer;', generous)).resolves.toEqual({ ok: true, value: { result: 42 } });
    sandbox.dispose();
  });

  it('refuses a run still going when it is closed, and starts again on the next run', async () => {
    const sandbox = createWorkerScriptSandbox({ workers: 1 });
    await expect(runEchoScript(sandbox, 'return 1;', generous)).resolves.toMatchObject({ ok: true });
    const running = runEchoScript(sandbox, stuckInIndexOf, { timeoutMilliseconds: 20_000 });
    sandbox.dispose();
    await expect(running).rejects.toThrow(/closed while a script ran/);
    await expect(runEchoScript(sandbox, 'return input.answer;', generous)).resolves.toEqual({ ok: true, value: { result: 42 } });
    sandbox.dispose();
  });
  it('fails the waiting run with the reason when the worker code cannot be had, and starts a thread once it can', async () => {
    let attempts = 0;
    const flaky = createWorkerScriptSandbox({
      workerSource: async () => {
        attempts += 1;
        if (attempts <= 2) throw new Error('the worker bundle could not be built');
        return scriptWorkerSource();
      },
    });
    try {
      await expect(runEchoScript(flaky, 'return 1;', generous)).rejects.toThrow('the worker bundle could not be built');
      await expect(runEchoScript(flaky, 'return input.answer;', generous)).resolves.toEqual({ ok: true, value: { result: 42 } });
    } finally {
      flaky.dispose();
    }
  });
});

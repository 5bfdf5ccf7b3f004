import { z } from 'zod';
import { createQuickJsSandbox } from './quickjs-sandbox';
import type { ScriptErrorKind } from './script-error';
import { echoHarness, echoScriptFailure, runEchoScript } from './testing/echo-script-runs';

describe('QuickJS sandbox', () => {
  const sandbox = createQuickJsSandbox();
  afterAll(() => sandbox.dispose());

  it('runs a script on JSON input and returns JSON output', async () => {
    await expect(runEchoScript(sandbox, 'return { doubled: input.answer * 2 };')).resolves.toEqual({ ok: true, value: { result: { doubled: 84 } } });
  });

  describe('a corpus of hostile scripts: each is stopped with its kind and line, and the next run still works', () => {
    const cases: readonly (readonly [string, string, ScriptErrorKind, number | null])[] = [
      ['an endless loop that calls functions', 'let count = 0;\nwhile (true) {\n  count = Math.max(count, 1) + 1;\n}', 'timeout', 3],
      ['deep recursion', 'function down(depth) {\n  return down(depth + 1) + 1;\n}\nreturn down(0);', 'stack_overflow', 2],
      ['a syntax error', 'const ok = 1;\nconst = 2;', 'syntax', 2],
      ['a throw', 'const value = input.answer;\nif (value === 42) throw new Error("no answers here");', 'thrown', 2],
      ['a TypeError', 'const missing = input.missing;\nreturn missing.field;', 'thrown', 2],
      ['reaching for process', '\nreturn process.env;', 'thrown', 2],
      ['reaching for require', 'return require("fs");', 'thrown', 1],
      ['reaching for fetch', '\n\nreturn fetch("https://example.com");', 'thrown', 3],
      ['reaching for setTimeout', 'setTimeout(() => {}, 1);', 'thrown', 1],
      ['the Function constructor escape', 'return globalThis.constructor.constructor("return process")().env;', 'thrown', 1],
      ['huge output', 'return "x".repeat(5 * 1024 * 1024);', 'output_too_large', null],
    ];

    it.each(cases)('%s', async (_name, script, kind, line) => {
      const failure = await echoScriptFailure(sandbox, script);
      expect({ kind: failure.kind, line: failure.line, code: failure.code }).toEqual({ kind, line, code: 'script_failed' });
      expect(failure.message).toMatch(line === null ? /^The test script / : new RegExp(`at line ${line}:`));
      await expect(runEchoScript(sandbox, 'return input.answer;')).resolves.toEqual({ ok: true, value: { result: 42 } });
    });

    it('names what was missing when a script reaches for host objects', async () => {
      expect((await echoScriptFailure(sandbox, 'return process.env;')).message).toContain("ReferenceError: 'process' is not defined");
      expect((await echoScriptFailure(sandbox, 'return globalThis.constructor.constructor("return process")().env;')).message).toContain(
        "'process' is not defined",
      );
    });

    it('stops a tight endless loop even though QuickJS cannot name its line', async () => {
      const failure = await echoScriptFailure(sandbox, 'let spins = 0;\nfor (;;) { spins++; }');
      expect(failure).toMatchObject({ kind: 'timeout', line: null });
      expect(failure.message).toContain('stopped after 1000 ms');
    });

    it('stops a loop that catches the interruption and carries on', async () => {
      await expect(echoScriptFailure(sandbox, 'while (true) {\n  try { for (;;) {} } catch (error) {}\n}')).resolves.toMatchObject({ kind: 'timeout' });
    });

    it('stops data nested too deep for JSON and code nested too deep to parse', async () => {
      await expect(echoScriptFailure(sandbox, 'let value = {};\nfor (let i = 0; i < 100000; i++) value = { value };\nreturn value;')).resolves.toMatchObject({
        kind: 'stack_overflow',
      });
      await expect(echoScriptFailure(sandbox, `return ${'('.repeat(100_000)}1${')'.repeat(100_000)};`)).resolves.toMatchObject({ kind: 'stack_overflow' });
      await expect(echoScriptFailure(sandbox, `return eval("${'['.repeat(100_000)}");`)).resolves.toMatchObject({ kind: 'stack_overflow' });
      await expect(runEchoScript(sandbox, 'return input.answer;')).resolves.toEqual({ ok: true, value: { result: 42 } });
    });

    it('reports a thrown non-Error value', async () => {
      await expect(echoScriptFailure(sandbox, 'throw "plain text";')).resolves.toMatchObject({
        kind: 'thrown',
        message: 'The test script threw an error: plain text',
      });
    });

    it('survives an exception whose getters loop forever', async () => {
      const failure = await echoScriptFailure(sandbox, 'throw { get name() { for (;;) {} }, get message() { for (;;) {} } };');
      expect(failure.code).toBe('script_failed');
      await expect(runEchoScript(sandbox, 'return 1;')).resolves.toMatchObject({ ok: true });
    });

    it('refuses a script over the size limit before running it', async () => {
      await expect(echoScriptFailure(sandbox, `// ${'x'.repeat(300_000)}`)).resolves.toMatchObject({ kind: 'script_too_large' });
    });

    it('has no promises or binary buffers, so nothing a script starts can outlive its run', async () => {
      await expect(runEchoScript(sandbox, 'return [typeof Promise, typeof ArrayBuffer, typeof SharedArrayBuffer, typeof Atomics];')).resolves.toEqual({
        ok: true,
        value: { result: ['undefined', 'undefined', 'undefined', 'undefined'] },
      });
      await expect(echoScriptFailure(sandbox, 'const later = async () => 1;\nreturn later();')).resolves.toMatchObject({ kind: 'thrown', line: 2 });
    });
  });

  describe('isolation', () => {
    it('offers no host objects at all', async () => {
      const result = await runEchoScript(sandbox, 'return Object.getOwnPropertyNames(globalThis);');
      if (!result.ok) throw result.error;
      const globals = result.value.result as string[];
      for (const hostObject of [
        'process',
        'require',
        'module',
        'exports',
        'Buffer',
        'fetch',
        'XMLHttpRequest',
        'WebAssembly',
        'setTimeout',
        'setInterval',
        'setImmediate',
        'queueMicrotask',
        'console',
        'std',
        'os',
        '__dirname',
      ]) {
        expect(globals).not.toContain(hostObject);
      }
      expect(globals).toContain('JSON');
    });

    it('keeps prototype pollution inside the run that did it', async () => {
      const polluted = await runEchoScript(
        sandbox,
        'Object.prototype.polluted = "yes";\nArray.prototype.push = function () { return -1; };\nglobalThis.leftover = true;\nreturn ({}).polluted;',
      );
      expect(polluted).toEqual({ ok: true, value: { result: 'yes' } });
      const next = await runEchoScript(sandbox, 'const list = [];\nlist.push(1);\nreturn [({}).polluted === undefined, list.length, typeof leftover];');
      // The next run is where pollution would show: the host's own objects live outside the WASM
      // sandbox, so looking at them could not fail.
      expect(next).toEqual({ ok: true, value: { result: [true, 1, 'undefined'] } });
    });

    it('gives the script a frozen view of nothing it can use to reach the host through the input', async () => {
      const result = await runEchoScript(sandbox, 'return [typeof input.constructor, input.constructor === Object, typeof globalThis.process];');
      expect(result).toEqual({ ok: true, value: { result: ['function', true, 'undefined'] } });
    });
  });

  describe('limits', () => {
    it('takes a time limit per run', async () => {
      await expect(
        echoScriptFailure(sandbox, 'const end = Date.now() + 300;\nwhile (Date.now() < end) {}', { timeoutMilliseconds: 30 }),
      ).resolves.toMatchObject({ kind: 'timeout' });
      await expect(
        runEchoScript(sandbox, 'const end = Date.now() + 30;\nwhile (Date.now() < end) {}\nreturn "finished";', { timeoutMilliseconds: 5000 }),
      ).resolves.toMatchObject({ ok: true });
    });

    it('checks what the harness hands back against the output schema', async () => {
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
  });
});

describe('QuickJS sandbox memory limit', () => {
  // A generous time limit, so that it is the memory limit that stops these scripts.
  const limits = { timeoutMilliseconds: 20_000 };

  it('stops a memory bomb at the memory limit, and the next run works', async () => {
    const sandbox = createQuickJsSandbox({ memoryBytes: 8 * 1024 * 1024 });
    const strings = await echoScriptFailure(sandbox, 'const kept = [];\nwhile (true) {\n  kept.push("x".repeat(100000) + kept.length);\n}', limits);
    expect(strings).toMatchObject({ kind: 'memory', line: 3 });
    const chunks = await echoScriptFailure(sandbox, 'const kept = [];\nwhile (true) kept.push("y".repeat(1024 * 1024) + kept.length);', limits);
    expect(chunks.kind).toBe('memory');
    const objects = await echoScriptFailure(sandbox, 'const kept = [];\nwhile (true) kept.push({ a: 1, b: [1, 2, 3] });', limits);
    expect(objects.kind).toBe('memory');
    await expect(runEchoScript(sandbox, 'return input.answer;')).resolves.toEqual({ ok: true, value: { result: 42 } });
    sandbox.dispose();
  });

  it('holds the default 32 MB limit while letting a script use a few megabytes', async () => {
    const sandbox = createQuickJsSandbox();
    await expect(
      runEchoScript(sandbox, 'const kept = [];\nfor (let i = 0; i < 8; i++) kept.push("y".repeat(1024 * 1024) + i);\nreturn kept.length;', limits),
    ).resolves.toEqual({ ok: true, value: { result: 8 } });
    await expect(echoScriptFailure(sandbox, 'const kept = [];\nwhile (true) kept.push("y".repeat(1024 * 1024) + kept.length);', limits)).resolves.toMatchObject(
      { kind: 'memory', line: 2 },
    );
    await expect(runEchoScript(sandbox, 'return input.answer;')).resolves.toEqual({ ok: true, value: { result: 42 } });
    sandbox.dispose();
  });

  // QuickJS frees a run's objects only when its runtime collects cycles (every global is in a cycle
  // with the context): a runtime kept between runs would carry this garbage into the next run.
  it('gives every run the whole memory limit, whatever the run before left in its globals', async () => {
    const sandbox = createQuickJsSandbox();
    const leavesMegabytes =
      'globalThis.kept = [];\nfor (let i = 0; i < 24; i++) kept.push("x".repeat(1024 * 1024) + i);\nkept.self = kept;\nreturn kept.length;';
    const needsMegabytes = 'return "y".repeat(30 * 1024 * 1024).length;';
    for (let round = 0; round < 10; round += 1) {
      await expect(runEchoScript(sandbox, leavesMegabytes, limits)).resolves.toEqual({ ok: true, value: { result: 24 } });
      await expect(runEchoScript(sandbox, needsMegabytes, limits)).resolves.toEqual({ ok: true, value: { result: 30 * 1024 * 1024 } });
    }
    sandbox.dispose();
  });
});

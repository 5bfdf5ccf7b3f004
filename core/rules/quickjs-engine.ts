import variant from '@jitl/quickjs-singlefile-cjs-release-sync';
import { newQuickJSWASMModuleFromVariant, newVariant, type CustomizeVariantOptions, type QuickJSWASMModule } from 'quickjs-emscripten-core';

/** WebAssembly pages are 64 KiB. */
const pageBytes = 64 * 1024;

/**
 * The memory the QuickJS build starts with (Emscripten's INITIAL_MEMORY, 16 MiB): the interpreter's
 * static data and C stack live in it, and the rest is the first part of the heap.
 */
const initialPages = 256;

/** One loaded interpreter: the WebAssembly instance and the memory it may not grow past. */
export interface QuickJsEngine {
  readonly module: QuickJSWASMModule;
  readonly memory: WebAssembly.Memory;
  /** The size the memory may reach; a run that needs more gets "out of memory". */
  readonly memoryCeilingBytes: number;
}

/**
 * Loads the interpreter with a memory of its own, capped at `heapBytes` past the initial memory.
 *
 * The cap is the memory limit that actually holds: QuickJS's own limit (JS_SetMemoryLimit) counts
 * bytes with malloc_usable_size, which the Emscripten build does not have, so it counts a few
 * bytes per allocation and lets a script grow the heap to gigabytes. A WebAssembly.Memory with a
 * `maximum` makes the allocator fail instead, and QuickJS turns that into an "out of memory"
 * error the script cannot get past. WebAssembly memory never shrinks, which is why each engine
 * has its own: dropping the engine gives the memory back.
 */
export async function loadQuickJsEngine(heapBytes: number): Promise<QuickJsEngine> {
  const maximumPages = initialPages + Math.ceil(heapBytes / pageBytes);
  const memory = new WebAssembly.Memory({ initial: initialPages, maximum: maximumPages });
  // Emscripten prints aborts to the console before throwing them; the sandbox reports them itself.
  const emscriptenModule = { printErr: ignoreOutput, print: ignoreOutput } as NonNullable<CustomizeVariantOptions['emscriptenModule']>;
  const module = await newQuickJSWASMModuleFromVariant(newVariant(variant, { wasmMemory: memory, emscriptenModule }));
  return { module, memory, memoryCeilingBytes: maximumPages * pageBytes };
}

function ignoreOutput(): void {}

/**
 * True when the memory has grown as far as it can: a failure now is the memory limit's doing.
 * Emscripten grows the heap with 5 to 20% to spare and gives up when even 5% does not fit, so the
 * memory can stop that far below its cap.
 */
export function isAtMemoryCeiling(engine: QuickJsEngine): boolean {
  return engine.memory.buffer.byteLength * 1.06 >= engine.memoryCeilingBytes;
}

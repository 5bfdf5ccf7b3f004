import { z } from 'zod';
import { scriptErrorKinds, type ScriptRunRequest } from '../../../core';

/** What a script worker is started with (`workerData`), by the pool in this process. */
export interface ScriptWorkerSettings {
  readonly memoryBytes: number;
}

/** The main thread asks for one run at a time; `id` pairs the answer with its run. */
export interface ScriptWorkerRunMessage {
  readonly id: number;
  readonly request: ScriptRunRequest;
}

const failureSchema = z.strictObject({
  kind: z.enum(scriptErrorKinds),
  scriptName: z.string(),
  detail: z.string(),
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
});

/**
 * What a worker says: it is ready (the interpreter is loaded), a run's answer, or a defect (the
 * harness itself did not compile: a bug of the product, thrown to the caller). An answer says
 * whether the thread can take the next run at once, or will say 'ready' once it has loaded a new
 * interpreter. Checked on arrival because the text in it comes from the admin's script.
 */
export const scriptWorkerMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready') }),
  z.strictObject({
    type: z.literal('answer'),
    id: z.number().int(),
    answer: z.discriminatedUnion('ok', [
      z.strictObject({ ok: z.literal(true), outputJson: z.string() }),
      z.strictObject({ ok: z.literal(false), failure: failureSchema }),
    ]),
    ready: z.boolean(),
  }),
  z.strictObject({ type: z.literal('defect'), id: z.number().int(), message: z.string(), ready: z.boolean() }),
]);
export type ScriptWorkerMessage = z.infer<typeof scriptWorkerMessageSchema>;

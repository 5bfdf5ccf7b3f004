import type { ClockV1 } from '../../core';
import { startEmulatorServer, type RunningEmulatorServer } from '../../hosts/emulator-kit';
import { createTestTimers, type TestTimers } from '../../hosts/tracker-http';
import { AsanaAdapter } from '../../hosts/asana/adapter';
import { createAsanaEmulator, type AsanaEmulator, type AsanaEmulatorSeed } from '../../hosts/asana/emulator';
import { createCheckedExchanges, type CheckedExchanges, type Tolerance } from '../spec/checked-exchanges';

/**
 * Test support: an Asana emulator on a port, an adapter pointed at it through a fetch that checks
 * every exchange against asana.yaml, and test timers so no retry really waits.
 */
export interface AsanaHarness {
  readonly emulator: AsanaEmulator;
  readonly server: RunningEmulatorServer;
  readonly timers: TestTimers;
  readonly checks: CheckedExchanges;
  readonly adapter: AsanaAdapter;
  close(): Promise<void>;
}

export const asanaPrefix = '/asana/tracker';

/** Follows a JSON pointer such as `/data/assignee` (RFC 6901). */
function valueAt(body: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((value, key) => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined), body);
}

/** Known defects of the asana.yaml copy, tolerated by name rather than by switching checks off. */
export const asanaTolerances: readonly Tolerance[] = [
  {
    reason:
      'asana.yaml writes nullable references as `allOf: [$ref, { nullable: true }]`, which JSON Schema reads as never null; Asana answers null for an unassigned task, a task without parent, and similar.',
    applies: (error, exchange) => {
      const match = /^(\/\S*) must be object /.exec(error);
      return match !== null && valueAt(exchange.responseBody, match[1] ?? '') === null;
    },
  },
];

/** asana.yaml lists 429 for no operation, though every one may answer it; its body is an ErrorResponse. */
export const asanaErrorEnvelope = {
  reason: 'asana.yaml lists no 429 answers; Asana sends them with Retry-After and an ErrorResponse body.',
  check: (body: unknown): readonly string[] => {
    const errors = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['errors'] : undefined;
    const valid =
      Array.isArray(errors) &&
      errors.length > 0 &&
      errors.every((error) => typeof error === 'object' && error !== null && typeof (error as Record<string, unknown>)['message'] === 'string');
    return valid ? [] : ['is not an ErrorResponse ({ errors: [{ message }] })'];
  },
};

export async function startAsanaHarness(options: { readonly seed?: AsanaEmulatorSeed; readonly emulatorClock?: ClockV1 } = {}): Promise<AsanaHarness> {
  const timers = createTestTimers();
  const emulator = createAsanaEmulator({ ...(options.seed === undefined ? {} : { seed: options.seed }), clock: options.emulatorClock ?? timers.clock });
  const server = await startEmulatorServer(emulator.routes, { prefix: asanaPrefix });
  const checks = createCheckedExchanges({
    documentRoot: server.mountUrl,
    documentFor: () => 'asana',
    undescribed: [{ path: /\/attachment-downloads\//, reason: "download_url is a presigned link to Asana's file storage, not part of the REST API." }],
    binaryBodies: [{ path: /\/attachment-downloads\//, reason: 'File bytes.' }],
    tolerances: asanaTolerances,
    undocumentedErrors: asanaErrorEnvelope,
  });
  const adapter = new AsanaAdapter({
    baseUrl: server.mountUrl,
    authorization: emulator.authorization,
    fetch: checks.fetch,
    clock: timers.clock,
    sleep: timers.sleep,
    random: timers.random,
  });
  return { emulator, server, timers, checks, adapter, close: () => server.close() };
}

import { ExalateError, type ClockV1 } from '../../../core';

/**
 * How long Forge lets each kind of invocation run (developer.atlassian.com/platform/forge/
 * limits-invocation): 25 s for a resolver (a function invoked by a user), 55 s for a web trigger,
 * and for functions only referenced by a consumer or a scheduled trigger the manifest's
 * `timeoutSeconds` (300 in manifests/jira-cloud/manifest.yml). Product event triggers get the
 * 25 s of an invocation the page does not single out: the figure that is safe either way.
 */
export const forgeRuntimeLimitsMs = {
  resolver: 25_000,
  'web-trigger': 55_000,
  'product-event': 25_000,
  consumer: 300_000,
  'scheduled-trigger': 300_000,
} as const;
export type InvocationKind = keyof typeof forgeRuntimeLimitsMs;

/**
 * What an invocation keeps for itself after its last wait: releasing a lease, writing what it
 * did, and answering (a KVS call takes tens of milliseconds; a handful of them fit easily).
 */
export const answerMarginMs = 5_000;

/** Below this, a peer call is not started: it could not finish, and the caller would see Forge's timeout. */
export const shortestPeerCallMs = 1_000;

/**
 * The time one Forge invocation has left, from its start and the platform's figure for its kind.
 * Waits (a lease held by another invocation) and peer calls are cut to what is left minus the
 * margin, so the function answers "busy, try again" instead of being stopped by Forge mid-write.
 */
export class InvocationBudget {
  readonly kind: InvocationKind;
  readonly #clock: ClockV1;
  readonly #endsAt: number;

  constructor(kind: InvocationKind, clock: ClockV1, startedAt = clock.now()) {
    this.kind = kind;
    this.#clock = clock;
    this.#endsAt = startedAt + forgeRuntimeLimitsMs[kind];
  }

  /** Milliseconds this invocation may still wait or call out, keeping the margin to answer. */
  remainingMs(): number {
    return Math.max(0, this.#endsAt - answerMarginMs - this.#clock.now());
  }

  /** `wantedMs`, or less when the invocation ends sooner. */
  limit(wantedMs: number): number {
    return Math.min(wantedMs, this.remainingMs());
  }

  /** The retryable refusal for work that does not fit in what is left of this invocation. */
  busy(what: string): ExalateError {
    const seconds = Math.round(forgeRuntimeLimitsMs[this.kind] / 1000);
    return new ExalateError(
      'rate_limited',
      `The Jira Cloud app is busy: ${what}, and Forge ends this ${describeKind(this.kind)} after ${seconds} s. Nothing was lost; try again in a few seconds.`,
      {
        isRetryable: true,
        details: { retryAfterSeconds: 5, invocation: this.kind },
      },
    );
  }
}

function describeKind(kind: InvocationKind): string {
  return {
    resolver: 'console request',
    'web-trigger': 'request from the other node',
    'product-event': 'Jira event',
    consumer: 'background step',
    'scheduled-trigger': 'scheduled run',
  }[kind];
}

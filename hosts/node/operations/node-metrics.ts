import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { QueueEntry, QueueState } from '../../../core';

export interface QueueDepthSample {
  readonly connectionId: string;
  readonly direction: QueueEntry['direction'];
  readonly state: QueueState;
  readonly entries: number;
}

export interface NodeMetricsOptions {
  /** Read at scrape time, so the depth is the store's (shared by every process), not this process's guess. */
  readonly queueDepth: () => Promise<readonly QueueDepthSample[]>;
  /** CPU, memory, event loop and GC of the process; off where several nodes share one process (sandbox, tests). */
  readonly processMetrics?: boolean;
}

/**
 * One registry per node: the sandbox runs several nodes in one process and each serves its own
 * /metrics. Counters count what this process saw; sum them across processes in Prometheus.
 */
export class NodeMetrics {
  readonly registry = new Registry();

  readonly trackerCalls = new Counter({
    name: 'exalate_tracker_calls_total',
    help: 'Calls from this process to its tracker, by operation and outcome (ok, error, rate_limited).',
    labelNames: ['operation', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly trackerRateLimited = new Counter({
    name: 'exalate_tracker_rate_limited_total',
    help: 'Tracker calls answered 429 Too Many Requests, by operation.',
    labelNames: ['operation'] as const,
    registers: [this.registry],
  });

  readonly trackerCallSeconds = new Histogram({
    name: 'exalate_tracker_call_duration_seconds',
    help: "How long tracker calls took, by operation, including the HTTP layer's own retries.",
    labelNames: ['operation'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  readonly syncLatencySeconds = new Histogram({
    name: 'exalate_sync_latency_seconds',
    help: "From a change entering this node's queue to done: applied to the tracker (inbound) or confirmed by the peer (outbound).",
    labelNames: ['direction'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
    registers: [this.registry],
  });

  readonly syncErrors = new Counter({
    name: 'exalate_sync_errors_total',
    help: 'Sync errors recorded by this process, by scope (item, connection, node); repeats of an open error count too.',
    labelNames: ['scope'] as const,
    registers: [this.registry],
  });

  readonly claims = new Counter({
    name: 'exalate_queue_claims_total',
    help: 'Queue entries this process claimed, by direction.',
    labelNames: ['direction'] as const,
    registers: [this.registry],
  });

  constructor(options: NodeMetricsOptions) {
    new Gauge({
      name: 'exalate_queue_entries',
      help: 'Entries in the sync queue, by connection, direction and state.',
      labelNames: ['connection', 'direction', 'state'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        // A store that cannot be read gives no samples rather than a failed scrape; /readyz tells why.
        const samples = await options.queueDepth().catch(() => []);
        for (const sample of samples) this.set({ connection: sample.connectionId, direction: sample.direction, state: sample.state }, sample.entries);
      },
    });
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
  }

  /** The text exposition format Prometheus scrapes. */
  async render(): Promise<{ readonly contentType: string; readonly body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

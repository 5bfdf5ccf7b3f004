/** Which benchmarks a run takes, and with what counts. */
export const benchmarkSets = {
  /** CI: every benchmark end to end with small counts; figures for the log only. */
  quick: [
    ['private-latency.ts', '20'],
    ['script-overhead.ts', '100'],
    ['tracker-calls.ts', '2'],
    ['backfill-calls.ts', '10', 'jira-cloud:azure-devops', 'azure-devops:jira-server', 'jira-server:asana', 'asana:jira-cloud'],
    ['bulk-sync.ts', '100', 'sandbox'],
    ['bulk-sync.ts', '100', 'separate'],
    ['forge-kvs-cost.ts', '10'],
  ],
  /** `npm run bench`: a few minutes. */
  standard: [
    ['private-latency.ts', '100'],
    ['script-overhead.ts'],
    ['tracker-calls.ts', '10'],
    ['backfill-calls.ts', '100'],
    ['bulk-sync.ts', '1000', 'sandbox'],
    ['bulk-sync.ts', '1000', 'separate'],
    ['forge-kvs-cost.ts', '50'],
  ],
  /** `npm run bench:full`: the figures the targets are judged by (10,000 items). */
  full: [
    ['private-latency.ts', '1000'],
    ['script-overhead.ts'],
    ['tracker-calls.ts', '20'],
    ['backfill-calls.ts', '200'],
    ['bulk-sync.ts', '10000', 'sandbox'],
    ['bulk-sync.ts', '10000', 'separate'],
    ['forge-kvs-cost.ts', '200'],
  ],
} as const satisfies Record<string, readonly (readonly string[])[]>;

export type BenchmarkSet = keyof typeof benchmarkSets;

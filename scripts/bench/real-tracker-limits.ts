import type { TrackerKind } from '../../core';

/**
 * What each tracker publishes about how fast a client may call it, reduced to the requests a
 * second a backfill can count on, and where it is written. The node's own budget per tracker host
 * (hosts/tracker-http/host-budget.ts: 10 requests a second, bursts of 10, unless the admin sets
 * another) applies on top: the estimate uses whichever is lower.
 */
interface TrackerLimit {
  /** Requests a second the tracker allows a client on its own terms; undefined when it publishes no fixed rate. */
  readonly requestsPerSecond: number | undefined;
  readonly published: string;
}

const nodeBudgetRequestsPerSecond = 10;

const limits: Readonly<Record<TrackerKind, TrackerLimit>> = {
  'jira-cloud': {
    requestsPerSecond: undefined,
    published:
      'points per hour (a write costs 1 point, a read 1 plus 1 per object returned), requests per second per endpoint, and writes per issue; the figures depend on the app tier (developer.atlassian.com/cloud/jira/platform/rate-limiting)',
  },
  'jira-server': {
    requestsPerSecond: undefined,
    published:
      "off unless the admin turns it on; then a token bucket per user that the admin sizes (Jira Data Center 8.6+, 'Improving instance stability with rate limiting')",
  },
  'azure-devops': {
    requestsPerSecond: undefined,
    published:
      "200 TSTUs per user in a sliding 5-minute window, a TSTU being a share of the service's work rather than a request (learn.microsoft.com/azure/devops/integrate/concepts/rate-limits)",
  },
  asana: {
    requestsPerSecond: 1500 / 60,
    published:
      '1,500 requests a minute on paid domains, 150 on free ones; each action of a /batch call counts as a request (developers.asana.com/docs/rate-limits, and the Batch API section of the API reference)',
  },
};

export interface BackfillCalls {
  readonly sender: TrackerKind;
  readonly receiver: TrackerKind;
  readonly sendingPerItem: number;
  readonly receivingPerItem: number;
  readonly receivingRateLimitedPerItem: number;
}

/**
 * How long a backfill of `items` would spend waiting on each receiving tracker's limits: its
 * requests per item (as the tracker's rate limit counts them) times the items, at the node's budget
 * or the tracker's published rate if lower. The receiving side is where nearly all the calls are.
 */
export function realTrackerEstimates(measured: readonly BackfillCalls[], items: number): string {
  const lines = [
    `Time a backfill of ${items.toLocaleString('en')} items spends in tracker calls on the receiving side: its requests at the node's default budget of ${nodeBudgetRequestsPerSecond} a second per tracker host, or at the tracker's published rate where that binds first:`,
    '| sending → receiving | requests on the receiving tracker | time | the tracker publishes |',
    '|---|---|---|---|',
  ];
  for (const pair of measured) {
    const limit = limits[pair.receiver];
    // The node's budget counts HTTP requests; the tracker's limit counts what it says it counts.
    const requests = Math.round(pair.receivingPerItem * items);
    const counted = Math.round(pair.receivingRateLimitedPerItem * items);
    const seconds = Math.max(requests / nodeBudgetRequestsPerSecond, limit.requestsPerSecond === undefined ? 0 : counted / limit.requestsPerSecond);
    const counts =
      counted === requests ? requests.toLocaleString('en') : `${requests.toLocaleString('en')} (${counted.toLocaleString('en')} as its rate limit counts them)`;
    lines.push(`| ${pair.sender} → ${pair.receiver} | ${counts} | ${duration(seconds)} | ${limit.published} |`);
  }
  return lines.join('\n');
}

function duration(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

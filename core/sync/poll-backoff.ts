/**
 * How long a private side waits before its next poll. A public node holds an empty poll until
 * work arrives or the wait ends, so the next poll can follow at once. A public side that answers
 * an empty poll at once instead (the Jira Cloud app: Forge bills every storage read and ends a web
 * trigger after 55 s, so it never holds a poll) would be asked again and again, many times a
 * second; so an empty answer that came back quickly is followed by a pause that doubles up to a
 * cap, and work arriving ends the pause at once.
 *
 * The rule lives on the poller's side, read from how quickly the answer came, because poll answers
 * are parsed with strict schemas by peers of every version: a hint in the answer would make older
 * private sides refuse it.
 */
export const idlePollPause = {
  /** An empty answer faster than this (and faster than half the asked wait) was not held. */
  heldAtLeastMs: 1_000,
  firstPauseMs: 1_000,
  /** Forge's idle cost is about one poll per this long per connection (docs/benchmarks.md). */
  maximumPauseMs: 10_000,
} as const;

export interface PollRound {
  /** Envelopes the answer carried. */
  readonly received: number;
  /** How long the poll was asked to be held, and how long the answer took. */
  readonly waitMs: number;
  readonly elapsedMs: number;
}

/** The pause before the next poll, given the previous pause (0 after work) and the round just done. */
export function nextIdlePollPauseMs(previousPauseMs: number, round: PollRound): number {
  if (round.received > 0) return 0;
  const held = round.elapsedMs >= Math.min(idlePollPause.heldAtLeastMs, round.waitMs / 2);
  if (held) return 0;
  return Math.min(idlePollPause.maximumPauseMs, previousPauseMs === 0 ? idlePollPause.firstPauseMs : previousPauseMs * 2);
}

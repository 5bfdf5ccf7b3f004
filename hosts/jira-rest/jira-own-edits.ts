import type { ClockV1 } from '../../core';
import { RecentReads } from '../tracker-http';
import type { JiraFieldChange, JiraWebhookChange } from './jira-webhook-payload';

/**
 * The edits this node made and whose webhook has not come yet. Jira answers an edit with 204 and
 * no body, so the time the edit gave the issue is not known without another read. The webhook of
 * the edit is told by its changelog instead: it changed exactly the fields this node wrote, each to
 * the value written. Such an event is reported with the `updated` of the read the edit was planned
 * on, which the engine kept as the time of its write, so it is judged the echo of that write with
 * no call. An edit by someone else changes another field or another value, or comes with no edit
 * expected, and is read as before; one that sets the very values this node just wrote changes
 * nothing the other side does not already have.
 */
export class JiraOwnEdits {
  readonly #expected: RecentReads<{ readonly fields: ReadonlyMap<string, string>; readonly readTime: string }>;

  constructor(clock: ClockV1) {
    // A webhook comes within seconds; one that never comes leaves its expectation to age out.
    this.#expected = new RecentReads(clock, { maximumAgeMilliseconds: 60_000, maximumTasks: 500 });
  }

  /** Before the edit is sent: `fields` by id, each with its value as a changelog writes it. */
  expect(key: string, fields: ReadonlyMap<string, string>, readTime: string): void {
    this.#expected.remember(key, { fields, readTime });
  }

  forget(key: string): void {
    this.#expected.forget(key);
  }

  /** The time to report for the event of `changes` on `key` when it is the edit expected there (then no longer expected). */
  recognise(key: string, changes: readonly JiraFieldChange[]): string | undefined {
    const expected = this.#expected.of(key);
    if (expected === undefined || changes.length !== expected.fields.size) return undefined;
    if (!changes.every((change) => expected.fields.get(change.field) === change.to)) return undefined;
    this.#expected.forget(key);
    return expected.readTime;
  }
}

/** For each issue whose edit this node made itself (its changelog says so), the time to report instead of the delivery's. */
export function jiraOwnEditTimes(ownEdits: JiraOwnEdits, change: Pick<JiraWebhookChange, 'changed'>): ReadonlyMap<string, string> {
  const times = new Map<string, string>();
  for (const [key, fields] of change.changed ?? []) {
    const time = ownEdits.recognise(key, fields);
    if (time !== undefined) times.set(key, time);
  }
  return times;
}

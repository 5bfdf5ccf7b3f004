import type { ClockV1 } from '../../core';
import type { TaskResponse } from './asana-responses';
import { RecentReads } from '../tracker-http';

/** The custom fields of a task as a read gave them: gid, name, type and enum options are what a write needs. */
export type CustomFieldDefinitions = NonNullable<TaskResponse['custom_fields']>;

/** A read older than this is not used: the task is read again before the write. */
const maximumAgeMilliseconds = 60_000;
/** Tasks remembered at once; the oldest read goes first. */
const maximumTasks = 500;

/**
 * The custom fields each task had when it was last read, so that a priority or custom field write
 * right after a read (the sync engine reads a task before it writes it) needs no second read of the
 * task: Asana names a field and an enum option by gid in a write, and the read just made has both.
 * A field or option changed since in Asana is noticed by age (a read older than a minute is not
 * used) and by Asana's answer: a write it refuses (400: a field no longer on the task, an option
 * removed), or a field or option the remembered read does not have, reads the task and tries again.
 */
export class RecentCustomFields {
  readonly #reads: RecentReads<CustomFieldDefinitions>;

  constructor(clock: ClockV1) {
    this.#reads = new RecentReads(clock, { maximumAgeMilliseconds, maximumTasks });
  }

  /** A task as Asana answered a read (or a write) of it with the adapter's opt_fields. */
  remember(task: TaskResponse): void {
    if (task.custom_fields === undefined || task.custom_fields === null) return;
    this.#reads.remember(task.gid, task.custom_fields);
  }

  /** The task's fields from a read of the last minute, or undefined. */
  of(key: string): CustomFieldDefinitions | undefined {
    return this.#reads.of(key);
  }

  forget(key: string): void {
    this.#reads.forget(key);
  }
}

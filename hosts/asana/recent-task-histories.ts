import type { ClockV1 } from '../../core';
import type { AttachmentResponse, StoryResponse } from './asana-responses';
import { isComment } from './task-mapping';
import { RecentReads } from '../tracker-http';

/** What a task answer lacks of a TrackerItem: its comment stories and its attachments, as the last read of the task gave them. */
export interface TaskHistory {
  readonly comments: readonly StoryResponse[];
  readonly attachments: readonly AttachmentResponse[];
}

/**
 * The engine reads a task, runs the incoming script (a second by default) and writes: a read
 * older than this was not made for the write at hand, and the task is read again after it.
 */
const maximumAgeMilliseconds = 30_000;
/** Tasks remembered at once; the oldest read goes first. Each holds its comments, so fewer than the custom fields. */
const maximumTasks = 200;

/**
 * The comments and attachments of each task's last read, so that a write answered with the task
 * (`PUT /tasks/{gid}` returns the task) gives the whole item without a read after it: a PUT of
 * values does not touch a task's stories or attachments. The node's own comment or attachment on
 * the task forgets its entry (the next write reads again), and so does anything past the bounds.
 */
export class RecentTaskHistories {
  readonly #reads: RecentReads<TaskHistory>;

  constructor(clock: ClockV1) {
    this.#reads = new RecentReads(clock, { maximumAgeMilliseconds, maximumTasks });
  }

  /** The stories (only the comments are kept) and attachments a read of the task gave. */
  remember(taskKey: string, stories: readonly StoryResponse[], attachments: readonly AttachmentResponse[]): void {
    this.#reads.remember(taskKey, { comments: stories.filter(isComment), attachments });
  }

  of(taskKey: string): TaskHistory | undefined {
    return this.#reads.of(taskKey);
  }

  forget(taskKey: string): void {
    this.#reads.forget(taskKey);
  }
}

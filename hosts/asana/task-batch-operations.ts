import { ExalateError, type BatchCreateOutcome, type ItemPage, type NewItem, type TrackerBatchV1, type TrackerItem, type TriggerConditions } from '../../core';
import type { AsanaClient } from './asana-client';
import { isRefusal, maximumBatchActions, readAction, readBatchResult } from './asana-batch-call';
import type { AsanaPeople } from './asana-people';
import { taskEnvelopeSchema, type TaskResponse } from './asana-responses';
import { hasFollowUp, planNewTask, type NewTaskPlan } from './new-task';
import { listProjectTasks } from './project-task-list';
import { taskOptFields, toTrackerItem } from './task-mapping';
import type { TaskReader } from './task-reader';
import type { TaskWriter } from './task-writer';

/**
 * The batch half of the Tracker port over Asana's batch API (`POST /batch`, ten actions a call,
 * asana.yaml "Batch API"): a page of whole tasks from one list request plus one batch call per
 * five tasks for their stories and attachments; tasks' change times ten a call; creations ten a
 * call, each action's result its own outcome. Uploading attachments cannot go through `/batch`,
 * and neither can one action use another's answer, so what a creation needs afterwards (tags,
 * custom fields, section) is written as the one-item create writes it.
 */
export class AsanaBatchOperations implements TrackerBatchV1 {
  readonly version = 1 as const;
  readonly maximumCreateBatch = maximumBatchActions;
  /** The creations of one call go as the actions of one `/batch` request: gathering them saves requests. */
  readonly createsInOneRequest = true;
  readonly #client: AsanaClient;
  readonly #reader: TaskReader;
  readonly #writer: TaskWriter;
  readonly #people: AsanaPeople;

  constructor(client: AsanaClient, parts: { readonly reader: TaskReader; readonly writer: TaskWriter; readonly people: AsanaPeople }) {
    this.#client = client;
    this.#reader = parts.reader;
    this.#writer = parts.writer;
    this.#people = parts.people;
  }

  async searchItemsWithFields(trigger: TriggerConditions, page: { readonly cursor: string | null; readonly limit: number }): Promise<ItemPage> {
    const listed = await listProjectTasks(this.#client, trigger, page, taskOptFields);
    return { items: await this.#reader.completeTasks(listed.tasks), nextCursor: listed.nextCursor };
  }

  async readUpdatedTimes(keys: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const wanted = [...new Set(keys)].filter((key) => /^\d+$/.test(key));
    const times = new Map<string, string>();
    if (wanted.length === 0) return times;
    const results = await this.#client.batch(
      wanted.map((key) => readAction(`/tasks/${key}`, 'modified_at')),
      { idempotent: true, action: `read when ${wanted.length} tasks changed` },
    );
    for (const [index, key] of wanted.entries()) {
      const result = results[index]!;
      // A task deleted (or out of the user's sight) since: left out, as the contract asks.
      if (result.status_code === 404) continue;
      const task = readBatchResult(result, taskEnvelopeSchema, { client: this.#client, doing: `read when task ${key} changed` });
      if (!task.ok) throw task.error;
      // As toTrackerItem reads `updated`, so the two compare equal.
      times.set(key, task.value.data.modified_at ?? '');
    }
    return times;
  }

  async createItems(items: readonly NewItem[]): Promise<readonly BatchCreateOutcome[]> {
    const outcomes: (BatchCreateOutcome | undefined)[] = items.map(() => undefined);
    // An item Asana could not take as asked (an unknown type) is refused here, alone.
    const planned: { readonly index: number; readonly plan: NewTaskPlan }[] = [];
    for (const [index, item] of items.entries()) {
      try {
        planned.push({ index, plan: planNewTask(item) });
      } catch (error) {
        outcomes[index] = { ok: false, error: ExalateError.from(error) };
      }
    }
    const results =
      planned.length === 0
        ? []
        : await this.#client.batch(
            planned.map(({ plan }) => ({ method: 'post', relative_path: '/tasks', data: plan.data, options: { fields: taskOptFields.split(',') } })),
            { idempotent: false, action: `create ${planned.length} tasks` },
          );
    const created: { readonly index: number; readonly plan: NewTaskPlan; readonly task: TaskResponse }[] = [];
    let unknownOutcome: ExalateError | undefined;
    for (const [position, { index, plan }] of planned.entries()) {
      const item = items[index]!;
      const answer = readBatchResult(results[position]!, taskEnvelopeSchema, {
        client: this.#client,
        doing: `create the task "${item.summary}" in project ${item.projectKey}`,
      });
      if (answer.ok) created.push({ index, plan, task: answer.value.data });
      else if (isRefusal(answer.error)) outcomes[index] = { ok: false, error: answer.error };
      // 5xx: Asana may or may not have created it. Reported by throwing, after the others are finished.
      else unknownOutcome ??= answer.error;
    }
    const written = await this.#finishCreated(created, outcomes);
    if (unknownOutcome !== undefined) throw unknownOutcome;
    return outcomes.map((outcome) => {
      if (outcome === undefined) return { ok: false, error: new ExalateError('internal', 'A batch create left an item without an outcome.') };
      return outcome.ok ? { ...outcome, written: written.get(outcome.key) ?? null } : outcome;
    });
  }

  /**
   * What the one-item create does after its POST (tags, priority and custom fields, a section),
   * then the tasks as written: the POST's answer for those with nothing after it, the PUT's for
   * those whose follow-up was one PUT (a priority, a custom field), a re-read (ten a call) for the
   * others. A new task has no comments and no attachments yet. When a write after
   * the POST fails, the item's outcome is that failure, as the one-item create throws it; the task
   * exists, and core's creation intent adopts it on the retry instead of creating it again.
   */
  async #finishCreated(
    created: readonly { readonly index: number; readonly plan: NewTaskPlan; readonly task: TaskResponse }[],
    outcomes: (BatchCreateOutcome | undefined)[],
  ): Promise<ReadonlyMap<string, TrackerItem>> {
    const tasks = new Map<string, TaskResponse>();
    const changed: string[] = [];
    for (const { index, plan, task } of created) {
      if (!hasFollowUp(plan)) {
        tasks.set(task.gid, task);
        outcomes[index] = { ok: true, key: task.gid, written: null };
        continue;
      }
      try {
        const written = await this.#writer.update(task.gid, plan.followUp, task);
        // A follow-up that was one PUT answered with the task as written; any other is read below.
        if (written === undefined) changed.push(task.gid);
        else tasks.set(task.gid, written);
        outcomes[index] = { ok: true, key: task.gid, written: null };
      } catch (error) {
        outcomes[index] = { ok: false, error: ExalateError.from(error) };
      }
    }
    if (changed.length > 0) {
      const results = await this.#client.batch(
        changed.map((key) => readAction(`/tasks/${key}`, taskOptFields)),
        { idempotent: true, action: `read ${changed.length} created tasks` },
      );
      for (const [index, key] of changed.entries()) {
        const task = readBatchResult(results[index]!, taskEnvelopeSchema, { client: this.#client, doing: `read the created task ${key}` });
        // Not readable right now: core reads it itself (written stays null).
        if (task.ok) tasks.set(key, task.value.data);
      }
    }
    const people = await this.#people.read([...tasks.values()].flatMap((task) => [task.assignee?.gid, task.created_by?.gid]));
    return new Map([...tasks].map(([key, task]) => [key, toTrackerItem(task, people, [], [])]));
  }
}

import type { z } from 'zod';
import { ExalateError, type TrackerItem } from '../../core';
import type { AsanaClient } from './asana-client';
import { readAction, readBatchResult, type AsanaBatchAction } from './asana-batch-call';
import type { AsanaPeople } from './asana-people';
import type { RecentCustomFields } from './recent-custom-fields';
import type { RecentTaskHistories, TaskHistory } from './recent-task-histories';
import {
  attachmentPageSchema,
  storyPageSchema,
  taskEnvelopeSchema,
  type AttachmentResponse,
  type BatchResult,
  type StoryResponse,
  type TaskResponse,
} from './asana-responses';
import { taskOptFields, toTrackerItem } from './task-mapping';

/** Asana's largest page (the `limit` parameter takes 1 to 100). */
const pageSize = 100;
/** 1,000 pages of 100 is 100,000 stories: past that Asana is answering in a loop. */
const maximumPages = 1000;
const storyOptFields = 'type,resource_subtype,text,html_text,created_at,created_by,created_by.name';
const attachmentOptFields = 'name,size,created_at';

/**
 * Whole tasks as TrackerItems: the task, its stories (comments) and its attachments. The three
 * reads of a task go to Asana as actions of one `POST /batch` (three tasks a call), and so do the
 * stories and attachments of tasks a list already brought (five tasks a call), instead of one
 * request each. A task with more than a page of stories or attachments has the rest paged as usual.
 */
export class TaskReader {
  readonly #client: AsanaClient;
  readonly #people: AsanaPeople;
  readonly #recentFields: RecentCustomFields | undefined;
  readonly #recentHistories: RecentTaskHistories | undefined;

  /**
   * `recent` is told of every task read, for a write that follows to use: its custom fields (the
   * gids a write names) and its comments and attachments (what the write's answer lacks).
   */
  constructor(client: AsanaClient, people: AsanaPeople, recent: { readonly fields?: RecentCustomFields; readonly histories?: RecentTaskHistories } = {}) {
    this.#client = client;
    this.#people = people;
    this.#recentFields = recent.fields;
    this.#recentHistories = recent.histories;
  }

  /** The tasks that exist among `keys`, in their order; one that does not (404) is left out. */
  async readTasks(keys: readonly string[]): Promise<TrackerItem[]> {
    const wanted = keys.filter((key) => /^\d+$/.test(key));
    if (wanted.length === 0) return [];
    const results = await this.#client.batch(
      wanted.flatMap((key) => [readAction(`/tasks/${key}`, taskOptFields), ...historyActions(key)]),
      { idempotent: true, action: wanted.length === 1 ? `read task ${wanted[0] ?? ''}` : `read ${wanted.length} tasks` },
    );
    const found: { task: TaskResponse; stories: BatchResult; attachments: BatchResult }[] = [];
    for (const [index, key] of wanted.entries()) {
      const [taskResult, stories, attachments] = results.slice(index * 3, index * 3 + 3) as [BatchResult, BatchResult, BatchResult];
      if (taskResult.status_code === 404) continue;
      found.push({ task: this.#take(taskResult, taskEnvelopeSchema, `read task ${key}`).data, stories, attachments });
    }
    return this.#toItems(found);
  }

  /** Tasks a list brought with `taskOptFields`, completed with their stories and attachments. */
  async completeTasks(tasks: readonly TaskResponse[]): Promise<TrackerItem[]> {
    if (tasks.length === 0) return [];
    const results = await this.#client.batch(
      tasks.flatMap((task) => historyActions(task.gid)),
      { idempotent: true, action: `read the comments and attachments of ${tasks.length} tasks` },
    );
    return this.#toItems(tasks.map((task, index) => ({ task, stories: results[index * 2]!, attachments: results[index * 2 + 1]! })));
  }

  /**
   * The item of a task Asana answered with `taskOptFields` (a write's answer), with the comments and
   * attachments of an earlier read: as `readTasks` would give it, without reading the task again.
   */
  async itemOf(task: TaskResponse, history: TaskHistory): Promise<TrackerItem> {
    this.#recentFields?.remember(task);
    const people = await this.#people.read([task.assignee?.gid, task.created_by?.gid, ...history.comments.map((story) => story.created_by?.gid)]);
    return toTrackerItem(task, people, history.comments, history.attachments);
  }

  async #toItems(found: readonly { task: TaskResponse; stories: BatchResult; attachments: BatchResult }[]): Promise<TrackerItem[]> {
    const histories: { task: TaskResponse; stories: StoryResponse[]; attachments: AttachmentResponse[] }[] = [];
    for (const { task, stories, attachments } of found) {
      this.#recentFields?.remember(task);
      // Deleted after the list or the task read named it: gone, as a read of it would say.
      if (stories.status_code === 404 || attachments.status_code === 404) continue;
      histories.push({
        task,
        stories: await this.#allPages(
          stories,
          `/tasks/${task.gid}/stories`,
          { opt_fields: storyOptFields },
          storyPageSchema,
          `read the comments of task ${task.gid}`,
        ),
        attachments: await this.#allPages(
          attachments,
          '/attachments',
          { parent: task.gid, opt_fields: attachmentOptFields },
          attachmentPageSchema,
          `read the attachments of task ${task.gid}`,
        ),
      });
    }
    for (const { task, stories, attachments } of histories) this.#recentHistories?.remember(task.gid, stories, attachments);
    const people = await this.#people.read(
      histories.flatMap(({ task, stories }) => [task.assignee?.gid, task.created_by?.gid, ...stories.map((story) => story.created_by?.gid)]),
    );
    return histories.map(({ task, stories, attachments }) => toTrackerItem(task, people, stories, attachments));
  }

  /** The first page from the batch, and the rest by passing back `next_page.offset`. */
  async #allPages<Item>(
    first: BatchResult,
    path: string,
    query: Readonly<Record<string, string>>,
    schema: z.ZodType<{ data: Item[]; next_page?: { offset: string } | null | undefined }>,
    doing: string,
  ): Promise<Item[]> {
    const page = this.#take(first, schema, doing);
    const items = [...page.data];
    let offset = page.next_page?.offset;
    for (let pageNumber = 1; offset !== undefined; pageNumber += 1) {
      if (pageNumber >= maximumPages)
        throw new ExalateError('internal', `Asana kept returning more pages of ${path} after ${maximumPages}; the node stopped reading.`, {
          details: { tracker: 'asana', path },
        });
      const next = await this.#client.json({ path, query: { ...query, limit: pageSize, offset }, action: doing }, schema);
      items.push(...next.data);
      offset = next.next_page?.offset;
    }
    return items;
  }

  #take<Schema extends z.ZodType>(result: BatchResult, schema: Schema, doing: string): z.output<Schema> {
    const read = readBatchResult(result, schema, { client: this.#client, doing });
    if (!read.ok) throw read.error;
    return read.value;
  }
}

/** A task's stories and attachments, first page each. */
function historyActions(key: string): AsanaBatchAction[] {
  return [
    readAction(`/tasks/${key}/stories`, storyOptFields, { limit: pageSize }),
    readAction('/attachments', attachmentOptFields, { data: { parent: key }, limit: pageSize }),
  ];
}

import {
  ExalateError,
  systemClock,
  type ItemChanges,
  type ItemSearchPage,
  type NewItem,
  type RichText,
  type TrackerBatchV1,
  type TrackerInstance,
  type TrackerItem,
  type TrackerItemOperations,
  type TrackerProject,
  type TrackerProjectValues,
  type TrackerUser,
  type TrackerV1,
  type TriggerConditions,
} from '../../core';
import type { z } from 'zod';
import { richTextToAsanaHtml } from '../../core/rich-text/html';
import { AsanaClient, type AsanaClientOptions, type QueryValues } from './asana-client';
import { AsanaPeople } from './asana-people';
import { asanaProjectValues, customFieldSettingOptFields, customFieldSettingPageSchema, type CustomFieldSetting } from './asana-project-values';
import {
  attachmentEnvelopeSchema,
  currentUserSchema,
  gidEnvelopeSchema,
  gidPageSchema,
  namedResourcePageSchema,
  storyEnvelopeSchema,
  taskEnvelopeSchema,
  userEnvelopeSchema,
  webhookCreatedSchema,
  emptyEnvelopeSchema,
  type NamedResource,
} from './asana-responses';
import { pollEvents, type EventsPoll } from './events-poller';
import { hasFollowUp, planNewTask } from './new-task';
import { listProjectTasks } from './project-task-list';
import { RecentCustomFields } from './recent-custom-fields';
import { RecentTaskHistories } from './recent-task-histories';
import { AsanaBatchOperations } from './task-batch-operations';
import { taskOptFields } from './task-mapping';
import { TaskReader } from './task-reader';
import { TaskWriter } from './task-writer';

export interface AsanaAdapterOptions extends AsanaClientOptions {
  /** The workspace whose projects the node offers; every workspace of the user when left out. */
  readonly workspaceGid?: string | undefined;
}

/** Asana's largest page (the `limit` parameter takes 1 to 100). */
const pageSize = 100;
/** 1,000 pages of 100 is 100,000 items: past that Asana is answering in a loop. */
const maximumPages = 1000;

/** The Tracker port over Asana REST 1.0. Translation only. */
export class AsanaAdapter implements TrackerV1, TrackerItemOperations {
  readonly kind = 'asana' as const;
  readonly #client: AsanaClient;
  readonly #writer: TaskWriter;
  readonly #reader: TaskReader;
  readonly #recentHistories: RecentTaskHistories;
  readonly #workspaceGid: string | undefined;
  /** Pages of whole tasks, change times and creations through Asana's `/batch`, ten actions a call. */
  readonly batch: TrackerBatchV1;

  constructor(options: AsanaAdapterOptions) {
    const { workspaceGid, ...clientOptions } = options;
    this.#client = new AsanaClient(clientOptions);
    const clock = clientOptions.clock ?? systemClock;
    const recentFields = new RecentCustomFields(clock);
    this.#recentHistories = new RecentTaskHistories(clock);
    this.#writer = new TaskWriter(this.#client, recentFields);
    const people = new AsanaPeople(this.#client);
    this.#reader = new TaskReader(this.#client, people, { fields: recentFields, histories: this.#recentHistories });
    this.batch = new AsanaBatchOperations(this.#client, { reader: this.#reader, writer: this.#writer, people });
    this.#workspaceGid = workspaceGid;
  }

  /** Asana has no product version; the instance is the REST API version, and reading the user proves the token. */
  async describeInstance(): Promise<TrackerInstance> {
    await this.#client.json({ path: '/users/me', query: { opt_fields: 'name,email' } }, currentUserSchema);
    return { tracker: 'asana', version: '1.0', url: this.#client.host };
  }

  /** Who the token belongs to (`GET /users/me`): shown in the console as the signed-in account. */
  async describeAccount(): Promise<{ readonly gid: string; readonly name: string; readonly email?: string }> {
    const me = await this.#client.json({ path: '/users/me', query: { opt_fields: 'name,email' }, action: 'read the signed-in user' }, currentUserSchema);
    return { gid: me.data.gid, name: me.data.name ?? me.data.gid, ...(me.data.email === undefined ? {} : { email: me.data.email }) };
  }

  /** The user's workspaces (and organizations), for the console's Workspace picker. */
  async listWorkspaces(): Promise<readonly NamedResource[]> {
    return (await this.#listAll('/workspaces', { opt_fields: 'name' })).map((workspace) => ({ gid: workspace.gid, name: workspace.name }));
  }

  /**
   * One entry per project, the key being the project gid. With a chosen workspace, its projects by
   * name; otherwise those of every workspace the user belongs to, the name saying which workspace
   * each is in. Archived projects are left out (`archived=false`).
   */
  async listProjects(): Promise<readonly TrackerProject[]> {
    if (this.#workspaceGid !== undefined) {
      const inWorkspace = await this.#listAll('/projects', { workspace: this.#workspaceGid, archived: false, opt_fields: 'name' });
      return inWorkspace.map((project) => ({ key: project.gid, name: project.name }));
    }
    const projects: TrackerProject[] = [];
    for (const workspace of await this.#listAll('/workspaces', { opt_fields: 'name' })) {
      const inWorkspace = await this.#listAll('/projects', { workspace: workspace.gid, archived: false, opt_fields: 'name' });
      projects.push(...inWorkspace.map((project) => ({ key: project.gid, name: `${workspace.name} / ${project.name}` })));
    }
    return projects;
  }

  /** Completed or incomplete and Task, as the profile says; priorities from the project's Priority field when it has one. */
  async readProjectValues(projectKey: string): Promise<TrackerProjectValues> {
    const settings: CustomFieldSetting[] = [];
    await this.#pages(
      `/projects/${encodeURIComponent(projectKey)}/custom_field_settings`,
      { opt_fields: customFieldSettingOptFields },
      customFieldSettingPageSchema,
      (page) => settings.push(...page),
    );
    return asanaProjectValues(settings);
  }

  /** The task, its stories and its attachments: three actions of one `POST /batch`, one request instead of three. */
  async getItem(key: string): Promise<TrackerItem | undefined> {
    const [item] = await this.#reader.readTasks([key]);
    return item;
  }

  async searchItems(trigger: TriggerConditions, page: { readonly cursor: string | null; readonly limit: number }): Promise<ItemSearchPage> {
    const listed = await listProjectTasks(this.#client, trigger, page, 'completed');
    return { keys: listed.tasks.map((task) => task.gid), nextCursor: listed.nextCursor };
  }

  async listChangedSince(projectKey: string, since: string, page: { readonly cursor: string | null; readonly limit: number }): Promise<ItemSearchPage> {
    const answer = await this.#client.json(
      {
        path: '/tasks',
        query: {
          project: projectKey,
          modified_since: new Date(since).toISOString(),
          opt_fields: 'modified_at',
          limit: clampLimit(page.limit),
          offset: page.cursor ?? undefined,
        },
        action: `list the tasks of project ${projectKey} changed since ${since}`,
      },
      gidPageSchema,
    );
    return { keys: answer.data.map((task) => task.gid), nextCursor: answer.next_page?.offset ?? null };
  }

  /**
   * Creates the task with what `POST /tasks` takes directly, then writes labels, priority and other
   * custom fields as an update: they need the task's workspace tags and field gids to be named.
   */
  async createItem(item: NewItem): Promise<{ readonly key: string }> {
    const plan = planNewTask(item);
    const created = await this.#client.json(
      {
        method: 'POST',
        path: '/tasks',
        json: { data: plan.data },
        query: { opt_fields: taskOptFields },
        action: `create a task in project ${item.projectKey}`,
      },
      taskEnvelopeSchema,
    );
    if (hasFollowUp(plan)) await this.#writer.update(created.data.gid, plan.followUp, created.data);
    return { key: created.data.gid };
  }

  async updateItem(key: string, changes: ItemChanges): Promise<void> {
    await this.#writer.update(key, changes);
  }

  /**
   * Writes like updateItem and answers with the item as getItem would read it right after. Asana
   * answers `PUT /tasks/{gid}` with the task; its comments and attachments, which a PUT of values
   * leaves as they were, come from the read the engine made just before (RecentTaskHistories).
   * Without such a read, or when the write took more than the PUT (a parent, tag or section call),
   * the task is read again. Null when the task is gone by then.
   */
  async updateItemReturningItem(key: string, changes: ItemChanges): Promise<TrackerItem | null> {
    const history = this.#recentHistories.of(key);
    const written = await this.#writer.update(key, changes);
    if (written !== undefined && history !== undefined) return this.#reader.itemOf(written, history);
    return (await this.getItem(key)) ?? null;
  }

  /** Comments are stories; `html_text` keeps their formatting (`<body>` root, as html_notes). */
  async addComment(key: string, body: RichText): Promise<{ readonly id: string }> {
    const story = await this.#changingHistory(key, () =>
      this.#client.json(
        {
          method: 'POST',
          path: `/tasks/${key}/stories`,
          json: { data: { html_text: richTextToAsanaHtml(body) } },
          query: { opt_fields: 'created_at' },
          action: `comment on task ${key}`,
        },
        storyEnvelopeSchema,
      ),
    );
    return { id: story.data.gid };
  }

  async updateComment(key: string, commentId: string, body: RichText): Promise<void> {
    await this.#changingHistory(key, () =>
      this.#client.json(
        {
          method: 'PUT',
          path: `/stories/${commentId}`,
          json: { data: { html_text: richTextToAsanaHtml(body) } },
          query: { opt_fields: 'created_at' },
          action: `edit comment ${commentId}`,
        },
        storyEnvelopeSchema,
      ),
    );
  }

  /** `GET /users/{email}`: Asana takes an email wherever it takes a user id. */
  async findUserByEmail(email: string): Promise<TrackerUser | undefined> {
    const answer = await this.#client.jsonIfFound(
      { path: `/users/${encodeURIComponent(email.trim())}`, query: { opt_fields: 'name,email' }, action: 'look up a user by email' },
      userEnvelopeSchema,
    );
    if (answer === undefined) return undefined;
    return { email: answer.data.email ?? email.trim().toLowerCase(), displayName: answer.data.name ?? '', id: answer.data.gid };
  }

  async downloadAttachment(_key: string, attachmentId: string): Promise<Uint8Array> {
    const attachment = await this.#client.json(
      { path: `/attachments/${attachmentId}`, query: { opt_fields: 'name,download_url' }, action: `read attachment ${attachmentId}` },
      attachmentEnvelopeSchema,
    );
    const url = attachment.data.download_url;
    if (url === null || url === undefined)
      throw new ExalateError(
        'invalid_request',
        `Attachment ${attachment.data.name ?? attachmentId} is a link to another service (Dropbox, Google Drive…), not a file Asana holds, so it cannot be copied.`,
        { details: { tracker: 'asana' } },
      );
    return this.#client.download(url, attachment.data.name ?? attachmentId);
  }

  /** `POST /attachments` as multipart/form-data with `parent` and `file` (asana.yaml, AttachmentRequest). */
  async uploadAttachment(
    key: string,
    file: { readonly filename: string; readonly mimeType: string; readonly content: Uint8Array },
  ): Promise<{ readonly id: string }> {
    const form = new FormData();
    form.append('parent', key);
    form.append('file', new Blob([file.content.slice()], { type: file.mimeType }), file.filename);
    const answer = await this.#changingHistory(key, () =>
      this.#client.json(
        { method: 'POST', path: '/attachments', body: form, query: { opt_fields: 'name' }, action: `attach ${file.filename} to task ${key}` },
        gidEnvelopeSchema,
      ),
    );
    return { id: answer.data.gid };
  }

  /**
   * A webhook on a project (or task): Asana first POSTs `X-Hook-Secret` to `callbackUrl`, which must
   * echo it (change-intake.ts `answerHookHandshake`); the secret also comes back here, for signing checks.
   */
  async registerChangeHook(
    callbackUrl: string,
    options: { readonly resource: string },
  ): Promise<{ readonly webhookId: string; readonly secret: string | undefined }> {
    const answer = await this.#client.json(
      {
        method: 'POST',
        path: '/webhooks',
        query: { opt_fields: 'target' },
        json: {
          data: {
            resource: options.resource,
            target: callbackUrl,
            filters: [
              { resource_type: 'task' },
              { resource_type: 'story', action: 'added' },
              { resource_type: 'story', action: 'changed' },
              { resource_type: 'attachment', action: 'added' },
            ],
          },
        },
        action: `register a webhook for ${options.resource}`,
      },
      webhookCreatedSchema,
    );
    return { webhookId: answer.data.gid, secret: answer['X-Hook-Secret'] ?? undefined };
  }

  /** `DELETE /webhooks/{gid}`: Asana stops sending to that webhook. One already gone (404) is fine. */
  async deleteChangeHook(webhookId: string): Promise<void> {
    await this.#client.jsonIfFound(
      { method: 'DELETE', path: `/webhooks/${encodeURIComponent(webhookId)}`, action: `delete webhook ${webhookId}` },
      emptyEnvelopeSchema,
    );
  }

  /** One call of the Events API for `resource` (see events-poller.ts): the repair for missed webhooks. */
  async pollEvents(resource: string, sync: string | null): Promise<EventsPoll> {
    return pollEvents(this.#client, resource, sync);
  }

  /**
   * A call that adds to the task's comments or attachments: the last read's are no longer the task's,
   * whether the call succeeded or its outcome is unknown, so a write after it reads the task again.
   */
  async #changingHistory<T>(key: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } finally {
      this.#recentHistories.forget(key);
    }
  }

  async #pages<Item>(
    path: string,
    query: QueryValues,
    schema: z.ZodType<{ data: Item[]; next_page?: { offset: string } | null | undefined }>,
    take: (items: readonly Item[]) => void,
  ): Promise<void> {
    let offset: string | undefined;
    for (let pageNumber = 0; pageNumber < maximumPages; pageNumber += 1) {
      const page = await this.#client.json({ path, query: { ...query, limit: pageSize, offset } }, schema);
      take(page.data);
      offset = page.next_page?.offset;
      if (offset === undefined) return;
    }
  }

  /** Pages through a list by passing back `next_page.offset` (never by building offsets). */
  async #listAll(path: string, query: QueryValues): Promise<readonly NamedResource[]> {
    const items: NamedResource[] = [];
    let offset: string | undefined;
    for (let pageNumber = 0; pageNumber < maximumPages; pageNumber += 1) {
      const page = await this.#client.json({ path, query: { ...query, limit: pageSize, offset } }, namedResourcePageSchema);
      items.push(...page.data);
      if (page.next_page === null || page.next_page === undefined) return items;
      offset = page.next_page.offset;
    }
    throw new ExalateError(
      'internal',
      `Asana kept returning more pages of ${path} after ${maximumPages}; the node stopped listing. Report this with the workspace.`,
      { details: { tracker: 'asana', path } },
    );
  }
}

function clampLimit(limit: number): number {
  return Math.min(pageSize, Math.max(1, Math.floor(limit)));
}

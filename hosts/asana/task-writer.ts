import { z } from 'zod';
import { ExalateError, type ItemChanges } from '../../core';
import { richTextToAsanaHtml } from '../../core/rich-text/html';
import type { AsanaClient } from './asana-client';
import { gidEnvelopeSchema, namedPageSchema, taskEnvelopeSchema, type TaskResponse } from './asana-responses';
import type { CustomFieldDefinitions, RecentCustomFields } from './recent-custom-fields';
import { priorityFieldName, sectionFieldName, taskOptFields } from './task-mapping';

/** `{ data: {} }`, what Asana answers to addTag, removeTag and addTask. */
const emptyAnswerSchema = z.looseObject({ data: z.unknown() });
/** Largest page Asana gives (limit 1 to 100). */
const pageSize = 100;

/**
 * Writes ItemChanges to a task the way Asana takes each part: fields with `PUT /tasks/{gid}`,
 * the parent with `setParent`, tags with `addTag`/`removeTag` (creating missing tags in the
 * workspace), the section with `POST /sections/{gid}/addTask`. Asana has no revision to test,
 * so the latest write wins, as Script mode expects.
 */
export class TaskWriter {
  readonly #client: AsanaClient;
  readonly #recentFields: RecentCustomFields | undefined;

  /** `recentFields`: the custom fields of tasks read just now, which spare a read before a custom field write. */
  constructor(client: AsanaClient, recentFields?: RecentCustomFields) {
    this.#client = client;
    this.#recentFields = recentFields;
  }

  async read(key: string): Promise<TaskResponse> {
    const task = /^\d+$/.test(key)
      ? await this.#client.jsonIfFound({ path: `/tasks/${key}`, query: { opt_fields: taskOptFields }, action: `read task ${key}` }, taskEnvelopeSchema)
      : undefined;
    if (task === undefined) throw noSuchTask(key);
    return task.data;
  }

  /**
   * `current` is the task as just read (a creation's answer), when the caller has it. Otherwise the
   * task is read first only when the change needs what is on it (see `needsCurrentTask`): a
   * summary, description, status or assignee change is one `PUT`, and so is a priority or custom
   * field change right after a read of the task (RecentCustomFields).
   *
   * Answers with the task as Asana answered the PUT (`taskOptFields`) when that PUT was the whole
   * write; undefined when nothing was PUT, or when a parent, tag or section call came after it and
   * the PUT's answer is no longer the task as it is.
   */
  async update(key: string, changes: ItemChanges, current?: TaskResponse): Promise<TaskResponse | undefined> {
    if (current === undefined && !needsCurrentTask(changes)) {
      if (!/^\d+$/.test(key)) throw noSuchTask(key);
      if (!needsFieldDefinitions(changes)) return this.#put(key, plainFieldData(key, changes));
      const recentFields = this.#recentFields?.of(key);
      if (recentFields !== undefined) {
        const written = await this.#putWithRecentFields(key, changes, recentFields);
        if (written !== 'refused') return written;
      }
    }
    const task = current ?? (await this.read(key));
    const written = await this.#put(key, this.#fieldData(task, changes));
    let callsAfterPut = 0;
    if (changes.parentKey !== undefined && changes.parentKey !== (task.parent?.gid ?? null)) {
      // Asana moves subtasks only through setParent (a PUT may not change `parent`).
      await this.#client.json(
        {
          method: 'POST',
          path: `/tasks/${key}/setParent`,
          json: { data: { parent: changes.parentKey } },
          idempotent: true,
          query: { opt_fields: 'parent' },
          action: `move task ${key} under ${changes.parentKey ?? 'no parent'}`,
        },
        gidEnvelopeSchema,
      );
      callsAfterPut += 1;
    }
    if (changes.labels !== undefined) callsAfterPut += await this.#setTags(key, task, changes.labels);
    const section = changes.customFields?.[sectionFieldName];
    if (typeof section === 'string' && section !== task.memberships?.[0]?.section?.name) {
      await this.#moveToSection(key, task, section);
      callsAfterPut += 1;
    }
    return callsAfterPut === 0 ? written : undefined;
  }

  /**
   * The write with the custom fields of the read just made; 'refused' when Asana or the remembered
   * fields say they have changed since (a field or option gone or added), for the caller to read
   * the task and write again. A 400 means Asana wrote nothing of the request.
   */
  async #putWithRecentFields(key: string, changes: ItemChanges, fields: CustomFieldDefinitions): Promise<TaskResponse | undefined | 'refused'> {
    // A status Asana cannot take is refused as such, before anything is sent or read.
    plainFieldData(key, changes);
    try {
      return await this.#put(key, this.#fieldData({ gid: key, custom_fields: fields }, changes));
    } catch (error) {
      if (!(error instanceof ExalateError) || error.code !== 'invalid_request') throw error;
      this.#recentFields?.forget(key);
      return 'refused';
    }
  }

  /**
   * The fields of a task `PUT /tasks/{gid}` writes, answered with the task as written (asana.yaml:
   * updateTask returns a TaskResponse, with the opt_fields asked; the same a read asks); undefined
   * when there is nothing to PUT. A task Asana does not have (404) is not_found, as a read of it says.
   */
  async #put(key: string, data: Record<string, unknown>): Promise<TaskResponse | undefined> {
    if (Object.keys(data).length === 0) return undefined;
    const answer = await this.#client.jsonIfFound(
      { method: 'PUT', path: `/tasks/${key}`, json: { data }, query: { opt_fields: taskOptFields }, action: `update task ${key}` },
      taskEnvelopeSchema,
    );
    if (answer === undefined) throw noSuchTask(key);
    // Its custom fields are those of a read: a field write right after this one need not read them.
    this.#recentFields?.remember(answer.data);
    return answer.data;
  }

  /** What goes in the PUT body's `data`. */
  #fieldData(task: TaskResponse, changes: ItemChanges): Record<string, unknown> {
    const data = plainFieldData(task.gid, changes);
    const customFields: Record<string, unknown> = {};
    if (changes.priority !== undefined) Object.assign(customFields, this.#customFieldValue(task, priorityFieldName, changes.priority));
    for (const [name, value] of Object.entries(changes.customFields ?? {})) {
      if (name !== sectionFieldName) Object.assign(customFields, this.#customFieldValue(task, name, value));
    }
    if (Object.keys(customFields).length > 0) data['custom_fields'] = customFields;
    return data;
  }

  /** `custom_fields` in a task write is keyed by field gid; enum values are option gids. */
  #customFieldValue(task: TaskResponse, name: string, value: unknown): Record<string, unknown> {
    const field = (task.custom_fields ?? []).find((candidate) => (candidate.name ?? '').toLowerCase() === name.toLowerCase());
    if (field === undefined) {
      throw new ExalateError(
        'invalid_request',
        `Task ${task.gid} has no custom field "${name}". Add the field to the task's project in Asana, or leave it out of the incoming script.`,
        { details: { tracker: 'asana', field: name } },
      );
    }
    if (value === null || value === undefined) return { [field.gid]: null };
    const type = field.resource_subtype ?? field.type;
    if (type === 'enum') {
      const option = (field.enum_options ?? []).find(
        (candidate) => candidate.name.toLowerCase() === String(value).toLowerCase() && candidate.enabled !== false,
      );
      if (option === undefined) {
        throw new ExalateError(
          'invalid_request',
          `The Asana field "${field.name ?? name}" has no option "${String(value)}"; it offers ${(field.enum_options ?? []).map((candidate) => `"${candidate.name}"`).join(', ')}. Map the value in the incoming script.`,
          { details: { tracker: 'asana', field: name } },
        );
      }
      return { [field.gid]: option.gid };
    }
    if (type === 'number') return { [field.gid]: Number(value) };
    return { [field.gid]: String(value) };
  }

  /** Returns how many tag calls changed the task (a tag created in the workspace does not). */
  async #setTags(key: string, task: TaskResponse, labels: readonly string[]): Promise<number> {
    const current = new Map((task.tags ?? []).map((tag) => [(tag.name ?? '').toLowerCase(), tag.gid]));
    const wanted = new Set(labels.map((label) => label.toLowerCase()));
    const toAdd = labels.filter(
      (label, index) => !current.has(label.toLowerCase()) && labels.findIndex((other) => other.toLowerCase() === label.toLowerCase()) === index,
    );
    const toRemove = [...current].filter(([name]) => !wanted.has(name)).map(([, gid]) => gid);
    if (toAdd.length > 0) {
      const workspace = task.workspace?.gid ?? (await this.read(key)).workspace?.gid ?? '';
      const known = await this.#workspaceTags(workspace);
      for (const label of toAdd) {
        const gid =
          known.get(label.toLowerCase()) ??
          (
            await this.#client.json(
              { method: 'POST', path: '/tags', json: { data: { name: label, workspace } }, query: { opt_fields: 'name' }, action: `create the tag ${label}` },
              gidEnvelopeSchema,
            )
          ).data.gid;
        await this.#client.json(
          { method: 'POST', path: `/tasks/${key}/addTag`, json: { data: { tag: gid } }, idempotent: true, action: `tag task ${key} with ${label}` },
          emptyAnswerSchema,
        );
      }
    }
    for (const gid of toRemove)
      await this.#client.json(
        { method: 'POST', path: `/tasks/${key}/removeTag`, json: { data: { tag: gid } }, idempotent: true, action: `remove a tag from task ${key}` },
        emptyAnswerSchema,
      );
    return toAdd.length + toRemove.length;
  }

  async #workspaceTags(workspace: string): Promise<Map<string, string>> {
    const tags = new Map<string, string>();
    let offset: string | undefined;
    for (let pageNumber = 0; pageNumber < 100; pageNumber += 1) {
      const page = await this.#client.json(
        { path: `/workspaces/${workspace}/tags`, query: { opt_fields: 'name', limit: pageSize, offset }, action: 'list the workspace tags' },
        namedPageSchema,
      );
      for (const tag of page.data)
        if (tag.name !== null && tag.name !== undefined && !tags.has(tag.name.toLowerCase())) tags.set(tag.name.toLowerCase(), tag.gid);
      offset = page.next_page?.offset;
      if (offset === undefined) break;
    }
    return tags;
  }

  async #moveToSection(key: string, task: TaskResponse, sectionName: string): Promise<void> {
    const project = task.memberships?.[0]?.project?.gid;
    if (project === undefined)
      throw new ExalateError('invalid_request', `Task ${key} is in no project, so it has no sections to move between.`, { details: { tracker: 'asana' } });
    const sections = await this.#client.json(
      { path: `/projects/${project}/sections`, query: { opt_fields: 'name' }, action: `list the sections of project ${project}` },
      namedPageSchema,
    );
    const section = sections.data.find((candidate) => (candidate.name ?? '').toLowerCase() === sectionName.toLowerCase());
    if (section === undefined) {
      throw new ExalateError(
        'invalid_request',
        `The Asana project has no section "${sectionName}"; it has ${sections.data.map((candidate) => `"${candidate.name ?? ''}"`).join(', ')}. Map the value of customFields['${sectionFieldName}'] in the incoming script.`,
        { details: { tracker: 'asana' } },
      );
    }
    await this.#client.json(
      {
        method: 'POST',
        path: `/sections/${section.gid}/addTask`,
        json: { data: { task: key } },
        idempotent: true,
        action: `move task ${key} to the section ${sectionName}`,
      },
      emptyAnswerSchema,
    );
  }
}

/**
 * Whether writing `changes` needs the task as it is now: the parent, the tags and the section are
 * compared with the task's own (a tag to remove is named by gid, a section is looked up in the
 * task's project). Summary, description, status and assignee are written as given; custom fields
 * need only the gids of the task's fields (`needsFieldDefinitions`).
 */
export function needsCurrentTask(changes: ItemChanges): boolean {
  return changes.parentKey !== undefined || changes.labels !== undefined || typeof changes.customFields?.[sectionFieldName] === 'string';
}

/** Whether writing `changes` needs the gids of the task's custom fields (and of their enum options). */
function needsFieldDefinitions(changes: ItemChanges): boolean {
  return changes.priority !== undefined || Object.keys(changes.customFields ?? {}).some((name) => name !== sectionFieldName);
}

/** The part of the PUT body's `data` that takes the values as they are. */
function plainFieldData(key: string, changes: ItemChanges): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  if (changes.summary !== undefined) data['name'] = changes.summary;
  if (changes.description !== undefined) data['html_notes'] = richTextToAsanaHtml(changes.description);
  if (changes.status !== undefined) {
    const status = changes.status.trim().toLowerCase();
    if (status !== 'completed' && status !== 'incomplete') {
      throw new ExalateError(
        'invalid_request',
        `Asana cannot set task ${key} to the status "${changes.status}": an Asana task is only "completed" or "incomplete". Map the remote status to one of the two in the incoming script (and, if you want columns, set customFields['${sectionFieldName}'] to a section name).`,
        { details: { tracker: 'asana', status: changes.status } },
      );
    }
    data['completed'] = status === 'completed';
  }
  // Asana takes an email wherever it takes a user.
  if (changes.assigneeEmail !== undefined) data['assignee'] = changes.assigneeEmail;
  return data;
}

function noSuchTask(key: string): ExalateError {
  return new ExalateError('not_found', `Asana has no task ${key} (or the node's user cannot see it).`, { details: { tracker: 'asana', key } });
}

import {
  ExalateError,
  type ItemChanges,
  type ItemSearchPage,
  type NewItem,
  type RichText,
  type TrackerItem,
  type TrackerBatchV1,
  type TrackerItemOperations,
  type TrackerUser,
  type TriggerConditions,
  systemClock,
} from '../../core';
import { RecentReads, type TrackerHttpClient } from '../tracker-http';
import type { JiraDialect, MentionDirectory } from './jira-dialect';
import { JiraBatchOperations } from './jira-batch-operations';
import { readTrackerItem } from './jira-item-reader';
import {
  jiraAttachmentListSchema,
  jiraCommentPageSchema,
  jiraCommentSchema,
  jiraCreatedIssueSchema,
  jiraFieldListSchema,
  jiraIssueSchema,
  jiraMyselfSchema,
  jiraUserListSchema,
  type JiraTransition,
} from './jira-rest-responses';
import { formatJqlInstant, quoteJql } from './jql-text';
import { mentionedEmails } from './mentioned-emails';
import { jqlOfTrigger } from './trigger-jql';
import { moveToStatus } from './move-to-status';
import { JiraOwnEdits } from './jira-own-edits';

/** Jira's own largest comment page. */
const commentPageSize = 100;

/**
 * The item half of the Tracker port over Jira REST, for Cloud (v3) and Server/DC (v2) alike; the
 * dialect supplies what differs. Translation only: which items to write and when is core's call.
 */
export class JiraItemOperations implements TrackerItemOperations {
  readonly #client: TrackerHttpClient;
  readonly #dialect: JiraDialect;
  #fieldIds: Promise<ReadonlyMap<string, string>> | undefined;
  #timeZone: Promise<string> | undefined;
  /** Pages of whole issues from one search, and up to 50 creations a call (`issue/bulk`). */
  readonly batch: TrackerBatchV1;
  /**
   * The transitions on offer when each issue was last read (`expand=transitions`): the engine reads
   * an issue just before it writes it, so a status write takes its transition from there instead
   * of asking Jira again. Kept 30 seconds; a transition no longer on offer is asked for afresh.
   */
  readonly #transitionsRead = new RecentReads<readonly JiraTransition[]>(systemClock, { maximumAgeMilliseconds: 30_000, maximumTasks: 200 });
  /** Each issue as last read, for the item as written after a summary or status edit (updateItemReturningItem). */
  readonly #itemsRead = new RecentReads<TrackerItem>(systemClock, { maximumAgeMilliseconds: 30_000, maximumTasks: 200 });
  /** The edits this node made whose webhook has not come yet; the change intake asks it. */
  readonly ownEdits = new JiraOwnEdits(systemClock);

  constructor(client: TrackerHttpClient, dialect: JiraDialect) {
    this.#client = client;
    this.#dialect = dialect;
    this.batch = new JiraBatchOperations(client, dialect, { fieldsFor: (changes) => this.#fieldsFor(changes), readOne: (key) => this.getItem(key) });
  }

  async getItem(key: string): Promise<TrackerItem | undefined> {
    const api = this.#dialect.api;
    const issue = await this.#client.jsonIfFound(
      { path: `${api}/issue/${encodeURIComponent(key)}`, query: { expand: 'names,transitions' }, action: `read ${key}` },
      jiraIssueSchema,
    );
    if (issue === undefined) {
      this.#transitionsRead.forget(key);
      this.#itemsRead.forget(key);
      return undefined;
    }
    if (issue.transitions === undefined) this.#transitionsRead.forget(key);
    else this.#transitionsRead.remember(key, issue.transitions);
    // The issue carries its first page of comments; the rest are read page by page.
    let comments = issue.fields.comment?.comments ?? [];
    const total = issue.fields.comment?.total ?? comments.length;
    while (comments.length < total) {
      const page = await this.#client.json(
        {
          path: `${api}/issue/${encodeURIComponent(key)}/comment`,
          query: { startAt: comments.length, maxResults: commentPageSize },
          action: `read the comments of ${key}`,
        },
        jiraCommentPageSchema,
      );
      if (page.comments.length === 0) break;
      comments = [...comments, ...page.comments];
    }
    const item = readTrackerItem(this.#dialect, this.#client.baseUrl, issue, comments);
    this.#itemsRead.remember(key, item);
    return item;
  }

  async searchItems(trigger: TriggerConditions, page: { readonly cursor: string | null; readonly limit: number }): Promise<ItemSearchPage> {
    return this.#dialect.searchPage(this.#client, jqlOfTrigger(trigger), page.cursor, page.limit);
  }

  async listChangedSince(projectKey: string, since: string, page: { readonly cursor: string | null; readonly limit: number }): Promise<ItemSearchPage> {
    const instant = Date.parse(since);
    if (Number.isNaN(instant))
      throw new ExalateError('invalid_request', `"${since}" is not an ISO 8601 time; the reconciler asks for changes since such a time.`);
    // JQL reads dates in the searching user's time zone and to the minute: rounding down includes
    // the whole minute, so nothing changed at or after `since` is missed.
    const jql = `project = ${quoteJql(projectKey)} AND updated >= ${quoteJql(formatJqlInstant(instant, await this.#userTimeZone()))} ORDER BY updated ASC`;
    return this.#dialect.searchPage(this.#client, jql, page.cursor, page.limit);
  }

  async createItem(item: NewItem): Promise<{ readonly key: string }> {
    const fields = await this.#fieldsFor(item);
    const created = await this.#client.json(
      {
        method: 'POST',
        path: `${this.#dialect.api}/issue`,
        json: { fields: { ...fields, project: { key: item.projectKey }, issuetype: { name: item.type } } },
        action: `create a ${item.type} in ${item.projectKey}`,
      },
      jiraCreatedIssueSchema,
    );
    if (item.status !== undefined) await moveToStatus(this.#client, this.#dialect, created.key, item.status);
    return { key: created.key };
  }

  async updateItem(key: string, changes: ItemChanges): Promise<void> {
    this.#itemsRead.forget(key);
    const fields = await this.#fieldsFor(changes);
    if (Object.keys(fields).length > 0) {
      await this.#client.empty({
        method: 'PUT',
        path: `${this.#dialect.api}/issue/${encodeURIComponent(key)}`,
        json: { fields },
        action: `update ${key}`,
        messages: { 404: this.#missing(key) },
      });
    }
    if (changes.status !== undefined) {
      const offered = this.#transitionsRead.of(key);
      // Whatever happens, the issue's status is no longer the one those transitions start from.
      this.#transitionsRead.forget(key);
      await moveToStatus(this.#client, this.#dialect, key, changes.status, offered);
    }
  }

  /**
   * A summary or status edit right after a read of the issue: Jira answers edits and transitions
   * with 204 and no body, so the item as written is that read with the new value, and the webhook
   * of the edit is told by its changelog (ownEdits) rather than by a read. Any other change is
   * written as updateItem writes it and answered with null: the engine reads the item.
   */
  async updateItemReturningItem(key: string, changes: ItemChanges): Promise<TrackerItem | null> {
    const read = this.#itemsRead.of(key);
    const edit = read === undefined ? undefined : this.#oneFieldEdit(key, changes);
    if (read === undefined || edit === undefined) {
      await this.updateItem(key, changes);
      return null;
    }
    this.ownEdits.expect(key, new Map([[edit.field, edit.value]]), read.updated);
    try {
      await this.updateItem(key, changes);
    } catch (error) {
      this.ownEdits.forget(key);
      throw error;
    }
    return { ...read, [edit.field]: edit.value };
  }

  /**
   * The one field a change edits, with its value as Jira will hold it and its changelog will say it,
   * where that is known beforehand: a summary Jira keeps as sent, or a status one transition away
   * in the transitions read with the issue (its name as the workflow spells it). A change of
   * several fields is several webhooks (an edit and a transition), so it is read as before.
   */
  #oneFieldEdit(key: string, changes: ItemChanges): { readonly field: 'summary' | 'status'; readonly value: string } | undefined {
    const named = Object.entries(changes).filter(([, value]) => value !== undefined);
    if (named.length !== 1) return undefined;
    const [field, value] = named[0]!;
    if (field === 'summary' && typeof value === 'string' && keptAsWritten(value)) return { field, value };
    if (field !== 'status' || typeof value !== 'string') return undefined;
    const step = this.#transitionsRead.of(key)?.find((candidate) => candidate.to.name.toLowerCase() === value.trim().toLowerCase());
    return step === undefined ? undefined : { field, value: step.to.name };
  }

  async addComment(key: string, body: RichText): Promise<{ readonly id: string }> {
    const comment = await this.#client.json(
      {
        method: 'POST',
        path: `${this.#dialect.api}/issue/${encodeURIComponent(key)}/comment`,
        json: { body: await this.#text(body) },
        action: `comment on ${key}`,
        messages: { 404: this.#missing(key) },
      },
      jiraCommentSchema,
    );
    return { id: comment.id };
  }

  async updateComment(key: string, commentId: string, body: RichText): Promise<void> {
    await this.#client.json(
      {
        method: 'PUT',
        path: `${this.#dialect.api}/issue/${encodeURIComponent(key)}/comment/${encodeURIComponent(commentId)}`,
        json: { body: await this.#text(body) },
        action: `edit comment ${commentId} of ${key}`,
      },
      jiraCommentSchema,
    );
  }

  async findUserByEmail(email: string): Promise<TrackerUser | undefined> {
    const wanted = email.trim().toLowerCase();
    const users = await this.#client.json(
      {
        path: `${this.#dialect.api}/user/search`,
        query: { ...this.#dialect.userSearchQuery(wanted), maxResults: 10 },
        action: `look up the user with email ${email}`,
      },
      jiraUserListSchema,
    );
    const exact = users.find((user) => user.emailAddress?.toLowerCase() === wanted);
    if (exact !== undefined) return this.#dialect.readUser(exact);
    // Cloud hides emails by privacy setting but still matches on them: one match with a hidden email is that person.
    const hidden = users.filter((user) => user.emailAddress === undefined || user.emailAddress === null);
    return users.length === 1 && hidden.length === 1 ? { ...this.#dialect.readUser(hidden[0]!), email: wanted } : undefined;
  }

  downloadAttachment(_key: string, attachmentId: string): Promise<Uint8Array> {
    return this.#dialect.downloadAttachment(this.#client, attachmentId);
  }

  async uploadAttachment(
    key: string,
    file: { readonly filename: string; readonly mimeType: string; readonly content: Uint8Array },
  ): Promise<{ readonly id: string }> {
    const form = new FormData();
    form.append('file', new Blob([file.content as BlobPart], { type: file.mimeType }), file.filename);
    // Jira refuses multipart uploads without this header (its XSRF protection: "XSRF check failed").
    const attachments = await this.#client.json(
      {
        method: 'POST',
        path: `${this.#dialect.api}/issue/${encodeURIComponent(key)}/attachments`,
        body: form,
        headers: { 'X-Atlassian-Token': 'no-check' },
        action: `attach ${file.filename} to ${key}`,
        messages: { 404: this.#missing(key) },
      },
      jiraAttachmentListSchema,
    );
    const attachment = attachments[0];
    if (attachment === undefined)
      throw new ExalateError(
        'internal',
        `${this.#dialect.trackerName} at ${this.#client.baseUrl} accepted ${file.filename} for ${key} but reported no attachment.`,
      );
    return { id: attachment.id };
  }

  /** Issue fields for what changes, with people and custom fields resolved to what Jira takes. */
  async #fieldsFor(changes: ItemChanges): Promise<Record<string, unknown>> {
    const fields: Record<string, unknown> = {};
    if (changes.summary !== undefined) fields['summary'] = changes.summary;
    if (changes.description !== undefined) fields['description'] = await this.#text(changes.description);
    if (changes.priority !== undefined) fields['priority'] = changes.priority === null ? null : { name: changes.priority };
    if (changes.labels !== undefined) fields['labels'] = changes.labels.map((label) => label.replace(/\s+/g, '_'));
    if (changes.parentKey !== undefined) fields['parent'] = changes.parentKey === null ? null : { key: changes.parentKey };
    if (changes.assigneeEmail !== undefined)
      fields['assignee'] = changes.assigneeEmail === null ? null : this.#dialect.userReference(await this.#requireUser(changes.assigneeEmail));
    if (changes.customFields !== undefined) {
      const ids = await this.#customFieldIds();
      for (const [name, value] of Object.entries(changes.customFields)) {
        const id = ids.get(name.toLowerCase()) ?? (name.startsWith('customfield_') ? name : undefined);
        if (id === undefined)
          throw new ExalateError(
            'invalid_request',
            `${this.#dialect.trackerName} at ${this.#client.baseUrl} has no field named "${name}". Create it in Jira, or change the incoming script to use one of its fields.`,
            { details: { tracker: this.#dialect.tracker, field: name } },
          );
        fields[id] = value;
      }
    }
    return fields;
  }

  async #requireUser(email: string): Promise<TrackerUser> {
    const user = await this.findUserByEmail(email);
    if (user === undefined)
      throw new ExalateError(
        'invalid_request',
        `${this.#dialect.trackerName} at ${this.#client.baseUrl} has no user with the email ${email} (or cannot show it to the node's account). Invite the person, or change the incoming script to assign someone who exists.`,
        { details: { tracker: this.#dialect.tracker, email } },
      );
    return user;
  }

  /** Rich text as Jira takes it, with mentions of people found by email. */
  async #text(document: RichText): Promise<unknown> {
    const mentions = new Map<string, TrackerUser>();
    for (const email of mentionedEmails(document)) {
      const user = await this.findUserByEmail(email);
      if (user !== undefined) mentions.set(email.toLowerCase(), user);
    }
    return this.#dialect.writeText(document, mentions satisfies MentionDirectory);
  }

  #customFieldIds(): Promise<ReadonlyMap<string, string>> {
    this.#fieldIds ??= this.#client
      .json({ path: `${this.#dialect.api}/field`, action: 'list the fields' }, jiraFieldListSchema)
      .then((fields) => new Map(fields.map((field) => [field.name.toLowerCase(), field.id])))
      .catch((error: unknown) => {
        this.#fieldIds = undefined;
        throw error;
      });
    return this.#fieldIds;
  }

  #userTimeZone(): Promise<string> {
    this.#timeZone ??= this.#client
      .json({ path: `${this.#dialect.api}/myself`, action: "read the time zone of the node's account" }, jiraMyselfSchema)
      .then((myself) => myself.timeZone ?? 'UTC')
      .catch((error: unknown) => {
        this.#timeZone = undefined;
        throw error;
      });
    return this.#timeZone;
  }

  #missing(key: string): string {
    return `${this.#dialect.trackerName} at ${this.#client.baseUrl} has no issue ${key}, or the node's account cannot see it. It may have been deleted or moved to another project.`;
  }
}

/** A summary Jira keeps exactly as sent: nothing to trim, no line breaks, within its 255 characters. */
function keptAsWritten(summary: string): boolean {
  return summary.length > 0 && summary.length <= 255 && summary === summary.trim() && !/[\r\n\t]/.test(summary);
}

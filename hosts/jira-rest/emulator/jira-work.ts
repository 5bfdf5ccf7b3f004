import {
  jiraWorkSnapshotSchema,
  type JiraAttachmentRecord,
  type JiraCommentRecord,
  type JiraIssueRecord,
  type JiraTransitionRecord,
  type JiraUserRecord,
  type JiraWebhookRecord,
  type JiraWorkSnapshot,
} from './jira-work-records';

/** One changed field, as Jira's changelog items report it (`field`, `fromString`, `toString`). */
export interface JiraChangeItem {
  readonly field: string;
  readonly fieldId: string;
  readonly from: string | null;
  readonly fromString: string | null;
  readonly to: string | null;
  readonly toString: string | null;
}

export type JiraWorkEvent =
  | { readonly kind: 'issue_created'; readonly issue: JiraIssueRecord; readonly actorId: string }
  | {
      readonly kind: 'issue_updated';
      readonly issue: JiraIssueRecord;
      readonly actorId: string;
      readonly changes: readonly JiraChangeItem[];
      readonly eventTypeName: 'issue_updated' | 'issue_generic' | 'issue_commented' | 'issue_comment_edited';
    }
  | { readonly kind: 'comment_created' | 'comment_updated'; readonly issue: JiraIssueRecord; readonly comment: JiraCommentRecord; readonly actorId: string };

export type JiraIssueChanges = Partial<
  Pick<JiraIssueRecord, 'summary' | 'description' | 'issueTypeId' | 'priorityId' | 'labels' | 'assigneeId' | 'reporterId' | 'parentKey' | 'customFields'>
>;

export interface NewJiraIssue extends JiraIssueChanges {
  readonly projectKey: string;
  readonly issueTypeId: string;
  readonly summary: string;
}

/**
 * The work of one emulated Jira site: issues numbered PROJ-N per project, the workflow, comments,
 * attachments, people and webhooks. Every change stamps the issue's `updated` and the work's
 * `updatedAt` with the emulator's clock, and is told to the listeners (webhook deliveries).
 */
export class JiraWork {
  #snapshot: JiraWorkSnapshot;
  readonly #now: () => number;
  readonly #listeners: ((event: JiraWorkEvent) => void)[] = [];

  constructor(snapshot: JiraWorkSnapshot, now: () => number) {
    this.#snapshot = jiraWorkSnapshotSchema.parse(snapshot);
    this.#now = now;
  }

  get snapshot(): JiraWorkSnapshot {
    return this.#snapshot;
  }

  toJSON(): JiraWorkSnapshot {
    return structuredClone(this.#snapshot);
  }

  restore(snapshot: unknown): void {
    this.#snapshot = jiraWorkSnapshotSchema.parse(snapshot);
  }

  now(): number {
    return this.#now();
  }

  onChange(listener: (event: JiraWorkEvent) => void): void {
    this.#listeners.push(listener);
  }

  user(id: string | null): JiraUserRecord | undefined {
    return id === null ? undefined : this.#snapshot.users.find((user) => user.id === id || user.name === id);
  }

  issue(idOrKey: string): JiraIssueRecord | undefined {
    const wanted = idOrKey.toUpperCase();
    return this.#snapshot.issues.find((issue) => issue.id === idOrKey || issue.key === wanted);
  }

  countIssues(projectKey: string): number {
    return this.#snapshot.issues.filter((issue) => issue.projectKey === projectKey).length;
  }

  createIssue(input: NewJiraIssue, actorId: string): JiraIssueRecord {
    const now = this.#now();
    const counters = this.#snapshot.counters;
    const number = (counters.issueNumbers[input.projectKey] ?? 0) + 1;
    const issue: JiraIssueRecord = {
      id: String(counters.issueId + 1),
      key: `${input.projectKey}-${number}`,
      projectKey: input.projectKey,
      issueTypeId: input.issueTypeId,
      summary: input.summary,
      description: input.description ?? null,
      statusId: this.#snapshot.statuses.find((status) => status.category === 'new')?.id ?? this.#snapshot.statuses[0]!.id,
      // Jira's default priority scheme gives new issues Medium.
      priorityId: input.priorityId === undefined ? '3' : input.priorityId,
      labels: [...(input.labels ?? [])],
      assigneeId: input.assigneeId ?? null,
      reporterId: input.reporterId === undefined ? actorId : input.reporterId,
      creatorId: actorId,
      parentKey: input.parentKey ?? null,
      customFields: { ...input.customFields },
      created: now,
      updated: now,
      comments: [],
      attachments: [],
    };
    this.#snapshot = {
      ...this.#snapshot,
      issues: [...this.#snapshot.issues, issue],
      counters: { ...counters, issueId: counters.issueId + 1, issueNumbers: { ...counters.issueNumbers, [input.projectKey]: number } },
      updatedAt: now,
    };
    this.#emit({ kind: 'issue_created', issue, actorId });
    return issue;
  }

  updateIssue(issue: JiraIssueRecord, changes: JiraIssueChanges, actorId: string): JiraIssueRecord {
    const items: JiraChangeItem[] = [];
    for (const [field, value] of Object.entries(changes) as [keyof JiraIssueChanges, unknown][]) {
      if (field === 'customFields') {
        for (const [id, custom] of Object.entries(value as Record<string, unknown>)) {
          if (JSON.stringify(issue.customFields[id] ?? null) !== JSON.stringify(custom)) items.push(changeItem(id, issue.customFields[id], custom));
        }
      } else if (JSON.stringify(issue[field] ?? null) !== JSON.stringify(value ?? null)) {
        items.push(changeItem(field, issue[field], value));
      }
    }
    if (items.length === 0) return issue;
    const updated: JiraIssueRecord = { ...issue, ...changes, customFields: { ...issue.customFields, ...changes.customFields }, updated: this.#now() };
    this.#replace(updated);
    this.#emit({ kind: 'issue_updated', issue: updated, actorId, changes: items, eventTypeName: 'issue_updated' });
    return updated;
  }

  transitionsOf(issue: JiraIssueRecord): readonly JiraTransitionRecord[] {
    return this.#snapshot.transitions.filter((transition) => transition.fromStatusIds.includes(issue.statusId));
  }

  transition(issue: JiraIssueRecord, transition: JiraTransitionRecord, actorId: string): JiraIssueRecord {
    const status = (id: string) => this.#snapshot.statuses.find((candidate) => candidate.id === id)?.name ?? id;
    const updated: JiraIssueRecord = { ...issue, statusId: transition.toStatusId, updated: this.#now() };
    this.#replace(updated);
    this.#emit({
      kind: 'issue_updated',
      issue: updated,
      actorId,
      eventTypeName: 'issue_generic',
      changes: [
        {
          field: 'status',
          fieldId: 'status',
          from: issue.statusId,
          fromString: status(issue.statusId),
          to: transition.toStatusId,
          toString: status(transition.toStatusId),
        },
      ],
    });
    return updated;
  }

  addComment(issue: JiraIssueRecord, body: unknown, actorId: string): JiraCommentRecord {
    const now = this.#now();
    const comment: JiraCommentRecord = {
      id: String(this.#snapshot.counters.commentId + 1),
      authorId: actorId,
      updateAuthorId: actorId,
      body,
      created: now,
      updated: now,
    };
    const updated = { ...issue, comments: [...issue.comments, comment], updated: now };
    this.#snapshot = { ...this.#snapshot, counters: { ...this.#snapshot.counters, commentId: this.#snapshot.counters.commentId + 1 } };
    this.#replace(updated);
    this.#emit({ kind: 'comment_created', issue: updated, comment, actorId });
    this.#emit({ kind: 'issue_updated', issue: updated, actorId, changes: [], eventTypeName: 'issue_commented' });
    return comment;
  }

  updateComment(issue: JiraIssueRecord, comment: JiraCommentRecord, body: unknown, actorId: string): JiraCommentRecord {
    const now = this.#now();
    const edited: JiraCommentRecord = { ...comment, body, updateAuthorId: actorId, updated: now };
    const updated = { ...issue, comments: issue.comments.map((each) => (each.id === comment.id ? edited : each)), updated: now };
    this.#replace(updated);
    this.#emit({ kind: 'comment_updated', issue: updated, comment: edited, actorId });
    this.#emit({ kind: 'issue_updated', issue: updated, actorId, changes: [], eventTypeName: 'issue_comment_edited' });
    return edited;
  }

  addAttachment(
    issue: JiraIssueRecord,
    file: { readonly filename: string; readonly mimeType: string; readonly content: Uint8Array },
    actorId: string,
  ): JiraAttachmentRecord {
    const now = this.#now();
    const attachment: JiraAttachmentRecord = {
      id: String(this.#snapshot.counters.attachmentId + 1),
      filename: file.filename,
      mimeType: file.mimeType,
      size: file.content.byteLength,
      created: now,
      authorId: actorId,
      contentBase64: Buffer.from(file.content).toString('base64'),
    };
    this.#snapshot = { ...this.#snapshot, counters: { ...this.#snapshot.counters, attachmentId: this.#snapshot.counters.attachmentId + 1 } };
    const updated = { ...issue, attachments: [...issue.attachments, attachment], updated: now };
    this.#replace(updated);
    this.#emit({
      kind: 'issue_updated',
      issue: updated,
      actorId,
      eventTypeName: 'issue_updated',
      changes: [{ field: 'Attachment', fieldId: 'attachment', from: null, fromString: null, to: attachment.id, toString: attachment.filename }],
    });
    return attachment;
  }

  attachment(id: string): { readonly issue: JiraIssueRecord; readonly attachment: JiraAttachmentRecord } | undefined {
    for (const issue of this.#snapshot.issues) {
      const attachment = issue.attachments.find((candidate) => candidate.id === id);
      if (attachment !== undefined) return { issue, attachment };
    }
    return undefined;
  }

  registerWebhook(webhook: Omit<JiraWebhookRecord, 'id' | 'created'>): JiraWebhookRecord {
    const id = this.#snapshot.counters.webhookId + 1;
    const record: JiraWebhookRecord = { ...webhook, id, created: this.#now() };
    this.#snapshot = {
      ...this.#snapshot,
      webhooks: [...this.#snapshot.webhooks, record],
      counters: { ...this.#snapshot.counters, webhookId: id },
      updatedAt: this.#now(),
    };
    return record;
  }

  /** Moves the expiry of dynamic webhooks (PUT /rest/api/3/webhook/refresh). */
  refreshWebhooks(ids: readonly number[], expires: number): void {
    this.#snapshot = { ...this.#snapshot, webhooks: this.#snapshot.webhooks.map((webhook) => (ids.includes(webhook.id) ? { ...webhook, expires } : webhook)) };
  }

  removeWebhooks(ids: readonly number[]): void {
    this.#snapshot = { ...this.#snapshot, webhooks: this.#snapshot.webhooks.filter((webhook) => !ids.includes(webhook.id)) };
  }

  #replace(issue: JiraIssueRecord): void {
    this.#snapshot = { ...this.#snapshot, issues: this.#snapshot.issues.map((each) => (each.id === issue.id ? issue : each)), updatedAt: issue.updated };
  }

  #emit(event: JiraWorkEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}

function changeItem(field: string, from: unknown, to: unknown): JiraChangeItem {
  const text = (value: unknown): string | null => (value === null || value === undefined ? null : typeof value === 'string' ? value : JSON.stringify(value));
  return { field, fieldId: field, from: text(from), fromString: text(from), to: text(to), toString: text(to) };
}

import {
  ExalateError,
  itemMatchesTrigger,
  type ItemChanges,
  type ItemSearchPage,
  type NewItem,
  type RichText,
  type TrackerInstance,
  type TrackerItem,
  type TrackerItemOperations,
  type TrackerKind,
  type TrackerProject,
  type TrackerUser,
  type TrackerV1,
  type TriggerConditions,
} from '../../core';
import { trackerItem } from './tracker-item';

/**
 * A whole tracker in memory, implementing the full port, for engine tests where the tracker's
 * HTTP API is not what is under test (the adapters' contract suite covers that). It counts writes,
 * can fail the next calls like a throttled tracker, and stamps every change with a clock.
 */
export class MemoryTracker implements TrackerV1, TrackerItemOperations {
  readonly items = new Map<string, TrackerItem>();
  readonly writes: string[] = [];
  private counter = 0;
  private tick = 0;
  private failures: ExalateError[] = [];

  constructor(
    readonly kind: TrackerKind,
    private readonly projects: readonly TrackerProject[] = [{ key: 'SUP', name: 'Support' }],
    private readonly users: readonly TrackerUser[] = [{ email: 'alice@example.com', displayName: 'Alice Example', id: 'u-alice' }],
  ) {}

  /** The next `count` write calls fail with `error` (e.g. a 429 with Retry-After). */
  failNextWrites(count: number, error: ExalateError): void {
    this.failures = Array.from({ length: count }, () => error);
  }

  async describeInstance(): Promise<TrackerInstance> {
    return { tracker: this.kind, version: 'memory', url: `https://${this.kind}.example` };
  }

  async listProjects(): Promise<readonly TrackerProject[]> {
    return this.projects;
  }

  async getItem(key: string): Promise<TrackerItem | undefined> {
    return this.items.get(key);
  }

  /** The items the trigger's conditions match, as core matches a changed item against them. */
  async searchItems(trigger: TriggerConditions, page: { cursor: string | null; limit: number }): Promise<ItemSearchPage> {
    return this.page(
      [...this.items.values()].filter((item) => itemMatchesTrigger(item, trigger)).map((item) => item.key),
      page,
    );
  }

  async listChangedSince(projectKey: string, since: string, page: { cursor: string | null; limit: number }): Promise<ItemSearchPage> {
    return this.page(
      [...this.items.values()].filter((item) => item.projectKey === projectKey && item.updated >= since).map((item) => item.key),
      page,
    );
  }

  async createItem(input: NewItem): Promise<{ key: string }> {
    this.failIfAsked();
    const key = `${input.projectKey}-${++this.counter}`;
    this.items.set(
      key,
      this.apply(
        trackerItem({
          key,
          projectKey: input.projectKey,
          type: input.type,
          summary: input.summary,
          updated: this.stamp(),
          url: `https://tracker.example/${key}`,
        }),
        input,
      ),
    );
    this.writes.push(`create ${key}`);
    return { key };
  }

  async updateItem(key: string, changes: ItemChanges): Promise<void> {
    this.failIfAsked();
    this.items.set(key, this.apply(this.existing(key), changes));
    this.writes.push(`update ${key} ${Object.keys(changes).sort().join(',')}`);
  }

  async addComment(key: string, body: RichText): Promise<{ id: string }> {
    this.failIfAsked();
    const item = this.existing(key);
    const id = `c${++this.counter}`;
    const now = this.stamp();
    this.items.set(key, { ...item, comments: [...item.comments, { id, author: this.users[0] ?? null, body, created: now, updated: now }], updated: now });
    this.writes.push(`comment ${key}`);
    return { id };
  }

  async updateComment(key: string, commentId: string, body: RichText): Promise<void> {
    this.failIfAsked();
    const item = this.existing(key);
    this.items.set(key, {
      ...item,
      comments: item.comments.map((comment) => (comment.id === commentId ? { ...comment, body, updated: this.stamp() } : comment)),
      updated: this.stamp(),
    });
    this.writes.push(`comment-update ${key}`);
  }

  async findUserByEmail(email: string): Promise<TrackerUser | undefined> {
    return this.users.find((user) => user.email === email);
  }

  async downloadAttachment(): Promise<Uint8Array> {
    return new Uint8Array();
  }

  async uploadAttachment(): Promise<{ id: string }> {
    return { id: `a${++this.counter}` };
  }

  /** What a person does in the tracker's UI: no sync involved. */
  edit(key: string, changes: Partial<TrackerItem>): TrackerItem {
    const item = { ...this.existing(key), ...changes, updated: this.stamp() };
    this.items.set(key, item);
    return item;
  }

  private apply(item: TrackerItem, changes: ItemChanges): TrackerItem {
    return {
      ...item,
      ...(changes.summary !== undefined ? { summary: changes.summary } : {}),
      ...(changes.description !== undefined ? { description: changes.description } : {}),
      ...(changes.status !== undefined ? { status: changes.status } : {}),
      ...(changes.priority !== undefined ? { priority: changes.priority } : {}),
      ...(changes.labels !== undefined ? { labels: [...changes.labels] } : {}),
      ...(changes.parentKey !== undefined ? { parentKey: changes.parentKey } : {}),
      ...(changes.customFields !== undefined ? { customFields: { ...item.customFields, ...changes.customFields } } : {}),
      ...(changes.assigneeEmail !== undefined ? { assignee: this.users.find((user) => user.email === changes.assigneeEmail) ?? null } : {}),
      updated: this.stamp(),
    };
  }

  private existing(key: string): TrackerItem {
    const item = this.items.get(key);
    if (!item) throw new ExalateError('not_found', `no item ${key}`);
    return item;
  }

  private failIfAsked(): void {
    const failure = this.failures.shift();
    if (failure) throw failure;
  }

  /** Now, but always later than the previous stamp, so "changed since" comparisons are exact. */
  private stamp(): string {
    this.tick = Math.max(Date.now(), this.tick + 1);
    return new Date(this.tick).toISOString();
  }

  private page(keys: string[], page: { cursor: string | null; limit: number }): ItemSearchPage {
    const start = Number(page.cursor ?? 0);
    const slice = keys.slice(start, start + page.limit);
    return { keys: slice, nextCursor: start + page.limit < keys.length ? String(start + page.limit) : null };
  }
}

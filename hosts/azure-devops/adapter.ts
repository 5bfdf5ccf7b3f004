import {
  ExalateError,
  type ItemChanges,
  type ItemSearchPage,
  type NewItem,
  type RichText,
  type TrackerInstance,
  type TrackerItem,
  type TrackerBatchV1,
  type TrackerItemOperations,
  type TrackerProject,
  type TrackerProjectValues,
  type TrackerUser,
  type TrackerV1,
  type TriggerConditions,
} from '../../core';
import { richTextToHtml } from '../../core/rich-text/html';
import { AzureDevOpsClient, type AzureDevOpsClientOptions } from './azure-devops-client';
import {
  attachmentReferenceSchema,
  commentListSchema,
  commentSchema,
  connectionDataSchema,
  identityListSchema,
  projectListSchema,
  wiqlResultSchema,
  workItemSchema,
  type CommentResponse,
  type WorkItemResponse,
} from './azure-devops-responses';
import { readCollectionAdministratorMembership } from './collection-administrators';
import { registerServiceHooks, type ServiceHookRegistration } from './service-hook-registration';
import { WorkItemBatchOperations } from './work-item-batch';
import { WorkItemWriter } from './work-item-writer';
import { attachmentRelation, mayHaveComments, toTrackerItem } from './work-item-mapping';
import { patchForNewItem } from './work-item-patch';
import { wiqlOfTrigger, wiqlText } from './wiql-query';
import { readWorkItemTypeValues } from './work-item-type-values';

export type AzureDevOpsAdapterOptions = AzureDevOpsClientOptions;

/** The REST version the adapter is written against (Azure DevOps Services, Server 2022.1+). */
export const apiVersion = '7.1';
/** connectionData is a preview-only resource: asking for it without `-preview` is refused. */
const connectionDataApiVersion = '7.1-preview';
/** Work item comments are preview in 7.1 (the 7.1 document's `api-Version-preview.4`). */
export const commentsApiVersion = '7.1-preview.4';
/** 1,000 pages is past any real list: beyond that the service is answering in a loop. */
const maximumPages = 1000;

/** The Tracker port over Azure DevOps REST 7.1. Translation only. */
export class AzureDevOpsAdapter implements TrackerV1, TrackerItemOperations {
  readonly kind = 'azure-devops' as const;
  readonly #client: AzureDevOpsClient;
  readonly #writer: WorkItemWriter;
  /** Reads of 200 work items a call (`workitemsbatch`); creations answered with the work item as written. */
  readonly batch: TrackerBatchV1;

  constructor(options: AzureDevOpsAdapterOptions) {
    this.#client = new AzureDevOpsClient(options);
    this.#writer = new WorkItemWriter(this.#client);
    this.batch = new WorkItemBatchOperations(this.#client, apiVersion, {
      searchKeys: (trigger, page) => this.searchItems(trigger, page),
      createOne: (item) => this.#create(item),
      readComments: (project, key) => this.#readComments(project, key),
      rememberProject: (key, project) => this.#writer.rememberProject(key, project),
    });
  }

  /**
   * Azure DevOps publishes no product version over REST; connectionData's deploymentType tells
   * Services (`hosted`) from Server (`onPremises`), and calling it proves the token works.
   */
  async describeInstance(): Promise<TrackerInstance> {
    const answer = await this.#client.json({ path: '/_apis/connectionData', apiVersion: connectionDataApiVersion }, connectionDataSchema);
    const version = answer.value.deploymentType === 'onPremises' ? 'Azure DevOps Server' : 'Azure DevOps Services';
    return { tracker: 'azure-devops', version, url: this.#client.organizationUrl };
  }

  /** Every well-formed project of the organization, keyed by name as work item paths are. */
  async listProjects(): Promise<readonly TrackerProject[]> {
    const projects: TrackerProject[] = [];
    let continuationToken: string | undefined;
    for (let pageNumber = 0; pageNumber < maximumPages; pageNumber += 1) {
      const answer = await this.#client.json({ path: '/_apis/projects', apiVersion, query: { continuationToken } }, projectListSchema);
      projects.push(...answer.value.value.map((project) => ({ key: project.name, name: project.name })));
      // The next page is announced only in the x-ms-continuationtoken header.
      if (answer.continuationToken === undefined || answer.continuationToken === '') return projects;
      continuationToken = answer.continuationToken;
    }
    throw new ExalateError(
      'internal',
      `Azure DevOps at ${this.#client.organizationUrl} kept returning more project pages after ${maximumPages}; the node stopped listing. Report this with the organization URL.`,
      { details: { tracker: 'azure-devops' } },
    );
  }

  /** The project's work item types, their states, and the four priorities every process has. */
  readProjectValues(projectKey: string): Promise<TrackerProjectValues> {
    return readWorkItemTypeValues(this.#client, apiVersion, projectKey);
  }

  async getItem(key: string): Promise<TrackerItem | undefined> {
    if (!/^\d+$/.test(key)) return undefined;
    const answer = await this.#client.jsonIfFound(
      { path: `/_apis/wit/workitems/${key}`, apiVersion, query: { $expand: 'all' }, action: `read work item ${key}` },
      workItemSchema,
    );
    if (answer === undefined) return undefined;
    const project = String(answer.value.fields['System.TeamProject'] ?? '');
    this.#writer.rememberProject(key, project);
    return this.#withComments(answer.value);
  }

  /** The work item and its comments; most work items have none, and then the comments are not asked for. */
  async #withComments(workItem: WorkItemResponse): Promise<TrackerItem> {
    const key = String(workItem.id);
    const project = String(workItem.fields['System.TeamProject'] ?? '');
    const comments = mayHaveComments(workItem) ? await this.#readComments(project, key) : [];
    return toTrackerItem(this.#client.organizationUrl, workItem, comments);
  }

  /** Comments need the project in the path; they come 200 to a page, oldest id first once sorted. */
  async #readComments(project: string, key: string): Promise<CommentResponse[]> {
    const comments: CommentResponse[] = [];
    let continuationToken: string | undefined;
    for (let pageNumber = 0; pageNumber < maximumPages; pageNumber += 1) {
      const answer = await this.#client.json(
        {
          path: `/${encodeURIComponent(project)}/_apis/wit/workItems/${key}/comments`,
          apiVersion: commentsApiVersion,
          query: { continuationToken },
          action: `read the comments of work item ${key}`,
        },
        commentListSchema,
      );
      comments.push(...answer.value.comments);
      continuationToken = answer.value.continuationToken ?? undefined;
      if (continuationToken === undefined || continuationToken === '') return comments;
    }
    return comments;
  }

  async searchItems(trigger: TriggerConditions, page: { readonly cursor: string | null; readonly limit: number }): Promise<ItemSearchPage> {
    return this.#queryPage(wiqlOfTrigger(trigger), page, false);
  }

  async listChangedSince(projectKey: string, since: string, page: { readonly cursor: string | null; readonly limit: number }): Promise<ItemSearchPage> {
    // WIQL compares dates by day unless timePrecision=true, and refuses a time without it (VS402356).
    return this.#queryPage(`[System.TeamProject] = ${wiqlText(projectKey)} AND [System.ChangedDate] >= ${wiqlText(new Date(since).toISOString())}`, page, true);
  }

  /**
   * Keyset pages over WIQL, which has no cursor of its own: ordered by id (creation order, so
   * oldest first), each page asks for ids above the last one seen, one more than the limit to
   * learn whether another page follows. The answer holds ids only; no batch read is needed.
   */
  async #queryPage(conditions: string, page: { readonly cursor: string | null; readonly limit: number }, timePrecision: boolean): Promise<ItemSearchPage> {
    const after = page.cursor === null ? [] : [`[System.Id] > ${Number(page.cursor)}`];
    const where = [conditions, ...after].filter((part) => part !== '').join(' AND ');
    const query = `SELECT [System.Id] FROM WorkItems${where === '' ? '' : ` WHERE ${where}`} ORDER BY [System.Id] ASC`;
    const limit = Math.max(1, page.limit);
    const answer = await this.#client.json(
      {
        method: 'POST',
        path: '/_apis/wit/wiql',
        apiVersion,
        idempotent: true,
        json: { query },
        query: { $top: limit + 1, ...(timePrecision ? { timePrecision: true } : {}) },
        action: 'query work items with WIQL',
      },
      wiqlResultSchema,
    );
    const ids = answer.value.workItems.map((item) => item.id);
    const keys = ids.slice(0, limit).map(String);
    return { keys, nextCursor: ids.length > limit ? (keys[keys.length - 1] ?? null) : null };
  }

  async createItem(item: NewItem): Promise<{ readonly key: string }> {
    return { key: String((await this.#create(item)).id) };
  }

  /** The work item as the service answers the creation: every field as written. */
  async #create(item: NewItem): Promise<WorkItemResponse> {
    const answer = await this.#client.json(
      {
        method: 'POST',
        path: `/${encodeURIComponent(item.projectKey)}/_apis/wit/workitems/$${encodeURIComponent(item.type)}`,
        apiVersion,
        body: JSON.stringify(patchForNewItem(this.#client.organizationUrl, item)),
        headers: { 'Content-Type': 'application/json-patch+json' },
        action: `create a ${item.type} in ${item.projectKey}`,
      },
      workItemSchema,
    );
    this.#writer.rememberProject(String(answer.value.id), item.projectKey);
    return answer.value;
  }

  async updateItem(key: string, changes: ItemChanges): Promise<void> {
    await this.#writer.update(key, changes);
  }

  /**
   * Writes like updateItem and answers with the item as written, as getItem would read it then:
   * Azure DevOps answers the PATCH with the work item, so only its comments may need a call. Null
   * when there was nothing to write (the item is as it was).
   */
  async updateItemReturningItem(key: string, changes: ItemChanges): Promise<TrackerItem | null> {
    const written = await this.#writer.update(key, changes);
    return written === undefined ? null : this.#withComments(written);
  }

  async addComment(key: string, body: RichText): Promise<{ readonly id: string }> {
    const comment = await this.#writer.inProject(key, (project) =>
      this.#client.json(
        {
          method: 'POST',
          path: `/${encodeURIComponent(project)}/_apis/wit/workItems/${key}/comments`,
          apiVersion: commentsApiVersion,
          json: { text: richTextToHtml(body) },
          action: `comment on work item ${key}`,
        },
        commentSchema,
      ),
    );
    return { id: String(comment.value.id) };
  }

  async updateComment(key: string, commentId: string, body: RichText): Promise<void> {
    await this.#writer.inProject(key, (project) =>
      this.#client.json(
        {
          method: 'PATCH',
          path: `/${encodeURIComponent(project)}/_apis/wit/workItems/${key}/comments/${encodeURIComponent(commentId)}`,
          apiVersion: commentsApiVersion,
          // Setting the same text twice leaves the same comment: repeating this PATCH is harmless.
          json: { text: richTextToHtml(body) },
          idempotent: true,
          action: `edit comment ${commentId} of work item ${key}`,
        },
        commentSchema,
      ),
    );
  }

  /** Identities searched by email (`searchFilter=General` matches sign-in address and mail). */
  async findUserByEmail(email: string): Promise<TrackerUser | undefined> {
    const wanted = email.trim().toLowerCase();
    const answer = await this.#client.identities(
      {
        path: '/_apis/identities',
        apiVersion,
        query: { searchFilter: 'General', filterValue: wanted, queryMembership: 'None' },
        action: 'look up a user by email',
      },
      identityListSchema,
    );
    for (const identity of answer.value) {
      const address = [identity.properties?.Mail?.$value, identity.properties?.Account?.$value].find(
        (value): value is string => typeof value === 'string' && value.toLowerCase() === wanted,
      );
      if (address === undefined || identity.isContainer === true) continue;
      return { email: address, displayName: identity.customDisplayName ?? identity.providerDisplayName ?? address, id: identity.id };
    }
    return undefined;
  }

  /** Whether Azure DevOps says this user administers the organization (see collection-administrators.ts). */
  async isCollectionAdministrator(userId: string): Promise<boolean> {
    return readCollectionAdministratorMembership(this.#client, userId);
  }

  async downloadAttachment(_key: string, attachmentId: string): Promise<Uint8Array> {
    return this.#client.bytes({
      path: `/_apis/wit/attachments/${encodeURIComponent(attachmentId)}`,
      apiVersion,
      action: `download attachment ${attachmentId}`,
    });
  }

  /** Upload the bytes (an AttachmentReference comes back), then link them with an AttachedFile relation. */
  async uploadAttachment(
    key: string,
    file: { readonly filename: string; readonly mimeType: string; readonly content: Uint8Array },
  ): Promise<{ readonly id: string }> {
    const reference = await this.#writer.inProject(key, (project) =>
      this.#client.json(
        {
          method: 'POST',
          path: `/${encodeURIComponent(project)}/_apis/wit/attachments`,
          apiVersion,
          query: { fileName: file.filename },
          // A copy typed as ArrayBuffer-backed, which BodyInit requires.
          body: file.content.slice(),
          headers: { 'Content-Type': 'application/octet-stream' },
          action: `upload ${file.filename} to work item ${key}`,
        },
        attachmentReferenceSchema,
      ),
    );
    await this.#writer.link(key, { rel: attachmentRelation, url: reference.value.url, attributes: { comment: '' } });
    return { id: reference.value.id };
  }

  /**
   * Service hooks for `workitem.created`, `workitem.updated` and `workitem.commented`, posted to
   * `callbackUrl` with `secret` as the basic-auth password (read back by change-intake.ts).
   */
  async registerChangeHook(callbackUrl: string, secret: string, options: { readonly projectId?: string } = {}): Promise<ServiceHookRegistration> {
    return registerServiceHooks(this.#client, callbackUrl, secret, options);
  }
}

import { ExalateError, type ItemChanges } from '../../core';
import type { AzureDevOpsAnswer, AzureDevOpsClient } from './azure-devops-client';
import { workItemSchema, type WorkItemResponse } from './azure-devops-responses';
import { currentStateNeededBy, patchForChanges, type CurrentStateNeeded, type PatchOperation } from './work-item-patch';

const apiVersion = '7.1';
/** Work items rarely move between projects; a few thousand names cost little memory. */
const rememberedProjects = 5000;

/**
 * Writes to one work item. A patch built from what the item holds (a clear, a parent change) is
 * written with optimistic concurrency: it starts with `{ op: 'test', path: '/rev', value: <rev read> }`,
 * which Azure DevOps refuses with 412 (TF26071) when someone changed the item meanwhile. Then the
 * item is read again, the patch rebuilt against what is there now, and sent once more; a second
 * refusal is reported as a conflict. A patch that only sets values would be rebuilt the same, so it
 * is sent without a read (one call instead of two) and without the test.
 */
export class WorkItemWriter {
  readonly #client: AzureDevOpsClient;
  readonly #projects = new Map<string, string>();

  constructor(client: AzureDevOpsClient) {
    this.#client = client;
  }

  rememberProject(key: string, project: string): void {
    this.#projects.delete(key);
    this.#projects.set(key, project);
    if (this.#projects.size > rememberedProjects) this.#projects.delete(this.#projects.keys().next().value ?? '');
  }

  /** The work item as the service answers the write (`$expand=all`), or undefined when there was nothing to write. */
  async update(key: string, changes: ItemChanges): Promise<WorkItemResponse | undefined> {
    const needed = currentStateNeededBy(changes);
    return this.#patch(key, changes.status, needed, (current) => patchForChanges(this.#client.organizationUrl, current, changes));
  }

  async link(key: string, relation: { readonly rel: string; readonly url: string; readonly attributes: Readonly<Record<string, unknown>> }): Promise<void> {
    // `/relations/-` appends whatever links the item has.
    await this.#patch(key, undefined, 'nothing', () => [{ op: 'add', path: '/relations/-', value: relation }]);
  }

  /**
   * Runs a call that needs the work item's project in its path (comments, attachments). A work item
   * moved to another project since it was remembered answers 404 there: look it up and try once more.
   */
  async inProject<T>(key: string, call: (project: string) => Promise<T>): Promise<T> {
    const remembered = this.#projects.get(key);
    try {
      return await call(remembered ?? (await this.#readProject(key)));
    } catch (error) {
      if (remembered === undefined || !ExalateError.isInstance(error) || error.code !== 'not_found') throw error;
      return call(await this.#readProject(key));
    }
  }

  async #readProject(key: string): Promise<string> {
    const current = await this.#read(key, { fields: 'System.TeamProject' });
    const project = String(current.fields['System.TeamProject'] ?? '');
    this.rememberProject(key, project);
    return project;
  }

  async #read(key: string, query: Readonly<Record<string, string>>): Promise<WorkItemResponse> {
    requireWorkItemKey(key);
    const answer = await this.#client.json({ path: `/_apis/wit/workitems/${key}`, apiVersion, query, action: `read work item ${key}` }, workItemSchema);
    return answer.value;
  }

  async #patch(
    key: string,
    status: string | undefined,
    needed: CurrentStateNeeded,
    build: (current: WorkItemResponse | undefined) => PatchOperation[],
  ): Promise<WorkItemResponse | undefined> {
    requireWorkItemKey(key);
    if (needed === 'nothing') {
      const operations = build(undefined);
      if (operations.length === 0) return undefined;
      try {
        return (await this.#send(key, operations)).value;
      } catch (error) {
        if (!ExalateError.isInstance(error) || !isStateRefusal(error, status)) throw error;
        // Only a refusal names the type, so only a refusal reads it.
        throw explainStateRefusal(error, key, status, await this.#readType(key));
      }
    }
    return this.#patchWithRevision(key, status, needed === 'relations' ? { $expand: 'relations' } : {}, build);
  }

  async #readType(key: string): Promise<string> {
    try {
      return String((await this.#read(key, { fields: 'System.WorkItemType' })).fields['System.WorkItemType'] ?? 'work item');
    } catch {
      return 'work item';
    }
  }

  async #patchWithRevision(
    key: string,
    status: string | undefined,
    readQuery: Readonly<Record<string, string>>,
    build: (current: WorkItemResponse) => PatchOperation[],
  ): Promise<WorkItemResponse | undefined> {
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.#read(key, readQuery);
      const operations = build(current);
      if (operations.length === 0) return undefined;
      try {
        return (await this.#send(key, [{ op: 'test', path: '/rev', value: current.rev }, ...operations])).value;
      } catch (error) {
        if (!ExalateError.isInstance(error)) throw error;
        if (error.code === 'conflict' && attempt < 2) continue;
        if (error.code === 'conflict') {
          throw new ExalateError(
            'conflict',
            `Work item ${key} kept changing while the node wrote to it (Azure DevOps refused revision ${current.rev} twice). The node tries again later; if it keeps happening, look for an automation that edits the item continuously.`,
            { cause: error, isRetryable: true, details: { tracker: 'azure-devops', key, revision: current.rev } },
          );
        }
        throw explainStateRefusal(error, key, status, String(current.fields['System.WorkItemType'] ?? 'work item'));
      }
    }
  }

  async #send(key: string, operations: readonly PatchOperation[]): Promise<AzureDevOpsAnswer<WorkItemResponse>> {
    return this.#client.json(
      {
        method: 'PATCH',
        path: `/_apis/wit/workitems/${key}`,
        apiVersion,
        // The answer is the work item as written; with every part, it can stand for the read after.
        query: { $expand: 'all' },
        body: JSON.stringify(operations),
        headers: { 'Content-Type': 'application/json-patch+json' },
        action: `update work item ${key}`,
      },
      workItemSchema,
    );
  }
}

function requireWorkItemKey(key: string): void {
  if (!/^\d+$/.test(key))
    throw new ExalateError('not_found', `Azure DevOps has no work item "${key}": work item keys are numbers.`, { details: { tracker: 'azure-devops', key } });
}

/** A rule error on System.State means the type has no such state. */
function isStateRefusal(error: ExalateError, status: string | undefined): boolean {
  return status !== undefined && error.code === 'invalid_request' && /field State\b/i.test(String(error.details?.['trackerMessage'] ?? ''));
}

/** Says which status the type cannot reach and what to do. */
function explainStateRefusal(error: ExalateError, key: string, status: string | undefined, type: string): ExalateError {
  const said = String(error.details?.['trackerMessage'] ?? '');
  if (!isStateRefusal(error, status)) return error;
  return new ExalateError(
    'invalid_request',
    `Azure DevOps refused to move ${type} ${key} to the state "${status}", which its process does not allow. Map the status to one of the ${type}'s states in the incoming script (for example a status map with a fallback). Azure DevOps said: "${said}"`,
    { cause: error, details: { ...error.details, status } },
  );
}

import { ExalateError, type ItemChanges } from '../../core';
import type { AzureDevOpsAnswer, AzureDevOpsClient } from './azure-devops-client';
import { workItemSchema, type WorkItemResponse } from './azure-devops-responses';
import { patchForChanges, type PatchOperation } from './work-item-patch';

const apiVersion = '7.1';
/** Work items rarely move between projects; a few thousand names cost little memory. */
const rememberedProjects = 5000;

/**
 * Writes to one work item with optimistic concurrency: every JSON Patch starts with
 * `{ op: 'test', path: '/rev', value: <rev read> }`, which Azure DevOps refuses with 412 (TF26071)
 * when someone changed the item meanwhile. Then the item is read again, the patch rebuilt against
 * what is there now, and sent once more; a second refusal is reported as a conflict.
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

  async update(key: string, changes: ItemChanges): Promise<void> {
    await this.#patchWithRevision(key, changes.status, (current) => patchForChanges(this.#client.organizationUrl, current, changes));
  }

  async link(key: string, relation: { readonly rel: string; readonly url: string; readonly attributes: Readonly<Record<string, unknown>> }): Promise<void> {
    await this.#patchWithRevision(key, undefined, () => [{ op: 'add', path: '/relations/-', value: relation }]);
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
    if (!/^\d+$/.test(key))
      throw new ExalateError('not_found', `Azure DevOps has no work item "${key}": work item keys are numbers.`, { details: { tracker: 'azure-devops', key } });
    const answer = await this.#client.json({ path: `/_apis/wit/workitems/${key}`, apiVersion, query, action: `read work item ${key}` }, workItemSchema);
    return answer.value;
  }

  async #patchWithRevision(key: string, status: string | undefined, build: (current: WorkItemResponse) => PatchOperation[]): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.#read(key, { $expand: 'relations' });
      const operations = build(current);
      if (operations.length === 0) return;
      try {
        await this.#send(key, [{ op: 'test', path: '/rev', value: current.rev }, ...operations]);
        return;
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
        body: JSON.stringify(operations),
        headers: { 'Content-Type': 'application/json-patch+json' },
        action: `update work item ${key}`,
      },
      workItemSchema,
    );
  }
}

/** A rule error on System.State means the type has no such state: say which status and what to do. */
function explainStateRefusal(error: ExalateError, key: string, status: string | undefined, type: string): ExalateError {
  const said = String(error.details?.['trackerMessage'] ?? '');
  if (status === undefined || error.code !== 'invalid_request' || !/field State\b/i.test(said)) return error;
  return new ExalateError(
    'invalid_request',
    `Azure DevOps refused to move ${type} ${key} to the state "${status}", which its process does not allow. Map the status to one of the ${type}'s states in the incoming script (for example a status map with a fallback). Azure DevOps said: "${said}"`,
    { cause: error, details: { ...error.details, status } },
  );
}

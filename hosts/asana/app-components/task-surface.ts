import { z } from 'zod';
import { maximumConnectionPageSize, type Result } from '../../../core';
import type { AdminCalls } from './admin-calls';

/** ARCHITECTURE §8's `GET /items/{issueKey}`: one twin of the task, as every item surface reads it. */
const taskTwinSchema = z.looseObject({
  connectionId: z.string(),
  connectionName: z.string(),
  remoteKey: z.string().nullable(),
  remoteUrl: z.string().nullable(),
  status: z.enum(['queued', 'in_progress', 'synchronized', 'error']),
  lastSyncedAt: z.string().nullable(),
  error: z.looseObject({ message: z.string(), errorId: z.string() }).nullable(),
});
export type TaskTwin = z.infer<typeof taskTwinSchema>;

const itemAnswerSchema = z.looseObject({ itemKey: z.string(), twins: z.array(taskTwinSchema) });
const exalateOptionsSchema = z.looseObject({
  connections: z.array(z.looseObject({ connectionId: z.string(), connectionName: z.string() })),
  reason: z.string().nullable(),
});
export type ExalateChoices = z.infer<typeof exalateOptionsSchema>;
const connectionsSchema = z.array(z.looseObject({ id: z.string(), name: z.string(), status: z.string(), projectKey: z.string() }));
export type ConnectionSummary = z.infer<typeof connectionsSchema>[number];
const anyAnswer = z.unknown();

/**
 * What the Asana app server asks of the node about one task, through the admin operations the
 * other item surfaces use: its twins, what it can be exalated with, and the actions.
 */
export class TaskSurface {
  readonly #admin: AdminCalls;

  constructor(admin: AdminCalls) {
    this.#admin = admin;
  }

  async twins(taskGid: string): Promise<Result<readonly TaskTwin[]>> {
    const item = await this.#admin.call('GET', '/items/{issueKey}', { params: { issueKey: taskGid } }, itemAnswerSchema);
    return item.ok ? { ok: true, value: item.value.twins } : item;
  }

  exalateChoices(taskGid: string): Promise<Result<ExalateChoices>> {
    return this.#admin.call('GET', '/items/{issueKey}/exalate-options', { params: { issueKey: taskGid } }, exalateOptionsSchema);
  }

  /** Active connections, the first page of the Connections tab at its largest (500), the choices of a rule. */
  async activeConnections(): Promise<Result<readonly ConnectionSummary[]>> {
    const listed = await this.#admin.call('GET', '/connections', { query: { limit: String(maximumConnectionPageSize) } }, connectionsSchema);
    return listed.ok ? { ok: true, value: listed.value.filter((connection) => connection.status === 'active') } : listed;
  }

  /** One connection's name, or not_found once it is deleted. */
  connection(connectionId: string): Promise<Result<ConnectionSummary>> {
    return this.#admin.call('GET', '/connections/{id}', { params: { id: connectionId } }, connectionsSchema.element);
  }

  exalate(connectionId: string, taskGid: string): Promise<Result<unknown>> {
    return this.#admin.call('POST', '/connections/{id}/sync', { params: { id: connectionId }, body: { issueKey: taskGid } }, anyAnswer);
  }

  connect(connectionId: string, taskGid: string, remoteKey: string): Promise<Result<unknown>> {
    return this.#admin.call('POST', '/connections/{id}/twins', { params: { id: connectionId }, body: { localKey: taskGid, remoteKey } }, anyAnswer);
  }

  unexalate(connectionId: string, taskGid: string): Promise<Result<unknown>> {
    return this.#admin.call('DELETE', '/connections/{id}/twins/{issueKey}', { params: { id: connectionId, issueKey: taskGid } }, anyAnswer);
  }
}

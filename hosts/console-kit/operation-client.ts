import { z } from 'zod';
import {
  acceptAnswerSchema,
  checkAnswerSchema,
  connectionAnswerSchema,
  connectionListAnswerSchema,
  destinationAnswerSchema,
  initiateAnswerSchema,
  instanceAnswerSchema,
  invitationAnswerSchema,
  invitationPreviewAnswerSchema,
  projectsAnswerSchema,
} from './admin-answers';
import type { ConsoleConnection, CheckAnswer, InstanceAnswer, InvitationAnswer } from './admin-answers';
import type { AdminFailure } from './admin-failure';
import {
  err,
  ok,
  type AcceptRequest,
  type DestinationDescription,
  type InitiateRequest,
  type Result,
  type TrackerProject,
  type WizardInvitationPreview,
} from './browser-core';
import {
  bulkSyncProgressAnswerSchema,
  bulkSyncStartAnswerSchema,
  deletedAnswerSchema,
  queueAnswerSchema,
  retryAnswerSchema,
  rulesAnswerSchema,
  syncErrorListAnswerSchema,
  syncNowAnswerSchema,
  testRunAnswerSchema,
  triggerAnswerSchema,
  triggerListAnswerSchema,
  type BulkSyncProgressAnswer,
  type QueueAnswer,
  type RulesAnswer,
  type SyncErrorAnswer,
  type TriggerAnswer,
} from './sync-answers';
import { listEveryConnection } from './connection-pages';
import {
  connectAnswerSchema,
  exalateOptionsAnswerSchema,
  itemSurfaceAnswerSchema,
  replicasAnswerSchema,
  unexalateAnswerSchema,
  type ExalateOptionsAnswer,
  type ItemSurfaceAnswer,
  type ReplicasAnswer,
} from './item-surface-answers';
import {
  visualDecisionAnswerSchema,
  visualDraftAnswerSchema,
  visualMappingAnswerSchema,
  visualProposalAnswerSchema,
  type MappingViewAnswer,
  type VisualDecisionAnswer,
  type VisualDraftAnswer,
  type VisualMappingAnswer,
  type VisualProposalAnswer,
} from './visual-mapping-answers';

/** An admin operation as core's table names it (`resolverKey`: `${method} ${path}`) and its inputs. */
export interface OperationCall {
  readonly key: string;
  readonly params: Readonly<Record<string, string>>;
  readonly body?: unknown;
  /** The URL's query over HTTP; passed beside params and body through invoke. */
  readonly query?: Readonly<Record<string, string>>;
}

/**
 * How a console reaches the admin API: Forge `invoke` (the key is the resolver key) or the node's
 * HTTP API (the key is split into method and path). It answers the operation's value, or the
 * failure as the API worded it.
 */
export type OperationTransport = (call: OperationCall) => Promise<Result<unknown, AdminFailure>>;

/**
 * The admin API as every console uses it (core/admin/admin-operations.ts and sync-operations.ts),
 * one client over any transport: the node's HTTP API, Forge `invoke`, or the Azure DevOps hub's
 * HTTP calls with its app token.
 */
export interface ConsoleClient {
  describeInstance(): Promise<Result<InstanceAnswer, AdminFailure>>;
  listProjects(): Promise<Result<readonly TrackerProject[], AdminFailure>>;
  inspectDestination(url: string): Promise<Result<DestinationDescription, AdminFailure>>;
  previewInvitation(invitationCode: string): Promise<Result<WizardInvitationPreview, AdminFailure>>;
  initiateConnection(request: InitiateRequest): Promise<Result<{ readonly connection: ConsoleConnection; readonly invitationCode: string }, AdminFailure>>;
  acceptInvitation(request: AcceptRequest): Promise<Result<{ readonly connection: ConsoleConnection }, AdminFailure>>;
  listConnections(): Promise<Result<readonly ConsoleConnection[], AdminFailure>>;
  changeConnectionStatus(id: string, change: 'deactivate' | 'activate'): Promise<Result<ConsoleConnection, AdminFailure>>;
  deleteConnection(id: string): Promise<Result<ConsoleConnection, AdminFailure>>;
  checkConnection(id: string): Promise<Result<CheckAnswer, AdminFailure>>;
  /** A Pending connection's invitation code and expiry, again; refused once used or gone. */
  readInvitation(id: string): Promise<Result<InvitationAnswer, AdminFailure>>;
  listTriggers(connectionId: string): Promise<Result<readonly TriggerAnswer[], AdminFailure>>;
  addTrigger(connectionId: string, query: string, active: boolean): Promise<Result<TriggerAnswer, AdminFailure>>;
  deleteTrigger(connectionId: string, triggerId: string): Promise<Result<unknown, AdminFailure>>;
  startBulkSync(connectionId: string): Promise<Result<{ readonly queries: readonly string[] }, AdminFailure>>;
  readBulkSync(connectionId: string): Promise<Result<BulkSyncProgressAnswer, AdminFailure>>;
  readQueue(connectionId: string): Promise<Result<QueueAnswer, AdminFailure>>;
  listErrors(): Promise<Result<readonly SyncErrorAnswer[], AdminFailure>>;
  retryError(errorId: string): Promise<Result<unknown, AdminFailure>>;
  readRules(connectionId: string): Promise<Result<RulesAnswer, AdminFailure>>;
  saveRules(connectionId: string, rules: RulesAnswer): Promise<Result<unknown, AdminFailure>>;
  /** With `rules`, the test run tries those scripts (an editor's unsaved text) instead of the saved ones. */
  testRun(connectionId: string, issueKey: string, rules?: RulesAnswer): Promise<Result<Readonly<Record<string, unknown>>, AdminFailure>>;
  /** A Visual connection's test run on the mapping its editor opens on: the draft, else the version awaiting approval, else the agreed one. */
  testRunMapping(connectionId: string, issueKey: string): Promise<Result<Readonly<Record<string, unknown>>, AdminFailure>>;
  syncNow(connectionId: string, issueKey: string): Promise<Result<unknown, AdminFailure>>;
  /** The script API's typings (a .d.ts), which the script editor completes from. */
  readScriptApi(): Promise<Result<string, AdminFailure>>;
  /** The item surface: the item's twins across connections (404 for an item the tracker does not have). */
  readItem(itemKey: string): Promise<Result<ItemSurfaceAnswer, AdminFailure>>;
  /** "Exalate this issue": the connections the item can be exalated with, or why none. */
  readExalateOptions(itemKey: string): Promise<Result<ExalateOptionsAnswer, AdminFailure>>;
  /** Show local replica / Show remote replica. */
  readReplicas(connectionId: string, itemKey: string): Promise<Result<ReplicasAnswer, AdminFailure>>;
  /** Connect: the item and an existing remote item become twins (409 when the remote key is taken). */
  connectItems(
    connectionId: string,
    localKey: string,
    remoteKey: string,
  ): Promise<Result<{ readonly localKey: string; readonly remoteKey: string }, AdminFailure>>;
  /** Unexalate: both items stay and no longer sync; `unlinked: false` when it did not sync. */
  unexalate(connectionId: string, itemKey: string): Promise<Result<{ readonly unlinked: boolean }, AdminFailure>>;
  /** A Visual connection's mapping: the agreed version, this side's draft, proposals both ways, history, live values. */
  getVisualMapping(connectionId: string): Promise<Result<VisualMappingAnswer, AdminFailure>>;
  /** Saves this side's draft (400 `invalid_request` with `details.problems` when it names what the trackers do not have). */
  saveVisualDraft(connectionId: string, view: MappingViewAnswer, by?: string): Promise<Result<VisualDraftAnswer, AdminFailure>>;
  /** Publishes the draft to the other side for approval; nothing changes until it approves. */
  publishVisualMapping(connectionId: string, by?: string): Promise<Result<VisualProposalAnswer, AdminFailure>>;
  /** Approves the other side's proposal: both sides switch to it. */
  approveVisualMapping(connectionId: string, proposalId: string, by?: string): Promise<Result<VisualDecisionAnswer, AdminFailure>>;
  /** Declines the other side's proposal: the running version stays. */
  declineVisualMapping(connectionId: string, proposalId: string, by?: string): Promise<Result<VisualDecisionAnswer, AdminFailure>>;
  /** Proposes an earlier version's content as a new version; it needs the other side's approval like any change. */
  rollBackVisualMapping(connectionId: string, version: number, by?: string): Promise<Result<VisualProposalAnswer, AdminFailure>>;
}

/** GET /script-api answers the typings as text (core/admin/sync-operations.ts). */
const scriptApiAnswerSchema = z.object({ typescript: z.string() }).transform((answer) => answer.typescript);

/**
 * One operation over a transport, its answer checked at the boundary: a node of another version may
 * answer something this console cannot read, which is a failure to show, not a throw.
 */
export async function callOperation<S extends z.ZodType>(
  transport: OperationTransport,
  key: string,
  schema: S,
  params: Readonly<Record<string, string>> = {},
  body?: unknown,
  query?: Readonly<Record<string, string>>,
): Promise<Result<z.infer<S>, AdminFailure>> {
  const answer = await transport({ key, params, ...(body === undefined ? {} : { body }), ...(query === undefined ? {} : { query }) });
  if (!answer.ok) return answer;
  const parsed = schema.safeParse(answer.value);
  if (!parsed.success)
    return err({
      status: 200,
      code: 'unexpected_answer',
      message: `The Exalate node sent an answer this console cannot read (${key}). Check that the console and the node are the same version.`,
    });
  return ok(parsed.data);
}

export function createConsoleClient(transport: OperationTransport): ConsoleClient {
  const call = <S extends z.ZodType>(
    key: string,
    schema: S,
    params: Readonly<Record<string, string>> = {},
    body?: unknown,
    query?: Readonly<Record<string, string>>,
  ) => callOperation(transport, key, schema, params, body, query);
  const id = (connectionId: string) => ({ id: connectionId });
  const who = (by: string | undefined) => (by === undefined ? {} : { by });
  return {
    describeInstance: () => call('GET /instance', instanceAnswerSchema),
    listProjects: () => call('GET /projects', projectsAnswerSchema),
    inspectDestination: (url) => call('POST /destinations/inspect', destinationAnswerSchema, {}, { url }),
    previewInvitation: (invitationCode) => call('POST /invitations/preview', invitationPreviewAnswerSchema, {}, { invitationCode }),
    initiateConnection: (request) => call('POST /connections/initiate', initiateAnswerSchema, {}, request),
    acceptInvitation: (request) => call('POST /connections/accept', acceptAnswerSchema, {}, request),
    listConnections: () => listEveryConnection((query) => call('GET /connections', connectionListAnswerSchema, {}, undefined, query)),
    changeConnectionStatus: (connectionId, change) => call(`POST /connections/{id}/${change}`, connectionAnswerSchema, id(connectionId), {}),
    deleteConnection: (connectionId) => call('DELETE /connections/{id}', connectionAnswerSchema, id(connectionId)),
    checkConnection: (connectionId) => call('POST /connections/{id}/check', checkAnswerSchema, id(connectionId), {}),
    readInvitation: (connectionId) => call('GET /connections/{id}/invitation', invitationAnswerSchema, id(connectionId)),
    listTriggers: (connectionId) => call('GET /connections/{id}/triggers', triggerListAnswerSchema, id(connectionId)),
    addTrigger: (connectionId, query, active) => call('POST /connections/{id}/triggers', triggerAnswerSchema, id(connectionId), { query, active }),
    deleteTrigger: (connectionId, triggerId) => call('DELETE /connections/{id}/triggers/{triggerId}', deletedAnswerSchema, { id: connectionId, triggerId }),
    startBulkSync: (connectionId) => call('POST /connections/{id}/bulk-sync', bulkSyncStartAnswerSchema, id(connectionId), {}),
    readBulkSync: (connectionId) => call('GET /connections/{id}/bulk-sync', bulkSyncProgressAnswerSchema, id(connectionId)),
    readQueue: (connectionId) => call('GET /connections/{id}/queue', queueAnswerSchema, id(connectionId)),
    listErrors: () => call('GET /errors', syncErrorListAnswerSchema),
    retryError: (errorId) => call('POST /errors/{errorId}/retry', retryAnswerSchema, { errorId }, {}),
    readRules: (connectionId) => call('GET /connections/{id}/rules', rulesAnswerSchema, id(connectionId)),
    saveRules: (connectionId, rules) =>
      call('PUT /connections/{id}/rules', rulesAnswerSchema, id(connectionId), { outgoing: rules.outgoing, incoming: rules.incoming }),
    testRun: (connectionId, issueKey, rules) =>
      call('POST /connections/{id}/test-run', testRunAnswerSchema, id(connectionId), {
        issueKey,
        ...(rules ? { rules: { outgoing: rules.outgoing, incoming: rules.incoming } } : {}),
      }),
    testRunMapping: (connectionId, issueKey) => call('POST /connections/{id}/test-run', testRunAnswerSchema, id(connectionId), { issueKey, draft: true }),
    syncNow: (connectionId, issueKey) => call('POST /connections/{id}/sync', syncNowAnswerSchema, id(connectionId), { issueKey }),
    readScriptApi: () => call('GET /script-api', scriptApiAnswerSchema),
    readItem: (itemKey) => call('GET /items/{issueKey}', itemSurfaceAnswerSchema, { issueKey: itemKey }),
    readExalateOptions: (itemKey) => call('GET /items/{issueKey}/exalate-options', exalateOptionsAnswerSchema, { issueKey: itemKey }),
    readReplicas: (connectionId, itemKey) => call('GET /connections/{id}/replicas/{issueKey}', replicasAnswerSchema, { id: connectionId, issueKey: itemKey }),
    connectItems: (connectionId, localKey, remoteKey) => call('POST /connections/{id}/twins', connectAnswerSchema, id(connectionId), { localKey, remoteKey }),
    unexalate: (connectionId, itemKey) => call('DELETE /connections/{id}/twins/{issueKey}', unexalateAnswerSchema, { id: connectionId, issueKey: itemKey }),
    getVisualMapping: (connectionId) => call('GET /connections/{id}/visual-mapping', visualMappingAnswerSchema, id(connectionId)),
    saveVisualDraft: (connectionId, view, by) =>
      call('PUT /connections/{id}/visual-mapping/draft', visualDraftAnswerSchema, id(connectionId), { view, ...who(by) }),
    publishVisualMapping: (connectionId, by) => call('POST /connections/{id}/visual-mapping/publish', visualProposalAnswerSchema, id(connectionId), who(by)),
    approveVisualMapping: (connectionId, proposalId, by) =>
      call('POST /connections/{id}/visual-mapping/approve', visualDecisionAnswerSchema, id(connectionId), { proposalId, ...who(by) }),
    declineVisualMapping: (connectionId, proposalId, by) =>
      call('POST /connections/{id}/visual-mapping/decline', visualDecisionAnswerSchema, id(connectionId), { proposalId, ...who(by) }),
    rollBackVisualMapping: (connectionId, version, by) =>
      call('POST /connections/{id}/visual-mapping/roll-back', visualProposalAnswerSchema, id(connectionId), { version, ...who(by) }),
  };
}

/** The keys an item surface calls (the Exalate panel and action on an item): the only ones its resolvers answer. */
export const itemSurfaceOperationKeys = [
  'GET /items/{issueKey}',
  'GET /items/{issueKey}/exalate-options',
  'GET /connections/{id}/replicas/{issueKey}',
  'POST /connections/{id}/twins',
  'DELETE /connections/{id}/twins/{issueKey}',
  'POST /connections/{id}/sync',
  'POST /errors/{errorId}/retry',
] as const;

/** The Visual mapping editor's keys (core/admin/visual-mapping-operations.ts). */
export const visualMappingOperationKeys = [
  'GET /connections/{id}/visual-mapping',
  'PUT /connections/{id}/visual-mapping/draft',
  'POST /connections/{id}/visual-mapping/publish',
  'POST /connections/{id}/visual-mapping/approve',
  'POST /connections/{id}/visual-mapping/decline',
  'POST /connections/{id}/visual-mapping/roll-back',
] as const;

/** Every key a console calls: a test holds them against core's table, so a renamed operation is caught. */
export const consoleOperationKeys = [
  'GET /instance',
  'GET /projects',
  'POST /destinations/inspect',
  'POST /invitations/preview',
  'POST /connections/initiate',
  'POST /connections/accept',
  'GET /connections',
  'POST /connections/{id}/deactivate',
  'POST /connections/{id}/activate',
  'DELETE /connections/{id}',
  'POST /connections/{id}/check',
  'GET /connections/{id}/invitation',
  'GET /connections/{id}/triggers',
  'POST /connections/{id}/triggers',
  'DELETE /connections/{id}/triggers/{triggerId}',
  'POST /connections/{id}/bulk-sync',
  'GET /connections/{id}/bulk-sync',
  'GET /connections/{id}/queue',
  'GET /errors',
  'POST /errors/{errorId}/retry',
  'GET /connections/{id}/rules',
  'PUT /connections/{id}/rules',
  'POST /connections/{id}/test-run',
  'POST /connections/{id}/sync',
  'GET /script-api',
  ...visualMappingOperationKeys,
  ...itemSurfaceOperationKeys,
] as const;

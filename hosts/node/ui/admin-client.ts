import type { ConsoleConnection, CheckAnswer, InstanceAnswer, InvitationAnswer } from './admin-answers';
import { createHttpTransport } from '../../console-kit/http-transport';
import { createConsoleClient, type ConsoleClient, type OperationTransport } from '../../console-kit/operation-client';
import { err, type AcceptRequest, type DestinationDescription, type InitiateRequest, type Result, type TrackerProject, type WizardInvitationPreview } from './browser-core';

/** A call the node refused, or could not be made. `message` is for the admin, as the node wrote it. */
export interface AdminFailure {
  /** The HTTP status, or 0 when the node did not answer at all. */
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

/** The node's admin API as the console uses it (core/admin/admin-operations.ts). */
export interface AdminClient {
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
}

export interface AdminClientOptions {
  readonly adminApi: string;
  readonly adminToken: string;
  /** Called on every 401, so the console can send the admin back to sign in. */
  readonly onUnauthorized: (failure: AdminFailure) => void;
  readonly fetch?: typeof fetch;
}

/**
 * The node console's client: the same ConsoleClient the Forge and Azure DevOps consoles use, over
 * the node's HTTP admin API with the admin token. Only two things are the console's own: a 401
 * sends the admin back to sign in, and a node that does not answer is worded for a console the
 * node itself serves (no node URL to check, no CORS).
 */
export function createAdminClient(options: AdminClientOptions): ConsoleClient {
  const base = options.adminApi.replace(/\/+$/, '');
  const http = createHttpTransport({ adminApi: options.adminApi, authorization: async () => `Bearer ${options.adminToken}`, ...(options.fetch === undefined ? {} : { fetch: options.fetch }) });
  const transport: OperationTransport = async (call) => {
    const answer = await http(call);
    if (answer.ok) return answer;
    if (answer.error.status === 401) options.onUnauthorized(answer.error);
    if (answer.error.code === 'unreachable') return err({ ...answer.error, message: `The Exalate node did not answer at ${base}. Check that it is running, then try again.` });
    return answer;
  };
  return createConsoleClient(transport);
}

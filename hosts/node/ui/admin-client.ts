import type { z } from 'zod';
import {
  acceptAnswerSchema,
  checkAnswerSchema,
  connectionAnswerSchema,
  connectionListAnswerSchema,
  destinationAnswerSchema,
  errorAnswerSchema,
  initiateAnswerSchema,
  instanceAnswerSchema,
  invitationPreviewAnswerSchema,
  projectsAnswerSchema,
  type CheckAnswer,
  type ConsoleConnection,
  type InstanceAnswer,
} from './admin-answers';
import { err, ok, type AcceptRequest, type DestinationDescription, type InitiateRequest, type Result, type TrackerProject, type WizardInvitationPreview } from './browser-core';

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
}

export interface AdminClientOptions {
  readonly adminApi: string;
  readonly adminToken: string;
  /** Called on every 401, so the console can send the admin back to sign in. */
  readonly onUnauthorized: (failure: AdminFailure) => void;
  readonly fetch?: typeof fetch;
}

export function createAdminClient(options: AdminClientOptions): AdminClient {
  const send = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const base = options.adminApi.replace(/\/+$/, '');

  async function call<S extends z.ZodType>(method: string, path: string, schema: S, body?: unknown): Promise<Result<z.infer<S>, AdminFailure>> {
    let response: Response;
    try {
      response = await send(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${options.adminToken}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch {
      return err({ status: 0, code: 'unreachable', message: `The Exalate node did not answer at ${base}. Check that it is running, then try again.` });
    }
    const answer = await readJson(response);
    if (!response.ok) {
      const described = errorAnswerSchema.safeParse(answer);
      const failure: AdminFailure = described.success
        ? { status: response.status, ...described.data.error }
        : { status: response.status, code: 'http_error', message: `The Exalate node answered ${response.status} ${response.statusText}. Try again; if it keeps failing, look at the node's log.` };
      if (response.status === 401) options.onUnauthorized(failure);
      return err(failure);
    }
    const parsed = schema.safeParse(answer);
    if (!parsed.success) {
      return err({ status: response.status, code: 'unexpected_answer', message: `The Exalate node sent an answer this console cannot read (${method} ${path}). Check that the console and the node are the same version.` });
    }
    return ok(parsed.data);
  }

  const connectionPath = (id: string) => `/connections/${encodeURIComponent(id)}`;
  return {
    describeInstance: () => call('GET', '/instance', instanceAnswerSchema),
    listProjects: () => call('GET', '/projects', projectsAnswerSchema),
    inspectDestination: (url) => call('POST', '/destinations/inspect', destinationAnswerSchema, { url }),
    previewInvitation: (invitationCode) => call('POST', '/invitations/preview', invitationPreviewAnswerSchema, { invitationCode }),
    initiateConnection: (request) => call('POST', '/connections/initiate', initiateAnswerSchema, request),
    acceptInvitation: (request) => call('POST', '/connections/accept', acceptAnswerSchema, request),
    listConnections: () => call('GET', '/connections', connectionListAnswerSchema),
    changeConnectionStatus: (id, change) => call('POST', `${connectionPath(id)}/${change}`, connectionAnswerSchema, {}),
    deleteConnection: (id) => call('DELETE', connectionPath(id), connectionAnswerSchema),
    checkConnection: (id) => call('POST', `${connectionPath(id)}/check`, checkAnswerSchema, {}),
  };
}

/** A body that is not JSON (a proxy's HTML error page) reads as nothing rather than throwing. */
async function readJson(response: Response): Promise<unknown> {
  try {
    const text = await response.text();
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

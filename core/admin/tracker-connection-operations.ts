import { ExalateError } from '../errors';
import type { NodeContext } from '../node/node-context';
import { trackerDisplayNames, trackerProfile } from '../trackers';
import { err, ok, type Result } from '../result';
import { defineOperation, type AdminOperation } from './admin-operation';
import { emptyRequestSchema } from './admin-schemas';
import type { TrackerConnectionV1, TrackerConnectionView } from './tracker-connection';
import { chooseWorkspaceRequestSchema, saveTrackerTokenRequestSchema, startSignInRequestSchema } from './tracker-connection-schemas';
import { normalizeTrackerBaseUrl } from './tracker-url';

/** How the node's tracker is connected from the console, if it is (its profile says). */
function consoleSignIn(context: NodeContext): 'token' | 'oauth' | null {
  return trackerProfile(context.tracker.kind).console.signIn;
}

function notHere(context: NodeContext, wanted: 'token' | 'oauth'): ExalateError {
  const name = trackerDisplayNames[context.tracker.kind];
  const how = consoleSignIn(context);
  const instead =
    how === 'oauth'
      ? ' It signs in with Asana instead (General settings → Sign in with Asana).'
      : how === 'token'
        ? ' It takes a Jira base URL and personal access token instead (PUT /tracker-connection).'
        : ` Its credentials are set where the node is deployed (TRACKER_URL and TRACKER_AUTH, or the ${name} app itself).`;
  const what =
    wanted === 'token'
      ? 'A base URL and personal access token apply to Jira Server / Data Center nodes only.'
      : 'Asana sign-in and workspaces apply to Asana nodes only.';
  return new ExalateError('invalid_request', `This node serves ${name}. ${what}${instead}`);
}

/** Runs `work` when this node connects its tracker from the console the way `wanted` says. */
async function withConsoleSignIn<T>(
  context: NodeContext,
  wanted: 'token' | 'oauth',
  work: (connection: TrackerConnectionV1) => Promise<Result<T>>,
): Promise<Result<T>> {
  if (consoleSignIn(context) !== wanted) return err(notHere(context, wanted));
  if (context.trackerConnection === undefined) {
    return err(
      new ExalateError(
        'invalid_request',
        `This host sets ${trackerDisplayNames[context.tracker.kind]}'s credentials itself; they cannot be changed from the console here.`,
      ),
    );
  }
  return work(context.trackerConnection);
}

/** Hosts without the capability (Forge) are connected by their platform: say so, without secrets. */
async function describeFixedConnection(context: NodeContext): Promise<TrackerConnectionView> {
  const instance = await context.tracker.describeInstance();
  return { tracker: context.tracker.kind, baseUrl: instance.url, signedIn: true, method: 'environment' };
}

/** Tracker sign-in for the consoles the node serves: Jira Server/DC by token, Asana by OAuth. */
export const trackerConnectionOperations: readonly AdminOperation[] = [
  defineOperation({
    method: 'GET',
    path: '/tracker-connection',
    summary: 'How this node reaches its tracker: base URL, whether it is signed in, as whom, the Asana workspace, and how. Never a token.',
    body: emptyRequestSchema,
    successStatus: 200,
    run: async (context) => ok(context.trackerConnection === undefined ? await describeFixedConnection(context) : await context.trackerConnection.describe()),
  }),
  defineOperation({
    method: 'PUT',
    path: '/tracker-connection',
    summary:
      'Jira Server/DC: checks the base URL and personal access token against Jira (myself, serverInfo), then keeps them sealed and uses them at once. A refused check changes nothing.',
    body: saveTrackerTokenRequestSchema,
    successStatus: 200,
    run: (context, { body }) =>
      withConsoleSignIn(context, 'token', async (connection) => {
        const baseUrl = normalizeTrackerBaseUrl(body.baseUrl, context.settings.allowPrivateDestinations);
        if (!baseUrl.ok) return baseUrl;
        return connection.saveToken(baseUrl.value, body.token);
      }),
  }),
  defineOperation({
    method: 'POST',
    path: '/tracker-connection/sign-in',
    summary: 'Asana: starts the OAuth sign-in. The answer is where the browser goes next; it is single-use and expires in a few minutes.',
    body: startSignInRequestSchema,
    successStatus: 201,
    run: (context, { body }) => withConsoleSignIn(context, 'oauth', (connection) => connection.startSignIn(body?.returnTo)),
  }),
  defineOperation({
    method: 'GET',
    path: '/tracker-connection/workspaces',
    summary: "Asana: the signed-in user's workspaces, for the Workspace picker.",
    body: emptyRequestSchema,
    successStatus: 200,
    run: (context) => withConsoleSignIn(context, 'oauth', (connection) => connection.listWorkspaces()),
  }),
  defineOperation({
    method: 'PUT',
    path: '/tracker-connection/workspace',
    summary: 'Asana: chooses the workspace whose projects the node offers (GET /projects) and syncs.',
    body: chooseWorkspaceRequestSchema,
    successStatus: 200,
    run: (context, { body }) => withConsoleSignIn(context, 'oauth', (connection) => connection.chooseWorkspace(body.gid)),
  }),
];

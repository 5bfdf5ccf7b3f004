import type { TrackerKind } from '../trackers';
import type { Result } from '../result';

/**
 * How the node got its tracker credentials: from its host's settings (TRACKER_URL and TRACKER_AUTH,
 * Forge, the sandbox), a base URL and personal access token saved in the console (Jira Server/DC),
 * or an OAuth sign-in (Asana).
 */
export type TrackerSignInMethod = 'environment' | 'token' | 'oauth';

export interface TrackerAccount {
  readonly name: string;
  readonly email?: string;
}

/** An Asana workspace: the node offers the projects of the one chosen. */
export interface TrackerWorkspace {
  readonly gid: string;
  readonly name: string;
}

/** What `GET {adminApi}/tracker-connection` shows. Never a token. */
export interface TrackerConnectionView {
  readonly tracker: TrackerKind;
  /** The tracker's base URL (Jira base URL, Asana host); null while nothing is configured. */
  readonly baseUrl: string | null;
  readonly signedIn: boolean;
  readonly account?: TrackerAccount;
  readonly workspace?: TrackerWorkspace;
  /** How the node is signed in, or, while it is not, how it signs in. */
  readonly method: TrackerSignInMethod;
}

/**
 * Where the browser goes to sign the node in to Asana. Absolute on a node that knows its public
 * URL; on a private node, a path under the node's root (`/oauth/asana/start?ticket=…`), which the
 * console resolves against the address it reaches its node at.
 */
export interface TrackerSignInStart {
  readonly url: string;
}

/**
 * A capability of nodes whose admins connect the tracker from the console (Jira Server/DC with a
 * personal access token, Asana with OAuth). The host checks credentials against the tracker before
 * keeping them, keeps them sealed, and switches its tracker to them without a restart. Hosts
 * without it (Forge) answer with the tracker they were given.
 */
export interface TrackerConnectionV1 {
  describe(): Promise<TrackerConnectionView>;
  /** Jira Server/DC: `baseUrl` is already checked by core's URL rules; the host checks the token. */
  saveToken(baseUrl: string, token: string): Promise<Result<TrackerConnectionView>>;
  /** Asana: a single-use, short-lived start of the OAuth code grant. */
  startSignIn(returnTo: string | undefined): Promise<Result<TrackerSignInStart>>;
  listWorkspaces(): Promise<Result<readonly TrackerWorkspace[]>>;
  chooseWorkspace(gid: string): Promise<Result<TrackerConnectionView>>;
}

import { useId } from 'react';
import type { TrackerConnectionAnswer, WorkspaceAnswer } from './tracker-connection-client';

export type WorkspaceList =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' }
  | { readonly status: 'loaded'; readonly workspaces: readonly WorkspaceAnswer[] }
  | { readonly status: 'failed'; readonly message: string };

export interface AsanaSignInProps {
  readonly connection: TrackerConnectionAnswer;
  readonly workspaces: WorkspaceList;
  /** What is under way: leaving for Asana, or saving the workspace. */
  readonly busy: 'sign-in' | 'workspace' | null;
  readonly problem: string | null;
  readonly notice: string | null;
  readonly onSignIn: () => void;
  readonly onChooseWorkspace: (gid: string) => void;
}

/** How the node got its credentials, as the detail under the account says it. */
export const signInMethodWords: Readonly<Record<TrackerConnectionAnswer['method'], string>> = {
  oauth: 'Signed in with Asana (OAuth)',
  token: 'With a personal access token saved here',
  environment: "With the credentials in the node's settings (TRACKER_AUTH)",
};

export function describeAccount(connection: TrackerConnectionAnswer, verb = 'Signed in'): string {
  if (!connection.signedIn) return 'Not signed in';
  if (connection.account === undefined) return verb;
  return `${verb} as ${connection.account.name}${connection.account.email === undefined ? '' : ` (${connection.account.email})`}`;
}

/** Asana: who the node is signed in as, "Sign in with Asana", and the Workspace picker. */
export function AsanaSignIn({ connection, workspaces, busy, problem, notice, onSignIn, onChooseWorkspace }: AsanaSignInProps) {
  const id = useId();
  const chosen = connection.workspace?.gid ?? '';
  return (
    <div className="tracker-connection-body">
      <dl className="settings-list">
        <div className="settings-row">
          <dt>Asana account</dt>
          <dd>
            <span className={connection.signedIn ? 'settings-value' : 'is-unknown'}>{describeAccount(connection)}</span>
            {connection.signedIn ? (
              <span className="cell-detail">
                {signInMethodWords[connection.method]}, at {connection.baseUrl ?? 'Asana'}.
              </span>
            ) : null}
          </dd>
        </div>
      </dl>
      <div className="tracker-connection-actions">
        <button type="button" className={`button ${connection.signedIn ? 'button-default' : 'button-primary'}`} disabled={busy !== null} onClick={onSignIn}>
          {busy === 'sign-in' ? 'Opening Asana…' : connection.signedIn ? 'Sign in with Asana again' : 'Sign in with Asana'}
        </button>
        <span className="field-help">Asana asks you to allow Exalate, then brings you back here.</span>
      </div>
      {connection.signedIn ? (
        <WorkspacePicker id={`${id}-workspace`} chosen={chosen} workspaces={workspaces} disabled={busy !== null} onChoose={onChooseWorkspace} />
      ) : null}
      {problem === null ? null : (
        <p className="message message-error" role="alert">
          {problem}
        </p>
      )}
      <p className="message message-success" role="status" aria-live="polite">
        {notice}
      </p>
    </div>
  );
}

function WorkspacePicker({
  id,
  chosen,
  workspaces,
  disabled,
  onChoose,
}: {
  readonly id: string;
  readonly chosen: string;
  readonly workspaces: WorkspaceList;
  readonly disabled: boolean;
  readonly onChoose: (gid: string) => void;
}) {
  if (workspaces.status === 'failed') {
    return (
      <p className="message message-warning" role="status">
        {workspaces.message}
      </p>
    );
  }
  const loading = workspaces.status !== 'loaded';
  return (
    <div className="field tracker-connection-field">
      <label htmlFor={id} className="field-label">
        Workspace
      </label>
      <select
        id={id}
        className="input select"
        value={loading ? '' : chosen}
        disabled={loading || disabled}
        aria-busy={loading ? 'true' : undefined}
        aria-describedby={`${id}-help`}
        onChange={(event) => onChoose(event.target.value)}
      >
        {loading ? (
          <option value="">Loading workspaces…</option>
        ) : (
          <>
            {chosen === '' ? (
              <option value="" disabled>
                Choose a workspace
              </option>
            ) : null}
            {workspaces.workspaces.map((workspace) => (
              <option key={workspace.gid} value={workspace.gid}>
                {workspace.name}
              </option>
            ))}
          </>
        )}
      </select>
      <p id={`${id}-help`} className="field-help">
        {chosen === ''
          ? 'Until you choose one, the project picker lists the projects of every workspace.'
          : 'The project picker of Initiate Connection and Accept Invitation lists this workspace’s projects.'}
      </p>
    </div>
  );
}

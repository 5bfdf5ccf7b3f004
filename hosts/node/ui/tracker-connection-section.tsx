import { useCallback, useEffect, useMemo, useState } from 'react';
import { AsanaSignIn, type WorkspaceList } from './asana-sign-in';
import { trackerDisplayNames, trackerProfiles, type TrackerKind } from '../../console-kit/browser-core';
import { JiraServerConnectionForm } from './jira-server-connection-form';
import { createTrackerConnectionClient, pageAdminAccess, type TrackerConnectionAnswer, type TrackerConnectionClient } from './tracker-connection-client';

/** Marks the console page Asana's sign-in comes back to (the node only sends the browser there on success). */
const signInReturnParameter = 'signed-in';

/** True once, on the page the sign-in came back to; the mark is taken out of the address. */
function takeSignInReturn(): boolean {
  if (typeof location === 'undefined') return false;
  const url = new URL(location.href);
  if (url.searchParams.get(signInReturnParameter) !== 'asana') return false;
  url.searchParams.delete(signInReturnParameter);
  history.replaceState(history.state, '', url.toString());
  return true;
}

/** What the section says above the form, by how the tracker's console connects (its profile's `console.signIn`). */
const connectionExplained: Readonly<Record<'oauth' | 'token', (brand: string) => string>> = {
  oauth: (brand) => `How this node signs in to ${brand}. The client secret of the ${brand} app stays on the node.`,
  token: (brand) =>
    `How this node reaches ${brand}. The node checks the address and token with ${brand} before it keeps them, sealed; the token is never shown again.`,
};

type ConnectionView =
  | { readonly status: 'loading' }
  | { readonly status: 'loaded'; readonly connection: TrackerConnectionAnswer }
  | { readonly status: 'failed'; readonly message: string };

export interface TrackerConnectionSectionProps {
  readonly tracker: TrackerKind;
  /** After a change of credentials: what General settings shows of the tracker is read again. */
  readonly onChanged: () => void;
  /** Tests pass one; the page's admin API otherwise. */
  readonly client?: TrackerConnectionClient;
}

/**
 * "Tracker connection" in General settings, for the trackers whose console the node serves and
 * signs in itself: an OAuth sign-in (Sign in with Asana, Workspace) or a base URL and token (Jira
 * Server/DC's personal access token). Trackers set where the node is deployed show nothing.
 */
export function TrackerConnectionSection({ tracker, onChanged, client: given }: TrackerConnectionSectionProps) {
  const { signIn: signInMethod } = trackerProfiles[tracker].console;
  const client = useMemo(() => {
    if (given !== undefined) return given;
    const access = pageAdminAccess();
    return access === undefined ? undefined : createTrackerConnectionClient(access);
  }, [given]);
  const [view, setView] = useState<ConnectionView>({ status: 'loading' });
  const [workspaces, setWorkspaces] = useState<WorkspaceList>({ status: 'idle' });
  const [busy, setBusy] = useState<'sign-in' | 'workspace' | 'save' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (client === undefined || signInMethod === null) return;
    const answer = await client.describe();
    setView(answer.ok ? { status: 'loaded', connection: answer.value } : { status: 'failed', message: answer.error.message });
    if (answer.ok && takeSignInReturn() && answer.value.signedIn)
      setNotice(`Signed in to Asana${answer.value.account === undefined ? '' : ` as ${answer.value.account.name}`}.`);
    // After an OAuth sign-in the admin picks the workspace the projects come from.
    if (answer.ok && signInMethod === 'oauth' && answer.value.signedIn) {
      setWorkspaces({ status: 'loading' });
      const listed = await client.listWorkspaces();
      setWorkspaces(listed.ok ? { status: 'loaded', workspaces: listed.value } : { status: 'failed', message: listed.error.message });
    }
  }, [client, signInMethod]);
  useEffect(() => void load(), [load]);

  if (signInMethod === null) return null;

  const signIn = async () => {
    if (client === undefined) return;
    setBusy('sign-in');
    setProblem(null);
    setNotice(null);
    const returnTo = new URL(location.href);
    returnTo.searchParams.set(signInReturnParameter, 'asana');
    returnTo.hash = 'general-settings';
    const started = await client.startSignIn(returnTo.toString());
    if (started.ok) {
      location.assign(started.value);
      return;
    }
    setBusy(null);
    setProblem(started.error.message);
  };

  const chooseWorkspace = async (gid: string) => {
    if (client === undefined) return;
    setBusy('workspace');
    setProblem(null);
    setNotice(null);
    const chosen = await client.chooseWorkspace(gid);
    setBusy(null);
    if (!chosen.ok) {
      setProblem(chosen.error.message);
      return;
    }
    setView({ status: 'loaded', connection: chosen.value });
    setNotice(`Projects now come from the ${chosen.value.workspace?.name ?? 'chosen'} workspace.`);
  };

  const save = async (baseUrl: string, token: string) => {
    if (client === undefined) return;
    setBusy('save');
    setProblem(null);
    setNotice(null);
    const saved = await client.saveToken(baseUrl, token);
    setBusy(null);
    if (!saved.ok) {
      setProblem(saved.error.message);
      return;
    }
    setView({ status: 'loaded', connection: saved.value });
    setNotice(
      `Saved. The node now reaches Jira at ${saved.value.baseUrl ?? baseUrl}${saved.value.account === undefined ? '' : ` as ${saved.value.account.name}`}.`,
    );
    onChanged();
  };

  return (
    <section className="tracker-connection" aria-labelledby="tracker-connection-heading">
      <h3 id="tracker-connection-heading" className="subsection-title">
        Tracker connection
      </h3>
      <p className="muted">{connectionExplained[signInMethod](trackerProfiles[tracker].words.brand)}</p>
      {client === undefined ? (
        <p className="message message-warning" role="status">
          This page cannot reach the node&apos;s admin API; open the console from the address the node prints.
        </p>
      ) : view.status === 'loading' ? (
        <p className="muted" role="status">
          Loading the {trackerDisplayNames[tracker]} connection…
        </p>
      ) : view.status === 'failed' ? (
        <p className="message message-error" role="alert">
          {view.message}{' '}
          <button type="button" className="button-link" onClick={() => void load()}>
            Try again
          </button>
        </p>
      ) : signInMethod === 'oauth' ? (
        <AsanaSignIn
          connection={view.connection}
          workspaces={workspaces}
          busy={busy === 'sign-in' || busy === 'workspace' ? busy : null}
          problem={problem}
          notice={notice}
          onSignIn={() => void signIn()}
          onChooseWorkspace={(gid) => void chooseWorkspace(gid)}
        />
      ) : (
        <JiraServerConnectionForm
          connection={view.connection}
          saving={busy === 'save'}
          problem={problem}
          notice={notice}
          onSave={(baseUrl, token) => void save(baseUrl, token)}
        />
      )}
    </section>
  );
}

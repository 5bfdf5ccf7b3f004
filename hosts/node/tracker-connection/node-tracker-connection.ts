import {
  err,
  ExalateError,
  ok,
  trackerDisplayNames,
  trackerProfile,
  type ClockV1,
  type LoggerV1,
  type Result,
  type SecretsV1,
  type StoreV1,
  type TrackerAccount,
  type TrackerConnectionV1,
  type TrackerConnectionView,
  type TrackerSignInStart,
  type TrackerWorkspace,
} from '../../../core';
import { asanaAuthorizeUrl, defaultAsanaOAuthUrl, exchangeAsanaCode, refreshAsanaToken, type AsanaTokenGrant } from '../../asana/asana-oauth';
import type { FetchFunction } from '../../tracker-http';
import { asanaRedirectUri, asanaRedirectUriHint, asanaSignInStartPath, isWebAddress } from './sign-in-addresses';
import { SignInFlows } from './sign-in-flows';
import {
  readStoredConnection,
  readStoredWorkspace,
  writeStoredConnection,
  writeStoredWorkspace,
  type StoredConnection,
  type StoredWorkspace,
} from './stored-connection';
import type { SwitchableTracker } from './switchable-tracker';
import type { TrackerAdapter } from './tracker-adapters';
import { checkJiraServerToken } from './check-jira-server-token';

/** Refresh a little before Asana's hour is up, so no call goes out with a token about to lapse. */
const refreshMarginMs = 2 * 60_000;

export interface NodeTrackerConnectionOptions {
  readonly tracker: SwitchableTracker;
  readonly store: StoreV1;
  readonly secrets: SecretsV1;
  readonly clock: ClockV1;
  readonly logger: LoggerV1;
  /** This node's public URL, or null for a private node. */
  readonly nodeUrl: string | null;
  /** How the token endpoint is called (tests may watch it); the global fetch otherwise. */
  readonly fetch?: FetchFunction;
}

/** What the adapters tell the console beyond the port: who signed in, and Asana's workspaces. */
interface AccountAware {
  describeAccount?(): Promise<TrackerAccount & { readonly gid?: string }>;
  listWorkspaces?(): Promise<readonly TrackerWorkspace[]>;
}

export interface SignInAnswer {
  readonly error?: ExalateError;
  readonly returnTo: string | undefined;
  readonly account?: TrackerAccount;
}

/**
 * The node's side of "Tracker connection" in General settings: it checks credentials against the
 * tracker before keeping them, keeps them sealed in the store, switches the node's one tracker
 * object to them at once, and refreshes Asana's hourly access tokens. It never hands a token out.
 */
export class NodeTrackerConnection implements TrackerConnectionV1 {
  readonly #tracker: SwitchableTracker;
  readonly #options: NodeTrackerConnectionOptions;
  readonly #flows: SignInFlows;
  /** The adapter the host gave the node, used while nothing is saved. */
  readonly #initial: TrackerAdapter | undefined;
  #stored: StoredConnection | undefined;
  #workspace: StoredWorkspace | undefined;
  #environmentAccount: TrackerAccount | undefined;
  /** Set when Asana refused a refresh: the console then asks to sign in again. */
  #refused: string | undefined;
  #refreshing: Promise<void> | undefined;

  constructor(options: NodeTrackerConnectionOptions) {
    this.#tracker = options.tracker;
    this.#options = options;
    this.#flows = new SignInFlows(options.store, options.secrets, options.clock);
    this.#initial = options.tracker.current;
    options.tracker.onUnauthorized(() => this.#renewAfterRefusal());
  }

  /** The Asana app's client secret (ASANA_CLIENT_SECRET), against which the app server checks what Asana signs; it is never sent anywhere. */
  asanaClientSecret(): string | undefined {
    return this.#signsInWithOAuth() ? this.#tracker.configuration.asanaOAuth?.clientSecret : undefined;
  }

  /** The tracker's console signs in with OAuth (Asana's), which picks a workspace too; its profile says so. */
  #signsInWithOAuth(): boolean {
    return trackerProfile(this.#tracker.kind).console.signIn === 'oauth';
  }

  /** On start: what an admin saved before wins over the environment. */
  async restore(): Promise<void> {
    const { connection, problem } = await readStoredConnection(this.#options.store, this.#options.secrets);
    if (problem !== undefined) this.#options.logger.warn('the saved tracker connection could not be read; sign in again in the console', { reason: problem });
    if (connection !== undefined && connection.tracker !== this.#tracker.kind) {
      this.#options.logger.warn('the saved tracker connection is for another tracker and is not used', {
        saved: connection.tracker,
        tracker: this.#tracker.kind,
      });
    } else {
      this.#stored = connection;
    }
    this.#workspace = this.#signsInWithOAuth() ? await readStoredWorkspace(this.#options.store) : undefined;
    this.#tracker.switchTo(this.#adapterFor(this.#stored, this.#workspace) ?? this.#initial);
  }

  async describe(): Promise<TrackerConnectionView> {
    const tracker = this.#tracker.kind;
    const workspace = this.#workspace === undefined ? {} : { workspace: { gid: this.#workspace.gid, name: this.#workspace.name } };
    const stored = this.#stored;
    if (stored !== undefined) {
      return {
        tracker,
        baseUrl: stored.baseUrl,
        signedIn: this.#refused === undefined,
        method: stored.method,
        account: accountView(stored.account),
        ...(stored.method === 'oauth' ? workspace : {}),
      };
    }
    const current = this.#tracker.current;
    if (current === undefined) {
      // How the console would sign in to it, by its profile; a tracker without one is set where the node is deployed.
      return {
        tracker,
        baseUrl: this.#tracker.configuration.baseUrl ?? null,
        signedIn: false,
        method: trackerProfile(tracker).console.signIn ?? 'environment',
      };
    }
    const baseUrl =
      this.#tracker.configuration.environment?.baseUrl ??
      (await current.describeInstance().then(
        (instance) => instance.url,
        () => null,
      ));
    const account = await this.#readEnvironmentAccount(current);
    return { tracker, baseUrl, signedIn: true, method: 'environment', ...(account === undefined ? {} : { account }), ...workspace };
  }

  async saveToken(baseUrl: string, token: string): Promise<Result<TrackerConnectionView>> {
    const checked = await checkJiraServerToken(baseUrl, token);
    if (!checked.ok) {
      this.#options.logger.warn('a Jira Server connection was refused; nothing was changed', { baseUrl, reason: checked.error.message });
      return checked;
    }
    const stored: StoredConnection = { method: 'token', tracker: 'jira-server', baseUrl, token, account: checked.value, savedAt: this.#options.clock.now() };
    await writeStoredConnection(this.#options.store, this.#options.secrets, stored);
    this.#stored = stored;
    this.#tracker.switchTo(this.#adapterFor(stored, undefined));
    this.#options.logger.info('the node now reaches Jira with the saved personal access token', { baseUrl, account: checked.value.name });
    return ok(await this.describe());
  }

  async startSignIn(returnTo: string | undefined): Promise<Result<TrackerSignInStart>> {
    if (this.#tracker.configuration.asanaOAuth === undefined) {
      return err(
        new ExalateError(
          'invalid_request',
          `This node has no Asana OAuth app yet. Create one in Asana's developer console (My apps), register ${asanaRedirectUriHint(this.#tracker.configuration, this.#options.nodeUrl)} as its redirect URL, set ASANA_CLIENT_ID and ASANA_CLIENT_SECRET, and restart the node.`,
        ),
      );
    }
    if (returnTo !== undefined && !isWebAddress(returnTo))
      return err(new ExalateError('invalid_request', 'returnTo must be the http(s) address of the console page to come back to.'));
    const { ticket } = await this.#flows.create(returnTo);
    return ok({ url: `${this.#options.nodeUrl ?? ''}${asanaSignInStartPath}?ticket=${encodeURIComponent(ticket)}` });
  }

  async listWorkspaces(): Promise<Result<readonly TrackerWorkspace[]>> {
    const adapter = this.#tracker.current as (TrackerAdapter & AccountAware) | undefined;
    if (adapter === undefined)
      return err(new ExalateError('invalid_request', `Sign in to ${trackerDisplayNames[this.#tracker.kind]} first (General settings → Tracker connection).`));
    if (adapter.listWorkspaces === undefined)
      return err(new ExalateError('invalid_request', `${trackerDisplayNames[this.#tracker.kind]} here has no workspaces to choose from.`));
    return ok((await adapter.listWorkspaces()).map((workspace) => ({ gid: workspace.gid, name: workspace.name })));
  }

  async chooseWorkspace(gid: string): Promise<Result<TrackerConnectionView>> {
    const workspaces = await this.listWorkspaces();
    if (!workspaces.ok) return workspaces;
    const chosen = workspaces.value.find((workspace) => workspace.gid === gid);
    if (chosen === undefined)
      return err(new ExalateError('invalid_request', `The signed-in Asana user is not a member of a workspace with gid ${gid}. Choose one from the list.`));
    const rebuilt = this.#adapterFor(this.#stored, chosen);
    if (rebuilt === undefined)
      return err(
        new ExalateError(
          'invalid_request',
          "This node's Asana credentials come from its host, which built the tracker itself; the workspace cannot be changed here.",
        ),
      );
    await writeStoredWorkspace(this.#options.store, { gid: chosen.gid, name: chosen.name });
    this.#workspace = { gid: chosen.gid, name: chosen.name };
    this.#tracker.switchTo(rebuilt);
    this.#options.logger.info('the node now offers the projects of one Asana workspace', { workspace: chosen.name });
    return ok(await this.describe());
  }

  /** The start route: the ticket from the console becomes a trip to Asana's consent page. */
  async beginSignIn(ticket: string, nodeBase: string): Promise<Result<{ readonly authorizeUrl: string; readonly browserKey: string }>> {
    const app = this.#tracker.configuration.asanaOAuth;
    if (app === undefined)
      return err(new ExalateError('invalid_request', 'This node has no Asana OAuth app (ASANA_CLIENT_ID and ASANA_CLIENT_SECRET are not set).'));
    const redirectUri = asanaRedirectUri(this.#tracker.configuration, this.#options.nodeUrl, nodeBase);
    const begun = await this.#flows.begin(ticket, redirectUri);
    if (!begun.ok) return begun;
    return ok({ authorizeUrl: asanaAuthorizeUrl(app, { redirectUri, state: begun.value.state }), browserKey: begun.value.browserKey });
  }

  /**
   * The way back from Asana. Whatever fails (a state that is unknown, used, expired or from another
   * browser; a denial; a code Asana will not trade), nothing is changed.
   */
  async finishSignIn(
    answer: { readonly state: string; readonly code?: string | undefined; readonly error?: string | undefined },
    browserKey: string | undefined,
  ): Promise<SignInAnswer> {
    const app = this.#tracker.configuration.asanaOAuth;
    const { outcome, returnTo } = await this.#flows.finish(answer.state, browserKey);
    if (!outcome.ok) return { error: outcome.error, returnTo };
    const { redirectUri } = outcome.value;
    if (answer.error !== undefined) {
      const message =
        answer.error === 'access_denied'
          ? 'Access to Asana was denied, so the node is not signed in. Nothing was changed.'
          : `Asana did not sign the node in (${answer.error.slice(0, 100)}). Nothing was changed.`;
      return { error: new ExalateError('invalid_request', message), returnTo };
    }
    if (answer.code === undefined || answer.code === '' || app === undefined || redirectUri === undefined) {
      return {
        error: new ExalateError('invalid_request', 'Asana came back without an authorization code. Nothing was changed. Choose "Sign in with Asana" again.'),
        returnTo,
      };
    }
    try {
      const grant = await exchangeAsanaCode(app, { code: answer.code, redirectUri, now: this.#options.clock.now() }, this.#options.fetch);
      const account = await this.#keepGrant(grant, redirectUri);
      this.#options.logger.info('the node signed in to Asana', { account: account.name });
      return { returnTo, account };
    } catch (error) {
      const failure = ExalateError.from(error);
      this.#options.logger.warn('an Asana sign-in failed; nothing was changed', { code: failure.code, message: failure.message });
      return { error: failure, returnTo };
    }
  }

  /** Checks the grant against Asana's API, picks the workspace, then keeps and uses it. */
  async #keepGrant(grant: AsanaTokenGrant, redirectUri: string): Promise<TrackerAccount> {
    if (grant.refreshToken === undefined)
      throw new ExalateError(
        'tracker_unavailable',
        'Asana signed the node in without a refresh token, so the sign-in would stop working within the hour. Try again.',
        { isRetryable: true },
      );
    const baseUrl = this.#asanaApiHost();
    const candidate = this.#tracker.createAdapter({ baseUrl, authorization: `Bearer ${grant.accessToken}` }) as TrackerAdapter & AccountAware;
    // Reading the user with the new token proves Asana's API (TRACKER_URL) accepts it, not only its sign-in service.
    const me = (await candidate.describeAccount?.()) ?? grant.user;
    if (me?.gid === undefined) throw new ExalateError('internal', 'Asana signed the node in but did not say as whom. Try again.');
    const workspaces = (await candidate.listWorkspaces?.()) ?? [];
    // Keep the workspace chosen before if this account is in it; with only one, there is no choice to make.
    const workspace =
      workspaces.find((candidateWorkspace) => candidateWorkspace.gid === this.#workspace?.gid) ?? (workspaces.length === 1 ? workspaces[0] : undefined);
    const account = { gid: me.gid, ...accountView(me) };
    const stored: StoredConnection = {
      method: 'oauth',
      tracker: 'asana',
      baseUrl,
      accessToken: grant.accessToken,
      refreshToken: grant.refreshToken,
      expiresAt: grant.expiresAt,
      redirectUri,
      account,
      savedAt: this.#options.clock.now(),
    };
    await writeStoredConnection(this.#options.store, this.#options.secrets, stored);
    await writeStoredWorkspace(this.#options.store, workspace === undefined ? undefined : { gid: workspace.gid, name: workspace.name });
    this.#stored = stored;
    this.#workspace = workspace === undefined ? undefined : { gid: workspace.gid, name: workspace.name };
    this.#refused = undefined;
    this.#tracker.switchTo(this.#adapterFor(stored, this.#workspace));
    return accountView(account);
  }

  #adapterFor(stored: StoredConnection | undefined, workspace: StoredWorkspace | undefined): TrackerAdapter | undefined {
    const workspaceGid = workspace?.gid;
    if (stored?.method === 'token') return this.#tracker.createAdapter({ baseUrl: stored.baseUrl, authorization: `Bearer ${stored.token}` });
    if (stored?.method === 'oauth')
      return this.#tracker.createAdapter({ baseUrl: stored.baseUrl, authorization: () => this.#asanaAuthorization(), workspaceGid });
    const environment = this.#tracker.configuration.environment;
    if (environment !== undefined) return this.#tracker.createAdapter({ ...environment, workspaceGid });
    return workspaceGid === undefined ? this.#initial : undefined;
  }

  async #asanaAuthorization(): Promise<string> {
    const stored = this.#stored;
    if (stored?.method !== 'oauth')
      throw new ExalateError('unauthorized', 'The node is no longer signed in to Asana. Sign in with Asana again from the Exalate console.');
    if (stored.expiresAt - refreshMarginMs <= this.#options.clock.now()) await this.#refresh();
    const current = this.#stored;
    return `Bearer ${current?.method === 'oauth' ? current.accessToken : ''}`;
  }

  /** One refresh at a time: every call waiting on an expired token shares it. */
  #refresh(): Promise<void> {
    this.#refreshing ??= this.#refreshNow().finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  async #refreshNow(): Promise<void> {
    // Asana said no already: asking again each call would only repeat it, until the admin signs in again.
    if (this.#refused !== undefined) throw new ExalateError('unauthorized', this.#refused);
    const stored = this.#stored;
    const app = this.#tracker.configuration.asanaOAuth;
    if (stored?.method !== 'oauth' || app === undefined)
      throw new ExalateError(
        'unauthorized',
        'The node cannot renew its Asana sign-in: ASANA_CLIENT_ID and ASANA_CLIENT_SECRET are not set. Set them and restart, or sign in again.',
      );
    try {
      const grant = await refreshAsanaToken(
        app,
        { refreshToken: stored.refreshToken, redirectUri: stored.redirectUri, now: this.#options.clock.now() },
        this.#options.fetch,
      );
      const renewed: StoredConnection = {
        ...stored,
        accessToken: grant.accessToken,
        refreshToken: grant.refreshToken ?? stored.refreshToken,
        expiresAt: grant.expiresAt,
      };
      await writeStoredConnection(this.#options.store, this.#options.secrets, renewed);
      this.#stored = renewed;
      this.#refused = undefined;
    } catch (error) {
      if (ExalateError.isInstance(error) && error.code === 'unauthorized') {
        this.#refused = error.message;
        this.#options.logger.warn("Asana refused to renew the node's sign-in", { message: error.message });
      }
      throw error;
    }
  }

  /**
   * A 401 with an access token the node thought good (revoked, or Asana's clock ahead of ours):
   * renew it. The switchable tracker retries a call once only, so a refused refresh cannot loop.
   */
  async #renewAfterRefusal(): Promise<boolean> {
    if (this.#stored?.method !== 'oauth') return false;
    await this.#refresh();
    return true;
  }

  async #readEnvironmentAccount(adapter: TrackerAdapter): Promise<TrackerAccount | undefined> {
    const aware = adapter as TrackerAdapter & AccountAware;
    if (this.#environmentAccount !== undefined || aware.describeAccount === undefined) return this.#environmentAccount;
    try {
      this.#environmentAccount = accountView(await aware.describeAccount());
    } catch {
      // Shown when the tracker answers; GET /tracker-connection must not fail because it does not.
    }
    return this.#environmentAccount;
  }

  #asanaApiHost(): string {
    return (this.#tracker.configuration.environment?.baseUrl ?? this.#tracker.configuration.baseUrl ?? defaultAsanaOAuthUrl).replace(/\/+$/, '');
  }
}

function accountView(account: { readonly name: string; readonly email?: string | undefined }): TrackerAccount {
  return { name: account.name, ...(account.email === undefined ? {} : { email: account.email }) };
}

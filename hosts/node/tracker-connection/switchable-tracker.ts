import {
  ExalateError,
  trackerDisplayNames,
  trackerProfile,
  type ItemChanges,
  type ItemSearchPage,
  type NewItem,
  type RichText,
  type TrackerBatchV1,
  type TrackerInstance,
  type TrackerItem,
  type TrackerItemOperations,
  type TrackerKind,
  type TrackerProject,
  type TrackerProjectValues,
  type TrackerUser,
  type TrackerV1,
  type TriggerConditions,
} from '../../../core';
import type { AsanaOAuthApp } from '../../asana/asana-oauth';
import { trackerAdapterFactories, type CreateTrackerAdapter, type TrackerAdapter } from './tracker-adapters';

/** How a node's tracker is configured before any admin touches the console. */
export interface TrackerConnectionConfiguration {
  readonly kind: TrackerKind;
  /**
   * Credentials the host was given (TRACKER_URL and TRACKER_AUTH, or the sandbox's emulator), used
   * until an admin saves others in the console.
   */
  readonly environment?: { readonly baseUrl: string; readonly authorization: string } | undefined;
  /** The tracker's base URL when there are no environment credentials (Asana: https://app.asana.com). */
  readonly baseUrl?: string | undefined;
  /** ASANA_CLIENT_ID, ASANA_CLIENT_SECRET and ASANA_OAUTH_URL. */
  readonly asanaOAuth?: AsanaOAuthApp | undefined;
  /** ASANA_REDIRECT_URI, when it is not `{NODE_URL}/oauth/asana/callback`. */
  readonly asanaRedirectUri?: string | undefined;
  /** How adapters are built (the sandbox gives its emulators a larger budget). */
  readonly createAdapter?: CreateTrackerAdapter | undefined;
}

/**
 * The node's one tracker object, delegating to whichever adapter the current credentials built,
 * so that NodeContext.tracker stays the same object while an admin signs in, changes the token or
 * picks another Asana workspace: the sync engine, the admin API and the change hooks keep their
 * reference and reach the new adapter on their next call.
 */
export class SwitchableTracker implements TrackerV1, TrackerItemOperations {
  readonly kind: TrackerKind;
  readonly configuration: TrackerConnectionConfiguration;
  readonly createAdapter: CreateTrackerAdapter;
  #current: TrackerAdapter | undefined;
  /** Called once on a 401: true when it renewed the credentials (an OAuth refresh) and a retry may work. */
  #renew: (() => Promise<boolean>) | undefined;

  constructor(configuration: TrackerConnectionConfiguration, initial?: TrackerAdapter) {
    this.kind = configuration.kind;
    this.configuration = configuration;
    this.createAdapter = configuration.createAdapter ?? trackerAdapterFactories[configuration.kind];
    this.#current = initial ?? (configuration.environment === undefined ? undefined : this.createAdapter(configuration.environment));
  }

  /** A tracker the host built itself (tests, the sandbox's fakes): it counts as set by the environment. */
  static around(adapter: TrackerAdapter): SwitchableTracker {
    return adapter instanceof SwitchableTracker ? adapter : new SwitchableTracker({ kind: adapter.kind }, adapter);
  }

  get current(): TrackerAdapter | undefined {
    return this.#current;
  }

  switchTo(adapter: TrackerAdapter | undefined): void {
    if (adapter !== undefined && adapter.kind !== this.kind) throw new ExalateError('internal', `A ${adapter.kind} adapter cannot serve a ${this.kind} node.`);
    this.#current = adapter;
  }

  onUnauthorized(renew: (() => Promise<boolean>) | undefined): void {
    this.#renew = renew;
  }

  /** Not signed in yet: the console still loads, and says where to sign in. */
  async describeInstance(): Promise<TrackerInstance> {
    if (this.#current === undefined)
      return { tracker: this.kind, version: 'unknown (not signed in)', url: this.configuration.environment?.baseUrl ?? this.configuration.baseUrl ?? '' };
    return this.#call((adapter) => adapter.describeInstance());
  }

  listProjects(): Promise<readonly TrackerProject[]> {
    return this.#call((adapter) => adapter.listProjects());
  }

  /**
   * The signed-in adapter's project values, when it can list them: absent when the adapter cannot,
   * so core uses the tracker's default vocabulary as for any tracker without the capability.
   */
  get readProjectValues(): ((projectKey: string) => Promise<TrackerProjectValues>) | undefined {
    if (this.#current !== undefined && this.#current.readProjectValues === undefined) return undefined;
    return (projectKey) =>
      this.#call((adapter) => {
        if (adapter.readProjectValues === undefined)
          throw new ExalateError(
            'invalid_request',
            `This ${trackerDisplayNames[this.kind]} connection cannot list a project's statuses, priorities and types.`,
          );
        return adapter.readProjectValues(projectKey);
      });
  }

  getItem(key: string): Promise<TrackerItem | undefined> {
    return this.#call((adapter) => adapter.getItem(key));
  }

  /** The signed-in adapter's batch capability, if it has one, through the same sign-in handling as every other call. */
  get batch(): TrackerBatchV1 | undefined {
    const offered = this.#current?.batch;
    if (offered === undefined) return undefined;
    const batchOf = (adapter: TrackerAdapter): TrackerBatchV1 => adapter.batch ?? offered;
    return {
      version: 1,
      maximumCreateBatch: offered.maximumCreateBatch,
      createsInOneRequest: offered.createsInOneRequest,
      searchItemsWithFields: (trigger, page) => this.#call((adapter) => batchOf(adapter).searchItemsWithFields(trigger, page)),
      readUpdatedTimes: (keys) => this.#call((adapter) => batchOf(adapter).readUpdatedTimes(keys)),
      createItems: (items) => this.#call((adapter) => batchOf(adapter).createItems(items)),
    };
  }

  searchItems(trigger: TriggerConditions, page: { readonly cursor: string | null; readonly limit: number }): Promise<ItemSearchPage> {
    return this.#call((adapter) => adapter.searchItems(trigger, page));
  }

  listChangedSince(projectKey: string, since: string, page: { readonly cursor: string | null; readonly limit: number }): Promise<ItemSearchPage> {
    return this.#call((adapter) => adapter.listChangedSince(projectKey, since, page));
  }

  createItem(item: NewItem): Promise<{ readonly key: string }> {
    return this.#call((adapter) => adapter.createItem(item));
  }

  updateItem(key: string, changes: ItemChanges): Promise<void> {
    return this.#call((adapter) => adapter.updateItem(key, changes));
  }

  /** Offered when the signed-in adapter offers it; an adapter signed in since without it writes and answers null. */
  get updateItemReturningItem(): ((key: string, changes: ItemChanges) => Promise<TrackerItem | null>) | undefined {
    if (this.#current?.updateItemReturningItem === undefined) return undefined;
    return (key, changes) =>
      this.#call(async (adapter) => {
        if (adapter.updateItemReturningItem !== undefined) return adapter.updateItemReturningItem(key, changes);
        await adapter.updateItem(key, changes);
        return null;
      });
  }

  addComment(key: string, body: RichText): Promise<{ readonly id: string }> {
    return this.#call((adapter) => adapter.addComment(key, body));
  }

  updateComment(key: string, commentId: string, body: RichText): Promise<void> {
    return this.#call((adapter) => adapter.updateComment(key, commentId, body));
  }

  findUserByEmail(email: string): Promise<TrackerUser | undefined> {
    return this.#call((adapter) => adapter.findUserByEmail(email));
  }

  downloadAttachment(key: string, attachmentId: string): Promise<Uint8Array> {
    return this.#call((adapter) => adapter.downloadAttachment(key, attachmentId));
  }

  uploadAttachment(
    key: string,
    file: { readonly filename: string; readonly mimeType: string; readonly content: Uint8Array },
  ): Promise<{ readonly id: string }> {
    return this.#call((adapter) => adapter.uploadAttachment(key, file));
  }

  /**
   * Runs `work` with the signed-in adapter, through the same sign-in handling as every call above:
   * how a tracker's change intake reaches its own adapter's subscription calls.
   */
  withSignedInAdapter<T>(work: (adapter: TrackerAdapter) => Promise<T>): Promise<T> {
    return this.#call(work);
  }

  /** Azure DevOps only: the admin check of the hub's app token (hosts/node/admin-authentication.ts). */
  isCollectionAdministrator(...parameters: unknown[]): Promise<unknown> {
    return this.#callOwn('isCollectionAdministrator', parameters, 'cannot say who its administrators are');
  }

  #callOwn(method: string, parameters: readonly unknown[], missing: string): Promise<unknown> {
    return this.#call((adapter) => {
      const own = (adapter as unknown as Record<string, ((...values: unknown[]) => Promise<unknown>) | undefined>)[method];
      if (typeof own !== 'function') throw new ExalateError('invalid_request', `${trackerDisplayNames[this.kind]} here ${missing}.`);
      return own.apply(adapter, [...parameters]);
    });
  }

  async #call<T>(work: (adapter: TrackerAdapter) => Promise<T>): Promise<T> {
    const adapter = this.#current;
    if (adapter === undefined) throw this.#notSignedIn();
    try {
      return await work(adapter);
    } catch (error) {
      // A 401 means the tracker did no work, so one retry with renewed credentials is safe.
      if (!ExalateError.isInstance(error) || error.code !== 'unauthorized' || this.#renew === undefined) throw error;
      if (!(await this.#renew())) throw error;
      const renewed = this.#current;
      if (renewed === undefined) throw this.#notSignedIn();
      return work(renewed);
    }
  }

  #notSignedIn(): ExalateError {
    // What to do depends on how the tracker's console signs in (its profile), in the tracker's brand.
    const {
      console: { signIn },
      words: { brand },
    } = trackerProfile(this.kind);
    const how =
      signIn === 'oauth'
        ? `Open the Exalate console → General settings → Tracker connection and choose "Sign in with ${brand}".`
        : signIn === 'token'
          ? `Open the Exalate console → General settings → Tracker connection and save the ${brand} base URL and a personal access token.`
          : 'Set TRACKER_URL and TRACKER_AUTH and restart the node.';
    return new ExalateError('tracker_unavailable', `This node is not connected to ${trackerDisplayNames[this.kind]} yet. ${how}`, {
      isRetryable: true,
      details: { tracker: this.kind },
    });
  }
}

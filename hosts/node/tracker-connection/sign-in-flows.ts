import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
  err,
  ExalateError,
  ok,
  parseJson,
  readSecretSetting,
  writeSecretSetting,
  type ClockV1,
  type Result,
  type SecretsV1,
  type StoreV1,
} from '../../../core';

const flowsSetting = 'tracker_sign_in_flows';
/** From "Sign in with Asana" to the browser reaching the node's start route: a click away. */
export const ticketLifetimeMs = 2 * 60_000;
/** From leaving for Asana to coming back: enough to sign in to Asana first. */
export const flowLifetimeMs = 10 * 60_000;
/** Pending sign-ins kept at most; older ones are dropped first. */
const keptFlows = 20;

const flowSchema = z.strictObject({
  /** Single use: handed to the console by the admin API, traded for the state by the start route. */
  ticket: z.string().optional(),
  ticketExpiresAt: z.number(),
  /** OAuth `state` (RFC 6749 §10.12): random, single use, checked on the way back. */
  state: z.string(),
  /** The value of the cookie the start route gave the browser: the way back must come from it. */
  browserKey: z.string().optional(),
  redirectUri: z.string().optional(),
  returnTo: z.string().optional(),
  expiresAt: z.number(),
});
type SignInFlow = z.infer<typeof flowSchema>;

export interface BegunSignIn {
  readonly state: string;
  readonly browserKey: string;
}

export interface FinishedSignIn {
  readonly redirectUri: string | undefined;
  readonly returnTo: string | undefined;
}

function token(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Pending OAuth sign-ins, kept sealed in the node's store rather than in memory, so the way back
 * may reach any process sharing the database. Every step consumes what it used.
 */
export class SignInFlows {
  readonly #store: StoreV1;
  readonly #secrets: SecretsV1;
  readonly #clock: ClockV1;

  constructor(store: StoreV1, secrets: SecretsV1, clock: ClockV1) {
    this.#store = store;
    this.#secrets = secrets;
    this.#clock = clock;
  }

  async create(returnTo: string | undefined): Promise<{ readonly ticket: string }> {
    const now = this.#clock.now();
    const flow: SignInFlow = {
      ticket: token(),
      ticketExpiresAt: now + ticketLifetimeMs,
      state: token(),
      expiresAt: now + flowLifetimeMs,
      ...(returnTo === undefined ? {} : { returnTo }),
    };
    await this.#write([...(await this.#read()), flow].slice(-keptFlows));
    return { ticket: flow.ticket ?? '' };
  }

  /** The start route: trades the ticket for the state, and binds the flow to the browser. */
  async begin(ticket: string, redirectUri: string): Promise<Result<BegunSignIn & { readonly returnTo: string | undefined }>> {
    const flows = await this.#read();
    const flow = flows.find((candidate) => candidate.ticket !== undefined && candidate.ticket === ticket);
    if (flow === undefined)
      return err(
        new ExalateError(
          'invalid_request',
          'This sign-in link was used already or is not one this node made. Go back to the Exalate console and choose "Sign in with Asana" again.',
        ),
      );
    const { ticket: _used, ...rest } = flow;
    if (flow.ticketExpiresAt < this.#clock.now()) {
      await this.#write(flows.filter((candidate) => candidate !== flow));
      return err(
        new ExalateError(
          'invalid_request',
          'This sign-in link expired (it lasts two minutes). Go back to the Exalate console and choose "Sign in with Asana" again.',
        ),
      );
    }
    const begun: SignInFlow = { ...rest, browserKey: token(), redirectUri };
    await this.#write(flows.map((candidate) => (candidate === flow ? begun : candidate)));
    return ok({ state: begun.state, browserKey: begun.browserKey ?? '', returnTo: begun.returnTo });
  }

  /**
   * The way back: the flow is consumed whatever happens next, so a state works once. It must come
   * back to the browser that left (the cookie the start route set). A refusal still names the
   * console page to go back to, when the flow was found.
   */
  async finish(state: string, browserKey: string | undefined): Promise<{ readonly outcome: Result<FinishedSignIn>; readonly returnTo: string | undefined }> {
    const outcome = await this.#finish(state);
    if (!outcome.ok) return { outcome, returnTo: undefined };
    const { browserKey: expected, ...finished } = outcome.value;
    if (expected === undefined || browserKey === undefined || expected !== browserKey) {
      return {
        outcome: err(
          new ExalateError(
            'invalid_request',
            'This sign-in was started in another browser, or this browser did not keep the node\'s sign-in cookie. Nothing was changed. Choose "Sign in with Asana" again in this browser.',
          ),
        ),
        returnTo: finished.returnTo,
      };
    }
    return { outcome: ok(finished), returnTo: finished.returnTo };
  }

  async #finish(state: string): Promise<Result<FinishedSignIn & { readonly browserKey: string | undefined }>> {
    const flows = await this.#read();
    const flow = flows.find((candidate) => candidate.state === state && candidate.ticket === undefined);
    if (flow === undefined)
      return err(
        new ExalateError(
          'invalid_request',
          'This sign-in answer does not match a sign-in this node started, or it was used already. Nothing was changed. Go back to the Exalate console and choose "Sign in with Asana" again.',
        ),
      );
    await this.#write(flows.filter((candidate) => candidate !== flow));
    if (flow.expiresAt < this.#clock.now())
      return err(
        new ExalateError(
          'invalid_request',
          'This sign-in took longer than ten minutes and expired. Nothing was changed. Go back to the Exalate console and choose "Sign in with Asana" again.',
        ),
      );
    return ok({ browserKey: flow.browserKey, redirectUri: flow.redirectUri, returnTo: flow.returnTo });
  }

  async #read(): Promise<SignInFlow[]> {
    const text = await readSecretSetting(this.#store, this.#secrets, flowsSetting);
    if (text === undefined || text === '') return [];
    const parsed = parseJson(text, z.array(flowSchema));
    const now = this.#clock.now();
    return parsed.ok ? parsed.value.filter((flow) => flow.expiresAt >= now - flowLifetimeMs) : [];
  }

  async #write(flows: readonly SignInFlow[]): Promise<void> {
    await writeSecretSetting(this.#store, this.#secrets, flowsSetting, JSON.stringify(flows));
  }
}

import type { ConnectionMode } from '../connection/connection';

/** Exactly the body of the admin API's `POST /connections/initiate`. */
export interface InitiateRequest {
  /** null for a private destination ("I don't have a URL"). */
  readonly destinationUrl: string | null;
  readonly mode: ConnectionMode;
  readonly localName: string;
  readonly remoteName: string;
  readonly name: string;
  /** Left out when the admin wrote none. */
  readonly description?: string;
  readonly projectKey: string;
}

/** Exactly the body of the admin API's `POST /connections/accept`. */
export interface AcceptRequest {
  readonly invitationCode: string;
  readonly projectKey: string;
}

/**
 * What a transition asks the host to do. The wizard never performs I/O itself: the host runs the
 * effect and reports the outcome back as an event (inspect_destination → destination_inspected or
 * destination_inspection_failed, and so on).
 */
export type WizardEffect =
  | { readonly type: 'inspect_destination'; readonly url: string }
  | { readonly type: 'load_projects' }
  | { readonly type: 'initiate'; readonly request: InitiateRequest }
  | { readonly type: 'copy_to_clipboard'; readonly text: string }
  | { readonly type: 'preview_invitation'; readonly invitationCode: string }
  | { readonly type: 'accept'; readonly request: AcceptRequest }
  | { readonly type: 'close' }
  | { readonly type: 'refresh_connections' };

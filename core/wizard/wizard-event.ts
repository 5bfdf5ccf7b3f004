import type { ConnectionMode } from '../connection/connection';
import type { InvitationPreview } from '../invitation/invitation-payload';
import type { TrackerProject } from '../ports/tracker';
import type { TrackerKind } from '../trackers';

/** Text fields a person types into, across both wizards. */
export type WizardField = 'destinationUrl' | 'localName' | 'remoteName' | 'connectionName' | 'description' | 'invitationCode';

/** What the destination instance answers when asked what it supports. */
export interface DestinationDescription {
  readonly tracker: TrackerKind;
  readonly isPublic: boolean;
  readonly modes: readonly ConnectionMode[];
}

/**
 * What the accepting side learns from an invitation code: core/invitation's `previewInvitation`
 * as it is, or the admin API's answer to `POST /invitations/preview`, which writes the expiry as
 * an ISO 8601 string. Taking both spares every UI a conversion.
 */
export type WizardInvitationPreview = Omit<InvitationPreview, 'connectionId' | 'expiresAt'> & {
  readonly connectionId?: string;
  /** Milliseconds since the epoch, or an ISO 8601 instant. */
  readonly expiresAt: number | string;
};

/**
 * Everything that can happen to a wizard: a person's action (edit, next, previous, …) or the
 * outcome of an effect the host ran. An event that does not apply to the current state is ignored.
 */
export type WizardEvent =
  | { readonly type: 'edit_field'; readonly field: WizardField; readonly value: string }
  | { readonly type: 'set_no_url'; readonly noUrl: boolean }
  | { readonly type: 'next' }
  | { readonly type: 'previous' }
  | { readonly type: 'cancel' }
  | { readonly type: 'destination_inspected'; readonly destination: DestinationDescription }
  | { readonly type: 'destination_inspection_failed'; readonly message: string }
  | { readonly type: 'choose_mode'; readonly mode: ConnectionMode }
  | { readonly type: 'projects_loaded'; readonly projects: readonly TrackerProject[] }
  | { readonly type: 'projects_failed'; readonly message: string }
  | { readonly type: 'reload_projects' }
  | { readonly type: 'choose_project'; readonly key: string }
  | { readonly type: 'initiate' }
  | {
      readonly type: 'initiated';
      readonly invitationCode: string;
      readonly connectionId: string;
      /** When the code stops working (milliseconds or ISO 8601), as the admin API answers it; absent when unknown. */
      readonly expiresAt?: number | string | null;
    }
  | { readonly type: 'initiate_failed'; readonly message: string }
  | { readonly type: 'copy' }
  | { readonly type: 'copy_failed' }
  | { readonly type: 'done' }
  | { readonly type: 'invitation_previewed'; readonly preview: WizardInvitationPreview }
  | { readonly type: 'invitation_invalid'; readonly message: string }
  | { readonly type: 'accept' }
  | { readonly type: 'accepted'; readonly connectionId: string }
  | { readonly type: 'accept_failed'; readonly message: string };

import type { WizardContext } from './wizard-context';
import type { DestinationDescription, WizardInvitationPreview, WizardField } from './wizard-event';
import type { ConnectionMode } from '../connection/connection';
import type { ModeOption } from './mode-options';
import type { ProjectList } from './project-list';

export type FieldErrors = Readonly<Partial<Record<WizardField, string>>>;

/** Fields every state has, so a UI can render the frame of any step the same way. */
interface StepCommon {
  readonly context: WizardContext;
  /** A request is in flight: the UI disables everything but Cancel; repeated clicks are ignored. */
  readonly busy: boolean;
  /** Notes to show on this step, in order. */
  readonly notices: readonly string[];
  /** What went wrong with the last action on this step, or null. */
  readonly error: string | null;
}

/** What the admin typed and chose; carried through every step so Previous loses nothing. */
export interface InitiateDraft {
  /** As typed; validated and normalised when Next is clicked. */
  readonly destinationUrl: string;
  readonly noUrl: boolean;
  /** The destination's answer to inspection; null before it and for a private destination. */
  readonly destination: DestinationDescription | null;
  readonly mode: ConnectionMode | null;
  readonly localName: string;
  readonly remoteName: string;
  readonly connectionName: string;
  /** Once the admin types a connection name, it stops following the short names. */
  readonly connectionNameEdited: boolean;
  readonly description: string;
  readonly projectKey: string | null;
}

interface InitiateStep<S extends string> extends StepCommon {
  readonly flow: 'initiate';
  readonly step: S;
}

/** The local instance is private: it can only accept. `error` says so; only Cancel is offered. */
export type InitiateUnavailableState = InitiateStep<'unavailable'>;

export interface DestinationStepState extends InitiateStep<'destination'> {
  readonly draft: InitiateDraft;
  readonly fieldErrors: FieldErrors;
}

export interface ModeStepState extends InitiateStep<'mode'> {
  readonly draft: InitiateDraft;
  /** Basic, Visual and Script, always in that order; unavailable ones carry the reason. */
  readonly options: readonly ModeOption[];
}

export interface InformationStepState extends InitiateStep<'information'> {
  readonly draft: InitiateDraft;
  readonly fieldErrors: FieldErrors;
}

export interface InitiateProjectStepState extends InitiateStep<'project'> {
  readonly draft: InitiateDraft;
  readonly projects: ProjectList;
}

export interface InvitationStepState extends InitiateStep<'invitation'> {
  readonly draft: InitiateDraft;
  readonly invitationCode: string;
  readonly connectionId: string;
  /** The Destination Instance URL, or "unknown" for a private destination. */
  readonly destination: string;
  /** When the code stops working, in words ("2026-11-25 14:00 UTC", or "unknown"): the initiator sees it too. */
  readonly expires: string;
  readonly copied: boolean;
}

export type InitiateClosedState = InitiateStep<'closed'>;

export type InitiateState =
  InitiateUnavailableState | DestinationStepState | ModeStepState | InformationStepState | InitiateProjectStepState | InvitationStepState | InitiateClosedState;

export interface AcceptDraft {
  /** As pasted; whitespace is removed when the code is sent. */
  readonly invitationCode: string;
  readonly projectKey: string | null;
}

interface AcceptStep<S extends string> extends StepCommon {
  readonly flow: 'accept';
  readonly step: S;
}

export interface CodeStepState extends AcceptStep<'code'> {
  readonly draft: AcceptDraft;
  readonly fieldErrors: FieldErrors;
}

/** One line of the invitation preview, already in words. */
export interface PreviewRow {
  readonly label: string;
  readonly value: string;
}

export interface PreviewStepState extends AcceptStep<'preview'> {
  readonly draft: AcceptDraft;
  readonly preview: WizardInvitationPreview;
  readonly summary: readonly PreviewRow[];
  /** Why this instance cannot accept the invitation (its mode); Next is refused while set. */
  readonly blockedReason: string | null;
}

export interface AcceptProjectStepState extends AcceptStep<'project'> {
  readonly draft: AcceptDraft;
  readonly preview: WizardInvitationPreview;
  readonly projects: ProjectList;
}

export interface AcceptedStepState extends AcceptStep<'accepted'> {
  readonly connectionId: string;
  readonly connectionName: string;
}

export type AcceptClosedState = AcceptStep<'closed'>;

export type AcceptState = CodeStepState | PreviewStepState | AcceptProjectStepState | AcceptedStepState | AcceptClosedState;

export type WizardState = InitiateState | AcceptState;

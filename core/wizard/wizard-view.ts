import { dialogTitles, fieldHelp, initiateActionLabel, labels, stepTitles } from './labels';
import type { WizardField } from './wizard-event';
import type { FieldErrors, WizardState } from './wizard-state';

/** Events a button sends; none carries data, so a UI dispatches `{ type: action.event }`. */
export type ActionEvent = 'cancel' | 'previous' | 'next' | 'reload_projects' | 'initiate' | 'accept' | 'copy' | 'done';

export interface ActionView {
  readonly event: ActionEvent;
  readonly label: string;
  /** False only while a request is in flight. Otherwise a click is answered with a message, not silence. */
  readonly enabled: boolean;
  readonly primary: boolean;
}

export type FieldView =
  | {
      readonly kind: 'text' | 'textarea';
      /** Sent back as `{ type: 'edit_field', field, value }`. */
      readonly field: WizardField;
      readonly label: string;
      readonly help: string;
      readonly required: boolean;
      readonly value: string;
      readonly error: string | null;
      readonly disabled: boolean;
    }
  | {
      readonly kind: 'toggle';
      /** Sent back as `{ type: 'set_no_url', noUrl }`. */
      readonly field: 'noUrl';
      readonly label: string;
      readonly help: string;
      readonly value: boolean;
      readonly disabled: boolean;
    };

/** What every UI draws around the step-specific content (mode options, project list, code, preview). */
export interface WizardView {
  readonly dialogTitle: string;
  readonly stepTitle: string;
  readonly fields: readonly FieldView[];
  readonly actions: readonly ActionView[];
}

function textField(
  kind: 'text' | 'textarea',
  field: WizardField,
  label: string,
  help: string,
  required: boolean,
  value: string,
  errors: FieldErrors,
  disabled: boolean,
): FieldView {
  return { kind, field, label, help, required, value, error: errors[field] ?? null, disabled };
}

function listFields(state: WizardState): readonly FieldView[] {
  const busy = state.busy;
  switch (state.step) {
    case 'destination':
      return [
        { kind: 'toggle', field: 'noUrl', label: labels.noUrl, help: fieldHelp.noUrl, value: state.draft.noUrl, disabled: busy },
        // Disabled rather than cleared while "I don't have a URL" is on, so turning it off restores the URL.
        textField(
          'text',
          'destinationUrl',
          labels.destinationInstanceUrl,
          fieldHelp.destinationUrl,
          !state.draft.noUrl,
          state.draft.destinationUrl,
          state.fieldErrors,
          busy || state.draft.noUrl,
        ),
      ];
    case 'information':
      return [
        textField('text', 'localName', labels.localInstanceShortName, fieldHelp.localName, true, state.draft.localName, state.fieldErrors, busy),
        textField('text', 'remoteName', labels.remoteInstanceShortName, fieldHelp.remoteName, true, state.draft.remoteName, state.fieldErrors, busy),
        textField('text', 'connectionName', labels.connectionName, fieldHelp.connectionName, true, state.draft.connectionName, state.fieldErrors, busy),
        textField('textarea', 'description', labels.description, fieldHelp.description, false, state.draft.description, state.fieldErrors, busy),
      ];
    case 'code':
      return [
        textField('textarea', 'invitationCode', labels.invitationCode, fieldHelp.invitationCode, true, state.draft.invitationCode, state.fieldErrors, busy),
      ];
    default:
      return [];
  }
}

function action(event: ActionEvent, label: string, enabled: boolean, primary = false): ActionView {
  return { event, label, enabled, primary };
}

function listActions(state: WizardState): readonly ActionView[] {
  const idle = !state.busy;
  const cancel = action('cancel', labels.cancel, true);
  const previous = action('previous', labels.previous, idle);
  const next = action('next', labels.next, idle, true);
  // Reload is offered only when the list came back empty or failed: the admin's way to retry.
  const reload =
    'projects' in state && (state.projects.status === 'empty' || state.projects.status === 'failed')
      ? [action('reload_projects', labels.reloadProjects, idle)]
      : [];
  switch (state.step) {
    case 'unavailable':
      return [cancel];
    case 'destination':
    case 'code':
      return [cancel, next];
    case 'mode':
    case 'information':
    case 'preview':
      return [cancel, previous, next];
    case 'project':
      return state.flow === 'initiate'
        ? [cancel, previous, ...reload, action('initiate', initiateActionLabel(state.context.local.tracker), idle, true)]
        : [cancel, previous, ...reload, action('accept', labels.accept, idle, true)];
    case 'invitation':
      return [action('copy', state.copied ? labels.copied : labels.copyInvitationCode, true), action('done', labels.done, true, true)];
    case 'accepted':
      return [action('done', labels.done, true, true)];
    case 'closed':
      return [];
  }
}

/** Titles, fields and buttons of a state, so the three UIs lay out the same wizard. */
export function viewWizard(state: WizardState): WizardView {
  return {
    dialogTitle: dialogTitles[state.flow],
    stepTitle: stepTitles[state.step],
    fields: listFields(state),
    actions: listActions(state),
  };
}

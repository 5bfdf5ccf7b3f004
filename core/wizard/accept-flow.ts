import { normaliseInvitationCode } from './field-validation';
import { summariseInvitation } from './invitation-summary';
import { notices } from './labels';
import { messages, nonBlankMessage } from './messages';
import { localModeRefusal } from './mode-options';
import { loadingProjects } from './project-list';
import { pickProject, submitProject } from './project-step';
import { closeAccept, stay, type Transition } from './transition-result';
import type { WizardContext } from './wizard-context';
import type { WizardInvitationPreview, WizardEvent } from './wizard-event';
import type { AcceptDraft, AcceptProjectStepState, AcceptState, AcceptedStepState, CodeStepState, PreviewStepState } from './wizard-state';

/** Opens Accept Invitation. Any instance can accept, a private one included. */
export function startAcceptWizard(context: WizardContext): AcceptState {
  return enterCode(context, { invitationCode: '', projectKey: null });
}

function enterCode(context: WizardContext, draft: AcceptDraft): CodeStepState {
  // The guides remind the private side that accepting is its part of a Public-Private connection.
  const stepNotices = context.local.isPublic ? [] : [notices.privateSideAccepts];
  return { flow: 'accept', step: 'code', context, busy: false, notices: stepNotices, error: null, draft, fieldErrors: {} };
}

/**
 * The mode is fixed by the initiator, so a mode this instance cannot run (Script on an unlicensed
 * Jira Server, Visual on a private instance) is reported here, before the admin picks a project.
 */
function enterPreview(context: WizardContext, draft: AcceptDraft, preview: WizardInvitationPreview): PreviewStepState {
  const refusal = localModeRefusal(context.local, preview.mode);
  return {
    flow: 'accept',
    step: 'preview',
    context,
    busy: false,
    notices: [],
    error: null,
    draft,
    preview,
    summary: summariseInvitation(preview),
    blockedReason: refusal === null ? null : messages.invitationModeRefused(preview.mode, refusal),
  };
}

function enterProject(state: PreviewStepState): Transition<AcceptProjectStepState> {
  const next: AcceptProjectStepState = {
    flow: 'accept',
    step: 'project',
    context: state.context,
    busy: false,
    notices: [],
    error: null,
    draft: state.draft,
    preview: state.preview,
    projects: loadingProjects,
  };
  return [next, [{ type: 'load_projects' }]];
}

function enterAccepted(state: AcceptProjectStepState, connectionId: string): AcceptedStepState {
  const connectionName = state.preview.connectionName;
  return {
    flow: 'accept',
    step: 'accepted',
    context: state.context,
    busy: false,
    notices: [notices.connectionActive(connectionName)],
    error: null,
    connectionId,
    connectionName,
  };
}

function onCode(state: CodeStepState, event: WizardEvent): Transition<AcceptState> {
  if (state.busy) {
    switch (event.type) {
      case 'invitation_previewed':
        return [enterPreview(state.context, state.draft, event.preview), []];
      case 'invitation_invalid':
        return [{ ...state, busy: false, error: nonBlankMessage(event.message, messages.invitationInvalid) }, []];
      case 'cancel':
        return closeAccept(state.context, false);
      default:
        return stay(state);
    }
  }
  switch (event.type) {
    case 'edit_field':
      if (event.field !== 'invitationCode') return stay(state);
      return [{ ...state, draft: { ...state.draft, invitationCode: event.value }, fieldErrors: {}, error: null }, []];
    case 'next': {
      const invitationCode = normaliseInvitationCode(state.draft.invitationCode);
      if (invitationCode === '') return [{ ...state, fieldErrors: { invitationCode: messages.invitationCodeRequired }, error: null }, []];
      return [{ ...state, busy: true, fieldErrors: {}, error: null }, [{ type: 'preview_invitation', invitationCode }]];
    }
    case 'cancel':
      return closeAccept(state.context, false);
    default:
      return stay(state);
  }
}

function onPreview(state: PreviewStepState, event: WizardEvent): Transition<AcceptState> {
  switch (event.type) {
    case 'next':
      if (state.blockedReason !== null) return [{ ...state, error: state.blockedReason }, []];
      return enterProject(state);
    case 'previous':
      return [enterCode(state.context, state.draft), []];
    case 'cancel':
      return closeAccept(state.context, false);
    default:
      return stay(state);
  }
}

function onProject(state: AcceptProjectStepState, event: WizardEvent): Transition<AcceptState> {
  if (state.busy) {
    switch (event.type) {
      case 'accepted':
        return [enterAccepted(state, event.connectionId), []];
      case 'accept_failed':
        return [{ ...state, busy: false, error: nonBlankMessage(event.message, messages.acceptFailed) }, []];
      case 'cancel':
        // The node may already have completed the handshake; the list must show the connection.
        return closeAccept(state.context, true);
      default:
        return stay(state);
    }
  }
  const picked = pickProject(state, event);
  if (picked !== null) return picked;
  switch (event.type) {
    case 'accept':
      return submitProject(state, (projectKey) => ({
        type: 'accept',
        request: { invitationCode: normaliseInvitationCode(state.draft.invitationCode), projectKey },
      }));
    case 'previous':
      return [enterPreview(state.context, state.draft, state.preview), []];
    case 'cancel':
      return closeAccept(state.context, false);
    default:
      return stay(state);
  }
}

function onAccepted(state: AcceptedStepState, event: WizardEvent): Transition<AcceptState> {
  // The connection is active: closing either way refreshes the list to show it.
  return event.type === 'done' || event.type === 'cancel' ? closeAccept(state.context, true) : stay(state);
}

export function transitionAccept(state: AcceptState, event: WizardEvent): Transition<AcceptState> {
  switch (state.step) {
    case 'code':
      return onCode(state, event);
    case 'preview':
      return onPreview(state, event);
    case 'project':
      return onProject(state, event);
    case 'accepted':
      return onAccepted(state, event);
    case 'closed':
      return stay(state);
  }
}

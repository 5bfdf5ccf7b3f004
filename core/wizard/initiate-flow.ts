import { connectionModes } from '../connection/connection';
import { trackerProfile } from '../trackers';
import { editInformation, isInformationField, validateInformation } from './connection-information';
import { normaliseDestinationUrl } from './field-validation';
import { buildInitiateRequest, displayDestination, requestDestinationUrl } from './initiate-request';
import { formatExpiry } from './invitation-summary';
import { notices, previewLabels } from './labels';
import { messages, nonBlankMessage } from './messages';
import { listModeNotices, listModeOptions } from './mode-options';
import { loadingProjects } from './project-list';
import { pickProject, submitProject } from './project-step';
import { closeInitiate, stay, type Transition } from './transition-result';
import type { WizardContext } from './wizard-context';
import type { DestinationDescription, WizardEvent } from './wizard-event';
import type {
  DestinationStepState,
  FieldErrors,
  InformationStepState,
  InitiateDraft,
  InitiateProjectStepState,
  InitiateState,
  InvitationStepState,
  ModeStepState,
} from './wizard-state';

/** What Initiate Connection opens with: nothing typed, nothing chosen. */
export const emptyInitiateDraft: InitiateDraft = {
  destinationUrl: '',
  noUrl: false,
  destination: null,
  mode: null,
  localName: '',
  remoteName: '',
  connectionName: '',
  connectionNameEdited: false,
  description: '',
  projectKey: null,
};

/** Opens Initiate Connection. A private instance cannot be reached, so it is told to accept instead. */
export function startInitiateWizard(context: WizardContext): InitiateState {
  if (!context.local.isPublic) {
    return { flow: 'initiate', step: 'unavailable', context, busy: false, notices: [], error: messages.localInstancePrivate };
  }
  return enterDestination(context, emptyInitiateDraft);
}

/** The other side as far as modes go: null when it is private ("I don't have a URL"). */
function destinationOf(draft: InitiateDraft): DestinationDescription | null {
  return draft.noUrl ? null : draft.destination;
}

function isPrivateConnection(draft: InitiateDraft): boolean {
  const destination = destinationOf(draft);
  return destination === null || !destination.isPublic;
}

/** Each guide opens with its note: the private guides say what the two sides are, the public one who becomes the source. */
function enterDestination(context: WizardContext, draft: InitiateDraft): DestinationStepState {
  const stepNotices = draft.noUrl ? [notices.publicAndPrivateSides, notices.privateConnectionExplained] : [notices.eitherSideInitiates];
  return { flow: 'initiate', step: 'destination', context, busy: false, notices: stepNotices, error: null, draft, fieldErrors: {} };
}

/** A mode chosen on an earlier visit is kept only while it is still offered (the URL may have changed). */
function enterMode(context: WizardContext, draft: InitiateDraft): ModeStepState {
  const destination = destinationOf(draft);
  const options = listModeOptions(context.local, destination);
  const keepsMode = options.some((option) => option.mode === draft.mode && option.available);
  return {
    flow: 'initiate',
    step: 'mode',
    context,
    busy: false,
    notices: listModeNotices(context.local, destination, options),
    error: null,
    draft: keepsMode ? draft : { ...draft, mode: null },
    options,
  };
}

/** A tracker whose guide has no project step says why it needs one (its profile holds the line). */
function projectStepNotices(context: WizardContext): readonly string[] {
  const notice = trackerProfile(context.local.tracker).console.projectStepNotice;
  return notice === null ? [] : [notice];
}

function privateConnectionNotices(draft: InitiateDraft): readonly string[] {
  return isPrivateConnection(draft) ? [notices.publicPrivateNote] : [];
}

function enterInformation(context: WizardContext, draft: InitiateDraft): InformationStepState {
  return { flow: 'initiate', step: 'information', context, busy: false, notices: privateConnectionNotices(draft), error: null, draft, fieldErrors: {} };
}

/** Every visit reloads the projects: one may have been created since, for instance after an empty list. */
function enterProject(context: WizardContext, draft: InitiateDraft): Transition<InitiateProjectStepState> {
  const state: InitiateProjectStepState = {
    flow: 'initiate',
    step: 'project',
    context,
    busy: false,
    notices: [...projectStepNotices(context), ...privateConnectionNotices(draft)],
    error: null,
    draft,
    projects: loadingProjects,
  };
  return [state, [{ type: 'load_projects' }]];
}

/** The wording of the invitation step follows the guides: the private one, or the on-premise (public) one. */
function invitationNotices(draft: InitiateDraft): readonly string[] {
  const onOtherSide = notices.acceptOnOtherSide(draft.remoteName.trim());
  return draft.noUrl
    ? [onOtherSide, notices.sendToPartner, notices.unknownDestination, notices.startAfterAcceptance]
    : [onOtherSide, notices.sendToDestinationAdmin, notices.partnerMustAccept, notices.refreshAfterAcceptance, notices.whatsNext];
}

function enterInvitation(
  state: InitiateProjectStepState,
  invitationCode: string,
  connectionId: string,
  expiresAt: number | string | null | undefined,
): InvitationStepState {
  return {
    flow: 'initiate',
    step: 'invitation',
    context: state.context,
    busy: false,
    notices: invitationNotices(state.draft),
    error: null,
    draft: state.draft,
    invitationCode,
    connectionId,
    destination: displayDestination(state.draft),
    expires: expiresAt === null || expiresAt === undefined ? previewLabels.unknownExpiry : formatExpiry(expiresAt),
    copied: false,
  };
}

function onDestination(state: DestinationStepState, event: WizardEvent): Transition<InitiateState> {
  if (state.busy) {
    switch (event.type) {
      case 'destination_inspected':
        return afterInspection(state, event.destination);
      case 'destination_inspection_failed': {
        const fallback = messages.destinationUnreachable(requestDestinationUrl(state.draft) ?? '');
        return [{ ...state, busy: false, error: nonBlankMessage(event.message, fallback) }, []];
      }
      case 'cancel':
        return closeInitiate(state.context, false);
      default:
        return stay(state);
    }
  }
  switch (event.type) {
    case 'edit_field':
      if (event.field !== 'destinationUrl') return stay(state);
      return [{ ...state, draft: { ...state.draft, destinationUrl: event.value }, fieldErrors: {}, error: null }, []];
    case 'set_no_url':
      // The typed URL is kept while the toggle is on, so turning it off again restores it.
      return [enterDestination(state.context, { ...state.draft, noUrl: event.noUrl }), []];
    case 'next': {
      // A private destination cannot be asked anything: there is no address and no inbound call.
      if (state.draft.noUrl) return [enterMode(state.context, { ...state.draft, destination: null }), []];
      const url = normaliseDestinationUrl(state.draft.destinationUrl);
      if (!url.ok) return [{ ...state, fieldErrors: { destinationUrl: url.error }, error: null }, []];
      return [{ ...state, busy: true, fieldErrors: {}, error: null }, [{ type: 'inspect_destination', url: url.value }]];
    }
    case 'cancel':
      return closeInitiate(state.context, false);
    default:
      return stay(state);
  }
}

function afterInspection(state: DestinationStepState, reported: DestinationDescription): Transition<InitiateState> {
  // Only modes this product knows are kept, in its own order, whatever the destination listed.
  const modes = connectionModes.filter((mode) => reported.modes.includes(mode));
  if (modes.length === 0) {
    return [{ ...state, busy: false, error: messages.destinationOffersNoMode(requestDestinationUrl(state.draft) ?? '') }, []];
  }
  const destination: DestinationDescription = { tracker: reported.tracker, isPublic: reported.isPublic, modes };
  return [enterMode(state.context, { ...state.draft, destination }), []];
}

function onMode(state: ModeStepState, event: WizardEvent): Transition<InitiateState> {
  switch (event.type) {
    case 'choose_mode': {
      const option = state.options.find((candidate) => candidate.mode === event.mode);
      if (option === undefined) return stay(state);
      if (!option.available) return [{ ...state, error: option.reason ?? messages.modeRequired }, []];
      return [{ ...state, draft: { ...state.draft, mode: option.mode }, error: null }, []];
    }
    case 'next':
      if (state.draft.mode === null) return [{ ...state, error: messages.modeRequired }, []];
      return [enterInformation(state.context, state.draft), []];
    case 'previous':
      return [enterDestination(state.context, state.draft), []];
    case 'cancel':
      return closeInitiate(state.context, false);
    default:
      return stay(state);
  }
}

function withoutErrors(errors: FieldErrors, fields: readonly string[]): FieldErrors {
  return Object.fromEntries(Object.entries(errors).filter(([field]) => !fields.includes(field)));
}

function onInformation(state: InformationStepState, event: WizardEvent): Transition<InitiateState> {
  switch (event.type) {
    case 'edit_field': {
      if (!isInformationField(event.field)) return stay(state);
      const draft = editInformation(state.draft, event.field, event.value);
      // A message stays until the field it is about changes, the derived connection name included.
      const changed = draft.connectionName === state.draft.connectionName ? [event.field] : [event.field, 'connectionName'];
      return [{ ...state, draft, fieldErrors: withoutErrors(state.fieldErrors, changed) }, []];
    }
    case 'next': {
      const fieldErrors = validateInformation(state.draft);
      if (Object.keys(fieldErrors).length > 0) return [{ ...state, fieldErrors }, []];
      return enterProject(state.context, state.draft);
    }
    case 'previous':
      return [enterMode(state.context, state.draft), []];
    case 'cancel':
      return closeInitiate(state.context, false);
    default:
      return stay(state);
  }
}

function onProject(state: InitiateProjectStepState, event: WizardEvent): Transition<InitiateState> {
  if (state.busy) {
    switch (event.type) {
      case 'initiated':
        return [enterInvitation(state, event.invitationCode, event.connectionId, event.expiresAt), []];
      case 'initiate_failed':
        return [{ ...state, busy: false, error: nonBlankMessage(event.message, messages.initiateFailed) }, []];
      case 'cancel':
        // The node may already have created the pending connection; the list must show it.
        return closeInitiate(state.context, true);
      default:
        return stay(state);
    }
  }
  const picked = pickProject(state, event);
  if (picked !== null) return picked;
  switch (event.type) {
    case 'initiate': {
      const { mode } = state.draft;
      return submitProject(state, (projectKey) => (mode === null ? null : { type: 'initiate', request: buildInitiateRequest(state.draft, mode, projectKey) }));
    }
    case 'previous':
      return [enterInformation(state.context, state.draft), []];
    case 'cancel':
      return closeInitiate(state.context, false);
    default:
      return stay(state);
  }
}

function onInvitation(state: InvitationStepState, event: WizardEvent): Transition<InitiateState> {
  switch (event.type) {
    case 'copy':
      return [{ ...state, copied: true, error: null }, [{ type: 'copy_to_clipboard', text: state.invitationCode }]];
    case 'copy_failed':
      return [{ ...state, copied: false, error: messages.copyFailed }, []];
    // The connection exists now (Pending): closing either way refreshes the list to show it.
    case 'done':
    case 'cancel':
      return closeInitiate(state.context, true);
    default:
      return stay(state);
  }
}

export function transitionInitiate(state: InitiateState, event: WizardEvent): Transition<InitiateState> {
  switch (state.step) {
    case 'unavailable':
      return event.type === 'cancel' ? closeInitiate(state.context, false) : stay(state);
    case 'destination':
      return onDestination(state, event);
    case 'mode':
      return onMode(state, event);
    case 'information':
      return onInformation(state, event);
    case 'project':
      return onProject(state, event);
    case 'invitation':
      return onInvitation(state, event);
    case 'closed':
      return stay(state);
  }
}

// The wizard's public face: hosts import it through core/index.ts, never the files behind it.
// Generic names (labels, messages, …) are re-exported with a `wizard` prefix so that core/index.ts
// can `export *` this module beside others without a name clash.
export { transition } from './transition';
export { startInitiateWizard } from './initiate-flow';
export { startAcceptWizard } from './accept-flow';
export { viewWizard } from './wizard-view';
export type { ActionEvent, ActionView, FieldView, WizardView } from './wizard-view';
export type { Transition as WizardTransition } from './transition-result';
export type { LocalInstance, WizardContext } from './wizard-context';
export type { DestinationDescription, WizardEvent, WizardField, WizardInvitationPreview } from './wizard-event';
export type { AcceptRequest, InitiateRequest, WizardEffect } from './wizard-effect';
export type * from './wizard-state';
export type { ModeOption } from './mode-options';
export type { ProjectList } from './project-list';
export {
  labels as wizardLabels,
  modeLabels as wizardModeLabels,
  modeExplanations as wizardModeExplanations,
  dialogTitles as wizardDialogTitles,
  stepTitles as wizardStepTitles,
  fieldHelp as wizardFieldHelp,
  notices as wizardNotices,
  previewLabels as wizardPreviewLabels,
  initiateActionLabel as wizardInitiateActionLabel,
} from './labels';
export { formatExpiry as formatInvitationExpiry } from './invitation-summary';
export { messages as wizardMessages, shortNameMaxLength, connectionNameMaxLength, descriptionMaxLength } from './messages';
// Exported so the admin API and the nodes can check the same input by the same rules, in the same
// words, as the wizard does (today core/admin has its own schema messages).
export { normaliseDestinationUrl, normaliseInvitationCode, validateConnectionName, validateDescription, validateShortName } from './field-validation';
export { localModeRefusal, listModeNotices, listModeOptions } from './mode-options';

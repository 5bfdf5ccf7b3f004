// The parts of core the console runs in the browser, in one place.
//
// Hosts import core through core/index.ts, but that entry also carries Script mode, whose QuickJS
// build requires Node's `fs` and weighs a megabyte: esbuild cannot bundle it for the browser. The
// wizard's own entry (core/wizard/index.ts) and the plain constants below are browser-safe, so the
// console imports them here, and only here; types may still come from core/index.ts (erased).
export {
  startAcceptWizard,
  startInitiateWizard,
  transition,
  viewWizard,
  wizardLabels,
  wizardModeLabels,
  wizardModeExplanations,
  wizardNotices,
  wizardMessages,
  wizardPreviewLabels,
  formatInvitationExpiry,
  type ActionView,
  type FieldView,
  type LocalInstance,
  type ModeOption,
  type PreviewRow,
  type ProjectList,
  type WizardContext,
  type WizardEffect,
  type WizardEvent,
  type WizardInvitationPreview,
  type WizardState,
  type WizardView,
  type InitiateRequest,
  type AcceptRequest,
  type DestinationDescription,
} from '../../core/wizard';
export { connectionModes, connectionStatuses, unknownDestination, type ConnectionMode, type ConnectionStatus } from '../../core/connection/connection';
export { type TrackerProject } from '../../core/ports/tracker';
export { trackerDisplayNames, trackerKinds, trackerProfiles, type TrackerKind } from '../../core/trackers';
export { err, ok, type Result } from '../../core/result';
export { maximumConnectionPageSize } from '../../core/connection/connection-page';
export { basicModeFields, type BasicModeField } from '../../core/rules/basic-mode-scripts';
export { mappingFieldOf, mappingFieldsOf, type MappingField } from '../../core/mapping/mapping-fields';
export { valueMapKinds, type MappingSide, type ValueMapKind } from '../../core/mapping/visual-mapping';
export { mappingFromView, type MappingView, type ViewDirection, type ViewSide, type ViewToggles } from '../../core/mapping/mapping-view';
export { unmappedValues, type UnmappedValue } from '../../core/mapping/unmapped-values';
export type { TrackerVocabularyNow } from '../../core/mapping/tracker-values';

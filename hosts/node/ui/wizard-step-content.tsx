import type { WizardEvent, WizardState } from '../../console-kit/browser-core';
import { InvitationCodeBox } from './invitation-code-box';
import { InvitationPreview } from './invitation-preview';
import { ModeOptionList } from './mode-option-list';
import { ProjectPicker } from './project-picker';

export interface WizardStepContentProps {
  readonly state: WizardState;
  readonly stepTitle: string;
  readonly stepTitleId: string;
  readonly dispatch: (event: WizardEvent) => void;
}

/** What a step shows besides its fields and buttons: mode options, project picker, code, preview. */
export function WizardStepContent({ state, stepTitle, stepTitleId, dispatch }: WizardStepContentProps) {
  switch (state.step) {
    case 'mode':
      return <ModeOptionList options={state.options} chosen={state.draft.mode} busy={state.busy} labelledBy={stepTitleId} dispatch={dispatch} />;
    case 'project':
      return <ProjectPicker projects={state.projects} chosen={state.draft.projectKey} busy={state.busy} prompt={stepTitle} dispatch={dispatch} />;
    case 'invitation':
      return (
        <InvitationCodeBox
          invitationCode={state.invitationCode}
          destination={state.destination}
          expires={state.expires}
          copied={state.copied}
          copyFailed={state.error !== null}
        />
      );
    case 'preview':
      return <InvitationPreview rows={state.summary} blockedReason={state.blockedReason} />;
    default:
      return null;
  }
}

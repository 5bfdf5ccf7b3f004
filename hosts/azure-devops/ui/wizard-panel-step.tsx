import { Dropdown } from 'azure-devops-ui/Dropdown';
import { FormItem } from 'azure-devops-ui/FormItem';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { RadioButton, RadioButtonGroup } from 'azure-devops-ui/RadioButton';
import { DropdownSelection } from 'azure-devops-ui/Utilities/DropdownSelection';
import { useMemo, type KeyboardEvent } from 'react';
import { wizardLabels, wizardModeExplanations, wizardNotices, type WizardEvent, type WizardState } from '../../console-kit/browser-core';
import { projectChoiceOf, type ProjectChoice, type WizardStepProps } from '../../console-kit/wizard-project-choice';
import { InvitationCodeDetails } from './invitation-code-details';

/** What a step shows besides its fields and buttons: mode options, project picker, code, preview. */
export function WizardPanelStep({ state, stepTitle, dispatch }: WizardStepProps) {
  switch (state.step) {
    case 'mode':
      return (
        // azure-devops-ui checks a radio only when the arrow keys move to it; Space on the focused
        // radio (WAI-ARIA's way to check it, and the only way when one mode is offered) is added here.
        <div onKeyDown={(event) => chooseFocusedMode(event, state, dispatch)}>
          {/* With no mode chosen yet, azure-devops-ui would show the first option (Basic, unavailable)
              as checked and make it the group's only Tab stop; "none" checks nothing, and the Tab
              stop goes to the first mode this instance offers. */}
          <RadioButtonGroup
            text={stepTitle}
            selectedButtonId={state.draft.mode ?? 'none'}
            defaultButtonId={state.options.find((option) => option.available)?.mode}
            onSelect={(mode) => dispatch({ type: 'choose_mode', mode: mode as ConnectionModeChoice })}
          >
            {state.options.map((option) => (
              <RadioButton
                key={option.mode}
                id={option.mode}
                className={`${modeClassPrefix}${option.mode}`}
                text={option.reason === undefined ? option.label : `${option.label} (${option.reason})`}
                disabled={state.busy || !option.available}
              />
            ))}
          </RadioButtonGroup>
          <dl className="exalate-summary exalate-mode-explanations">
            {state.options.map((option) => (
              <div key={option.mode} className="exalate-summary-row">
                <dt className="font-weight-semibold">{option.label}</dt>
                <dd className="secondary-text">{wizardModeExplanations[option.mode]}</dd>
              </div>
            ))}
          </dl>
        </div>
      );
    case 'project':
      return <ProjectDropdown choice={projectChoiceOf({ state, stepTitle, dispatch })} />;
    case 'invitation':
      return (
        <InvitationCodeDetails destination={state.destination} expires={state.expires} invitationCode={state.invitationCode}>
          <div aria-live="polite">{state.copied ? <MessageCard severity={MessageCardSeverity.Info}>{wizardNotices.copiedToClipboard}</MessageCard> : null}</div>
        </InvitationCodeDetails>
      );
    case 'preview':
      return (
        <div className="flex-column rhythm-vertical-8">
          <dl className="exalate-summary">
            {state.summary.map((row) => (
              <div key={row.label} className="exalate-summary-row">
                <dt className="secondary-text">{row.label}</dt>
                <dd>{row.value}</dd>
              </div>
            ))}
          </dl>
          {state.blockedReason === null ? null : <MessageCard severity={MessageCardSeverity.Warning}>{state.blockedReason}</MessageCard>}
        </div>
      );
    default:
      return null;
  }
}

function ProjectDropdown({ choice }: { readonly choice: ProjectChoice }) {
  const selection = useMemo(() => new DropdownSelection(), []);
  const items = choice.options.map((option) => ({ id: option.key, text: option.label }));
  const index = items.findIndex((item) => item.id === choice.chosen);
  if (index >= 0 && !selection.selected(index)) selection.select(index);
  if (choice.problem !== null) return <MessageCard severity={MessageCardSeverity.Warning}>{choice.problem}</MessageCard>;
  return (
    <FormItem label={`${wizardLabels.project} *`}>
      <Dropdown
        ariaLabel={wizardLabels.project}
        items={items}
        selection={selection}
        disabled={choice.disabled}
        placeholder={choice.placeholder}
        onSelect={(_event, item) => choice.choose(item.id)}
        width={320}
      />
    </FormItem>
  );
}

type ConnectionModeChoice = 'basic' | 'visual' | 'script';
const modeClassPrefix = 'exalate-mode-';

function chooseFocusedMode(event: KeyboardEvent, state: WizardState, dispatch: (event: WizardEvent) => void): void {
  if (event.key !== ' ' || state.step !== 'mode') return;
  const radio = (event.target as HTMLElement).closest('[role=radio]');
  const mode = Array.from(radio?.classList ?? [])
    .find((name) => name.startsWith(modeClassPrefix))
    ?.slice(modeClassPrefix.length);
  const option = state.options.find((candidate) => candidate.mode === mode);
  if (!option?.available || state.busy) return;
  event.preventDefault();
  dispatch({ type: 'choose_mode', mode: option.mode });
}

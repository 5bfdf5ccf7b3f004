import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { Panel } from 'azure-devops-ui/Panel';
import { viewWizard, type WizardState } from '../../console-kit/browser-core';
import { useWizard } from '../../console-kit/use-wizard';
import type { WizardEffectHost } from '../../console-kit/wizard-effect-runner';
import { WizardPanelField } from './wizard-panel-field';
import { WizardPanelStep } from './wizard-panel-step';

/**
 * A wizard in Azure DevOps' side panel. Titles, fields, notices and buttons are core's
 * `viewWizard` of the current state; each control sends an event to core's `transition`.
 */
export function WizardPanel({ start, host }: { readonly start: () => WizardState; readonly host: WizardEffectHost }) {
  const [state, dispatch] = useWizard(start, host);
  if (state.step === 'closed') return null;
  const view = viewWizard(state);
  return (
    <Panel
      onDismiss={() => dispatch({ type: 'cancel' })}
      titleProps={{ text: view.dialogTitle }}
      description={view.stepTitle === view.dialogTitle ? '' : view.stepTitle}
      size={1}
      footerButtonProps={view.actions.map((action) => ({
        text: action.label,
        primary: action.primary,
        subtle: action.event === 'cancel',
        disabled: !action.enabled,
        onClick: () => dispatch({ type: action.event }),
      }))}
    >
      <div className="exalate-wizard flex-column rhythm-vertical-16">
        {state.notices.map((notice) => (
          <p key={notice} className="secondary-text exalate-notice">
            {notice}
          </p>
        ))}
        {view.fields.map((field) => (
          <WizardPanelField key={field.field} field={field} dispatch={dispatch} />
        ))}
        <WizardPanelStep state={state} stepTitle={view.stepTitle} dispatch={dispatch} />
        {state.error === null ? null : (
          <div role="alert">
            <MessageCard severity={MessageCardSeverity.Error}>{state.error}</MessageCard>
          </div>
        )}
      </div>
    </Panel>
  );
}

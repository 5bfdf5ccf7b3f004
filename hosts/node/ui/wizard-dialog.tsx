import type { WizardState } from '../../console-kit/browser-core';
import { useWizard } from '../../console-kit/use-wizard';
import type { WizardEffectHost } from '../../console-kit/wizard-effect-runner';
import { WizardPanel } from './wizard-panel';

/** Initiate Connection or Accept Invitation, running: the state machine, its effects, its dialog. */
export function WizardDialog({ start, host }: { readonly start: () => WizardState; readonly host: WizardEffectHost }) {
  const [state, dispatch] = useWizard(start, host);
  // Closing is an effect (`close`) that unmounts this dialog; the closed state draws nothing.
  if (state.step === 'closed') return null;
  return <WizardPanel state={state} dispatch={dispatch} />;
}

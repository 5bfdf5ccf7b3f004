import { useEffect, useId, useRef, type FormEvent } from 'react';
import { viewWizard, wizardLabels, type WizardEvent, type WizardState } from '../../console-kit/browser-core';
import { ModalDialog } from './modal-dialog';
import { WizardFields } from './wizard-fields';
import { WizardStepContent } from './wizard-step-content';

const editableSelector = 'input:not([disabled]):not([readonly]), select:not([disabled]), textarea:not([disabled]):not([readonly])';

/**
 * One wizard state drawn as a dialog: core's `viewWizard` gives the titles, fields and buttons,
 * the step content adds what is particular to the step. Every word comes from core/wizard; every
 * control sends an event back, and nothing here decides what happens next.
 */
export function WizardPanel({ state, dispatch }: { readonly state: WizardState; readonly dispatch: (event: WizardEvent) => void }) {
  const view = viewWizard(state);
  const stepTitleId = useId();
  const form = useRef<HTMLFormElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const fieldErrors = 'fieldErrors' in state ? state.fieldErrors : null;

  // What the admin acts on first: the first field, else the marked button, else the step title.
  const focusStart = () => {
    const target =
      body.current?.querySelector<HTMLElement>(editableSelector) ?? form.current?.querySelector<HTMLElement>('[data-autofocus]') ?? heading.current;
    target?.focus();
  };

  // A new step moves focus into it, so a keyboard or screen reader user starts there.
  useEffect(focusStart, [state.flow, state.step]);

  // While a request is in flight the controls are disabled and the browser drops their focus,
  // which would also deafen the dialog to Escape: the step title holds it meanwhile, and when the
  // request ends on the same step (a failure) focus goes back to the step's first control.
  useEffect(() => {
    const active = document.activeElement;
    const lost = active === null || active === document.body || (active instanceof HTMLElement && active.matches(':disabled'));
    if (state.busy) {
      if (lost) heading.current?.focus();
    } else if (lost || active === heading.current) {
      focusStart();
    }
  }, [state.busy]);

  // After Next is refused, the first field with a message gets focus, so its message is read.
  // Only a new message moves focus: typing clears messages one by one and must not be interrupted.
  const previousErrors = useRef(fieldErrors);
  useEffect(() => {
    const before = previousErrors.current ?? {};
    previousErrors.current = fieldErrors;
    if (fieldErrors === null || !Object.keys(fieldErrors).some((field) => !(field in before))) return;
    body.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [fieldErrors]);

  const primary = view.actions.find((action) => action.primary);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (primary?.enabled) dispatch({ type: primary.event });
  };

  return (
    <ModalDialog
      title={view.dialogTitle}
      closeLabel={wizardLabels.cancel}
      busy={state.busy}
      onDismiss={() => dispatch({ type: 'cancel' })}
      className={`wizard wizard-${state.flow}`}
    >
      <form ref={form} className="wizard-form" noValidate onSubmit={submit}>
        <div className="modal-body" ref={body}>
          {view.stepTitle === view.dialogTitle ? null : (
            <h3 id={stepTitleId} ref={heading} tabIndex={-1} className="wizard-step-title">
              {view.stepTitle}
            </h3>
          )}
          {state.notices.length === 0 ? null : (
            <div className="notices">
              {state.notices.map((notice) => (
                <p key={notice}>{notice}</p>
              ))}
            </div>
          )}
          <WizardFields fields={view.fields} dispatch={dispatch} />
          <WizardStepContent state={state} stepTitle={view.stepTitle} stepTitleId={stepTitleId} dispatch={dispatch} />
          {state.error === null ? null : (
            <p className="message message-error" role="alert">
              {state.error}
            </p>
          )}
        </div>
        <footer className="modal-footer">
          {view.actions.map((action) => (
            <button
              key={action.event}
              type={action.primary ? 'submit' : 'button'}
              className={`button ${action.primary ? 'button-primary' : action.event === 'cancel' ? 'button-subtle' : 'button-default'}`}
              disabled={!action.enabled}
              data-autofocus={action.event === 'copy' || (state.step === 'accepted' && action.primary) ? '' : undefined}
              onClick={action.primary ? undefined : () => dispatch({ type: action.event })}
            >
              {action.label}
            </button>
          ))}
        </footer>
      </form>
    </ModalDialog>
  );
}

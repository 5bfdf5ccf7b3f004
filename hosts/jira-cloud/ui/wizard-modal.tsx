import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import { Stack, Text } from '@atlaskit/primitives';
import Heading from '@atlaskit/heading';
import SectionMessage from '@atlaskit/section-message';
import type { FormEvent } from 'react';
import { useWizard } from '../../console-kit/use-wizard';
import { viewWizard, wizardLabels, type WizardState } from '../../console-kit/browser-core';
import type { WizardEffectHost } from '../../console-kit/wizard-effect-runner';
import { WizardField } from './wizard-field';
import { WizardStepBody } from './wizard-step-body';

/**
 * A wizard as an Atlaskit modal. Titles, fields, notices and buttons are core's `viewWizard` of the
 * current state; every control sends an event to core's `transition` (through the node console's
 * useWizard, which also runs the effects), so no step, check or message is decided here.
 */
export function WizardModal({ start, host }: { readonly start: () => WizardState; readonly host: WizardEffectHost }) {
  const [state, dispatch] = useWizard(start, host);
  if (state.step === 'closed') return null;
  const view = viewWizard(state);
  const primary = view.actions.find((action) => action.primary);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (primary?.enabled) dispatch({ type: primary.event });
  };
  return (
    <Modal onClose={() => dispatch({ type: 'cancel' })} width="medium" label={view.dialogTitle} shouldCloseOnOverlayClick={!state.busy}>
      <form onSubmit={submit} noValidate>
        {/* The guides' screenshots show the dialog's close button ("Initiate connection x"): it is Cancel. */}
        <ModalHeader hasCloseButton closeButtonLabel={wizardLabels.cancel}>
          <ModalTitle>{view.dialogTitle}</ModalTitle>
        </ModalHeader>
        <ModalBody>
          <Stack space="space.150">
            {view.stepTitle === view.dialogTitle ? null : <Heading size="small">{view.stepTitle}</Heading>}
            {state.notices.map((notice) => (
              <Text key={notice} as="p" color="color.text.subtle">
                {notice}
              </Text>
            ))}
            <div>
              {view.fields.map((field) => (
                <WizardField key={field.field} field={field} dispatch={dispatch} />
              ))}
            </div>
            <WizardStepBody state={state} stepTitle={view.stepTitle} dispatch={dispatch} />
            {state.error === null ? null : (
              <div role="alert">
                <SectionMessage appearance="error">{state.error}</SectionMessage>
              </div>
            )}
          </Stack>
        </ModalBody>
        <ModalFooter>
          {view.actions.map((action) => (
            <Button
              key={action.event}
              type={action.primary ? 'submit' : 'button'}
              appearance={action.primary ? 'primary' : action.event === 'cancel' ? 'subtle' : 'default'}
              isDisabled={!action.enabled}
              isLoading={action.primary && state.busy}
              {...(action.primary ? {} : { onClick: () => dispatch({ type: action.event }) })}
            >
              {action.label}
            </Button>
          ))}
        </ModalFooter>
      </form>
    </Modal>
  );
}

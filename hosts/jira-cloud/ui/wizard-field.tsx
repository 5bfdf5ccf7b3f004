import { ErrorMessage, HelperMessage, Label, RequiredAsterisk } from '@atlaskit/form';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import Toggle from '@atlaskit/toggle';
import { Box, Inline } from '@atlaskit/primitives';
import { useId } from 'react';
import type { FieldView, WizardEvent } from '../../console-kit/browser-core';

/** One field of a wizard step, as core's `viewWizard` describes it, in Atlaskit's form controls. */
export function WizardField({ field, dispatch }: { readonly field: FieldView; readonly dispatch: (event: WizardEvent) => void }) {
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  if (field.kind === 'toggle') {
    return (
      <Box paddingBlockEnd="space.150">
        <Inline space="space.050" alignBlock="center">
          <Toggle
            id={id}
            isChecked={field.value}
            isDisabled={field.disabled}
            label={field.label}
            onChange={(event) => dispatch({ type: 'set_no_url', noUrl: event.currentTarget.checked })}
          />
          <Label htmlFor={id}>{field.label}</Label>
        </Inline>
        <HelperMessage>
          <span id={helpId}>{field.help}</span>
        </HelperMessage>
      </Box>
    );
  }
  const describedBy = field.error === null ? helpId : `${errorId} ${helpId}`;
  const onChange = (event: { currentTarget: { value: string } }) => dispatch({ type: 'edit_field', field: field.field, value: event.currentTarget.value });
  return (
    <Box paddingBlockEnd="space.150">
      <Label htmlFor={id}>
        {field.label}
        {field.required ? <RequiredAsterisk /> : null}
      </Label>
      {field.kind === 'textarea' ? (
        <TextArea
          id={id}
          name={field.field}
          value={field.value}
          isDisabled={field.disabled}
          isInvalid={field.error !== null}
          isMonospaced={field.field === 'invitationCode'}
          minimumRows={field.field === 'invitationCode' ? 5 : 3}
          aria-required={field.required}
          aria-describedby={describedBy}
          spellCheck={false}
          onChange={onChange}
        />
      ) : (
        <Textfield
          id={id}
          name={field.field}
          value={field.value}
          isDisabled={field.disabled}
          isInvalid={field.error !== null}
          aria-required={field.required}
          aria-describedby={describedBy}
          autoComplete="off"
          spellCheck={false}
          type={field.field === 'destinationUrl' ? 'url' : 'text'}
          onChange={onChange}
        />
      )}
      {field.error === null ? null : (
        <ErrorMessage>
          <span id={errorId}>{field.error}</span>
        </ErrorMessage>
      )}
      <HelperMessage>
        <span id={helpId}>{field.help}</span>
      </HelperMessage>
    </Box>
  );
}

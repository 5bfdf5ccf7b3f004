import { FormItem } from 'azure-devops-ui/FormItem';
import { TextField, TextFieldWidth } from 'azure-devops-ui/TextField';
import { Toggle } from 'azure-devops-ui/Toggle';
import type { FieldView, WizardEvent } from '../../console-kit/browser-core';

/** One field of a wizard step, as core's `viewWizard` describes it, in azure-devops-ui controls. */
export function WizardPanelField({ field, dispatch }: { readonly field: FieldView; readonly dispatch: (event: WizardEvent) => void }) {
  if (field.kind === 'toggle') {
    return (
      <FormItem message={field.help} className="exalate-field">
        <Toggle
          text={field.label}
          ariaLabel={field.label}
          checked={field.value}
          disabled={field.disabled}
          onChange={(_event, checked) => dispatch({ type: 'set_no_url', noUrl: checked })}
        />
      </FormItem>
    );
  }
  const inputId = `wizard-${field.field}`;
  return (
    <FormItem label={`${field.label}${field.required ? ' *' : ''}`} message={field.error ?? field.help} error={field.error !== null} className="exalate-field">
      <TextField
        inputId={inputId}
        ariaLabel={field.label}
        value={field.value}
        disabled={field.disabled}
        required={field.required}
        multiline={field.kind === 'textarea'}
        rows={field.field === 'invitationCode' ? 6 : 3}
        spellCheck={false}
        width={TextFieldWidth.auto}
        onChange={(_event, value) => dispatch({ type: 'edit_field', field: field.field, value })}
      />
    </FormItem>
  );
}

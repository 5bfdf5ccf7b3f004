import { useId } from 'react';
import type { FieldView, WizardEvent } from '../../console-kit/browser-core';

/** The text fields and the toggle of a step, exactly as core's `viewWizard` lists them. */
export function WizardFields({ fields, dispatch }: { readonly fields: readonly FieldView[]; readonly dispatch: (event: WizardEvent) => void }) {
  return (
    <>
      {fields.map((field) =>
        field.kind === 'toggle' ? (
          <ToggleField key={field.field} field={field} dispatch={dispatch} />
        ) : (
          <TextField key={field.field} field={field} dispatch={dispatch} />
        ),
      )}
    </>
  );
}

type TextFieldView = Extract<FieldView, { kind: 'text' | 'textarea' }>;
type ToggleFieldView = Extract<FieldView, { kind: 'toggle' }>;

function TextField({ field, dispatch }: { readonly field: TextFieldView; readonly dispatch: (event: WizardEvent) => void }) {
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const common = {
    id,
    name: field.field,
    value: field.value,
    disabled: field.disabled,
    // The wizard validates on Next, in its own words; the browser's own bubbles would compete.
    'aria-required': field.required,
    'aria-invalid': field.error !== null,
    'aria-describedby': field.error === null ? helpId : `${errorId} ${helpId}`,
    autoComplete: 'off',
    spellCheck: false,
    onChange: (event: { target: { value: string } }) => dispatch({ type: 'edit_field', field: field.field, value: event.target.value }),
  };
  return (
    <div className={`field${field.error === null ? '' : ' has-error'}`}>
      <label htmlFor={id} className="field-label">
        {field.label}
        {field.required ? (
          <span className="field-required" aria-hidden="true">
            *
          </span>
        ) : null}
      </label>
      {field.kind === 'textarea' ? (
        <textarea {...common} rows={field.field === 'invitationCode' ? 5 : 3} className={field.field === 'invitationCode' ? 'input code-input' : 'input'} />
      ) : (
        <input {...common} type={field.field === 'destinationUrl' ? 'url' : 'text'} className="input" />
      )}
      {field.error === null ? null : (
        <p id={errorId} className="field-error">
          {field.error}
        </p>
      )}
      <p id={helpId} className="field-help">
        {field.help}
      </p>
    </div>
  );
}

function ToggleField({ field, dispatch }: { readonly field: ToggleFieldView; readonly dispatch: (event: WizardEvent) => void }) {
  const id = useId();
  return (
    <div className="field field-toggle">
      <input
        id={id}
        type="checkbox"
        role="switch"
        className="switch"
        checked={field.value}
        disabled={field.disabled}
        aria-describedby={`${id}-help`}
        onChange={(event) => dispatch({ type: 'set_no_url', noUrl: event.target.checked })}
      />
      <label htmlFor={id} className="field-label">
        {field.label}
      </label>
      <p id={`${id}-help`} className="field-help">
        {field.help}
      </p>
    </div>
  );
}

import type { InputHTMLAttributes, ReactNode } from 'react';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className' | 'value' | 'onChange'> {
  readonly id: string;
  readonly label: ReactNode;
  readonly value: string;
  onChange(value: string): void;
  /** Classes of the field around the label and the input, besides `field`. */
  readonly fieldClassName?: string;
  /** A query or a code: set in a monospaced face. */
  readonly code?: boolean;
  /**
   * Given when the field checks what was typed: null while it is fine, else why not, shown under
   * the input (as `<id>-problem`) and announced.
   */
  readonly problem?: string | null;
  /** Shown under the input as `<id>-help`, and read with it. */
  readonly help?: ReactNode;
}

/**
 * The node console's labelled one-line text field. Nothing typed here is a word to check
 * (an address, a token, a query, a key), so the browser neither completes nor spell-checks it.
 */
export function TextField({ id, label, value, onChange, fieldClassName, code = false, problem, help, ...input }: TextFieldProps) {
  const problemId = `${id}-problem`;
  const helpId = `${id}-help`;
  const hasProblem = problem !== undefined && problem !== null;
  const describedBy = [hasProblem ? problemId : null, help === undefined ? null : helpId].filter((part) => part !== null).join(' ');
  return (
    <div className={['field', fieldClassName, hasProblem ? 'has-error' : undefined].filter((part) => part !== undefined && part !== '').join(' ')}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <input
        id={id}
        className={code ? 'input code-input' : 'input'}
        value={value}
        autoComplete="off"
        spellCheck={false}
        {...(problem === undefined ? {} : { 'aria-invalid': hasProblem })}
        {...(describedBy === '' ? {} : { 'aria-describedby': describedBy })}
        {...input}
        onChange={(event) => onChange(event.target.value)}
      />
      {hasProblem ? (
        <p id={problemId} className="field-error" role="alert">
          {problem}
        </p>
      ) : null}
      {help === undefined ? null : (
        <p id={helpId} className="field-help">
          {help}
        </p>
      )}
    </div>
  );
}

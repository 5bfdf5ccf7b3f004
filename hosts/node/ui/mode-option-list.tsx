import { useId } from 'react';
import { wizardModeExplanations, type ConnectionMode, type ModeOption, type WizardEvent } from '../../console-kit/browser-core';

export interface ModeOptionListProps {
  readonly options: readonly ModeOption[];
  readonly chosen: ConnectionMode | null;
  readonly busy: boolean;
  /** The step title's id: it names the group ("Configuration mode"). */
  readonly labelledBy: string;
  readonly dispatch: (event: WizardEvent) => void;
}

/** Basic, Visual and Script as a radio group, each with what it means; an unavailable mode stays visible with its reason. */
export function ModeOptionList({ options, chosen, busy, labelledBy, dispatch }: ModeOptionListProps) {
  const name = useId();
  return (
    <div role="radiogroup" aria-labelledby={labelledBy} className="mode-options">
      {options.map((option) => {
        const id = `${name}-${option.mode}`;
        const selected = chosen === option.mode;
        return (
          <div key={option.mode} className={`mode-option${selected ? ' is-selected' : ''}${option.available ? '' : ' is-unavailable'}`}>
            <input
              id={id}
              type="radio"
              name={name}
              value={option.mode}
              checked={selected}
              disabled={busy || !option.available}
              aria-describedby={option.reason === undefined ? `${id}-explanation` : `${id}-explanation ${id}-reason`}
              onChange={() => dispatch({ type: 'choose_mode', mode: option.mode })}
            />
            <label htmlFor={id} className="mode-option-label">
              {option.label}
            </label>
            <p id={`${id}-explanation`} className="mode-option-explanation">
              {wizardModeExplanations[option.mode]}
            </p>
            {option.reason === undefined ? null : (
              <p id={`${id}-reason`} className="mode-option-reason">
                {option.reason}
              </p>
            )}
          </div>
        );
      })}
    </div>
  );
}

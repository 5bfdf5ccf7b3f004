import { useCallback, useRef, useState } from 'react';
import { transition, type WizardEvent, type WizardState } from './browser-core';
import { runWizardEffect, type WizardEffectHost } from './wizard-effect-runner';

/**
 * A wizard held by a component: the state, and a dispatch that applies core's `transition` and
 * runs the effects it returns, feeding their answers back in. The state lives in a ref as well as
 * in React state, so two events in the same tick (a double click) each see the state the other
 * left, exactly as the wizard's own tests walk it.
 */
export function useWizard(start: () => WizardState, host: WizardEffectHost): readonly [WizardState, (event: WizardEvent) => void] {
  const [state, setState] = useState(start);
  const current = useRef(state);
  const hostRef = useRef(host);
  hostRef.current = host;

  const dispatch = useCallback((event: WizardEvent): void => {
    const [next, effects] = transition(current.current, event);
    current.current = next;
    setState(next);
    for (const effect of effects) {
      runWizardEffect(effect, hostRef.current).then(
        (answer) => {
          // An answer that arrives after Cancel meets a closed wizard, which ignores it.
          if (answer !== null) dispatch(answer);
        },
        (error: unknown) => {
          // The admin client returns failures as values; a throw here is a bug, not an outage.
          console.error('Exalate console: a wizard effect failed', effect.type, error);
        },
      );
    }
  }, []);

  return [state, dispatch] as const;
}

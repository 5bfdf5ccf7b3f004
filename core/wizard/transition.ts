import { transitionAccept } from './accept-flow';
import { transitionInitiate } from './initiate-flow';
import type { Transition } from './transition-result';
import type { WizardEvent } from './wizard-event';
import type { AcceptState, InitiateState, WizardState } from './wizard-state';

/**
 * The whole wizard: given a state and what happened, the next state and what the host must do.
 * Pure and total: no I/O, no clock, no throw. An event that does not apply to the state (a second
 * click while a request is in flight, a late answer after Cancel) returns the same state and no
 * effect. Every host renders the returned state and runs the effects; none decides a step itself.
 */
export function transition(state: InitiateState, event: WizardEvent): Transition<InitiateState>;
export function transition(state: AcceptState, event: WizardEvent): Transition<AcceptState>;
export function transition(state: WizardState, event: WizardEvent): Transition<WizardState>;
export function transition(state: WizardState, event: WizardEvent): Transition<WizardState> {
  return state.flow === 'initiate' ? transitionInitiate(state, event) : transitionAccept(state, event);
}

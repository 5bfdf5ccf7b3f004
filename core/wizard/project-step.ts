import { refuseProjectSubmission, updateProjectPicker } from './project-list';
import { stay, type Transition } from './transition-result';
import type { WizardEffect } from './wizard-effect';
import type { WizardEvent } from './wizard-event';
import type { AcceptProjectStepState, InitiateProjectStepState } from './wizard-state';

/** "Select a project for the incoming sync": the same step in both wizards, ending in Initiate or in Accept. */
type ProjectStepState = InitiateProjectStepState | AcceptProjectStepState;

/**
 * The picker's events on the step (the list arriving or failing, Reload, a choice): the step with
 * its list and its choice updated, or null when the event is not the picker's.
 */
export function pickProject<S extends ProjectStepState>(state: S, event: WizardEvent): Transition<S> | null {
  const update = updateProjectPicker({ projects: state.projects, projectKey: state.draft.projectKey }, event, state.context.local.tracker);
  if (update === null) return null;
  const draft = { ...state.draft, projectKey: update.picker.projectKey };
  return [{ ...state, draft, projects: update.picker.projects, error: null }, update.effects];
}

/**
 * Initiate or Accept: refused on the step while no listed project is chosen; otherwise the step
 * waits (busy) for the request the flow builds from the chosen key, or stays when it builds none.
 */
export function submitProject<S extends ProjectStepState>(state: S, request: (projectKey: string) => WizardEffect | null): Transition<S> {
  const refusal = refuseProjectSubmission({ projects: state.projects, projectKey: state.draft.projectKey });
  if (refusal !== null) return [{ ...state, error: refusal }, []];
  const projectKey = state.draft.projectKey;
  const effect = projectKey === null ? null : request(projectKey);
  if (effect === null) return stay(state);
  return [{ ...state, busy: true, error: null }, [effect]];
}

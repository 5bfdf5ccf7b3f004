import { wizardLabels, type WizardEvent, type WizardState } from './browser-core';

/** What a console's wizard step is drawn from, besides its fields and buttons. */
export interface WizardStepProps {
  readonly state: WizardState;
  /** The step's title, also the prompt of an empty choice ("Select a project for the incoming sync"). */
  readonly stepTitle: string;
  readonly dispatch: (event: WizardEvent) => void;
}

export interface ProjectOption {
  readonly key: string;
  readonly label: string;
}

/** The project step's one choice, as the Forge app's and the hub's pickers draw it. */
export interface ProjectChoice {
  /** Why there is nothing to choose (no project, or the list could not be read), or null. */
  readonly problem: string | null;
  readonly options: readonly ProjectOption[];
  readonly chosen: string | null;
  readonly loading: boolean;
  readonly disabled: boolean;
  readonly placeholder: string;
  choose(key: string): void;
}

/** The choice of the project for incoming sync, fed by the live tracker through `GET /projects`. */
export function projectChoiceOf({
  state,
  stepTitle,
  dispatch,
}: WizardStepProps & { readonly state: Extract<WizardState, { step: 'project' }> }): ProjectChoice {
  const { projects } = state;
  const loading = projects.status === 'loading';
  return {
    problem: projects.status === 'empty' || projects.status === 'failed' ? projects.message : null,
    options:
      projects.status === 'loaded'
        ? projects.projects.map((project) => ({ key: project.key, label: project.key === project.name ? project.name : `${project.name} (${project.key})` }))
        : [],
    chosen: state.draft.projectKey,
    loading,
    disabled: state.busy || loading,
    placeholder: loading ? wizardLabels.loadingProjects : stepTitle,
    choose: (key) => dispatch({ type: 'choose_project', key }),
  };
}

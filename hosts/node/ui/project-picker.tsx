import { useId } from 'react';
import { wizardLabels, type ProjectList, type WizardEvent } from '../../console-kit/browser-core';

export interface ProjectPickerProps {
  readonly projects: ProjectList;
  readonly chosen: string | null;
  readonly busy: boolean;
  /** The step's title, also the prompt of the empty choice ("Select a project for the incoming sync"). */
  readonly prompt: string;
  readonly dispatch: (event: WizardEvent) => void;
}

/** The project for incoming sync, fed by the live tracker through `GET /projects`. */
export function ProjectPicker({ projects, chosen, busy, prompt, dispatch }: ProjectPickerProps) {
  const id = useId();
  if (projects.status === 'empty' || projects.status === 'failed') {
    // Reload projects is one of the step's buttons; the message says what to do first.
    return (
      <p className="message message-warning" role="status">
        {projects.message}
      </p>
    );
  }
  const loading = projects.status === 'loading';
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {wizardLabels.project}
        <span className="field-required" aria-hidden="true">
          *
        </span>
      </label>
      <select
        id={id}
        className="input select"
        value={loading ? '' : (chosen ?? '')}
        disabled={loading || busy}
        aria-required="true"
        aria-busy={loading ? 'true' : undefined}
        onChange={(event) => dispatch({ type: 'choose_project', key: event.target.value })}
      >
        {loading ? (
          <option value="">{wizardLabels.loadingProjects}</option>
        ) : (
          <>
            <option value="" disabled>
              {prompt}
            </option>
            {projects.projects.map((project) => (
              <option key={project.key} value={project.key}>
                {describeProject(project)}
              </option>
            ))}
          </>
        )}
      </select>
    </div>
  );
}

/** Jira's project keys (SUP) help an admin; Asana's numeric ids and ADO's names-as-keys do not. */
function describeProject(project: { readonly key: string; readonly name: string }): string {
  const readableKey = project.key !== project.name && project.key.length <= 12 && !/^\d+$/.test(project.key);
  return readableKey ? `${project.name} (${project.key})` : project.name;
}

import type { TrackerProject } from '../ports/tracker';
import type { TrackerKind } from '../trackers';
import { messages, nonBlankMessage } from './messages';
import type { WizardEffect } from './wizard-effect';
import type { WizardEvent } from './wizard-event';

/** The project picker of the "Select a project for the incoming sync" step, fed by the live tracker. */
export type ProjectList =
  | { readonly status: 'loading' }
  | { readonly status: 'loaded'; readonly projects: readonly TrackerProject[] }
  /** The tracker answered with no project: nothing can receive incoming items yet. */
  | { readonly status: 'empty'; readonly message: string }
  | { readonly status: 'failed'; readonly message: string };

export const loadingProjects: ProjectList = { status: 'loading' };

export function receiveProjects(projects: readonly TrackerProject[], tracker: TrackerKind): ProjectList {
  if (projects.length === 0) return { status: 'empty', message: messages.noProjects(tracker) };
  return { status: 'loaded', projects };
}

export function failProjects(message: string): ProjectList {
  return { status: 'failed', message: nonBlankMessage(message, messages.projectsFailed) };
}

export function isListedProject(list: ProjectList, key: string | null): key is string {
  return key !== null && list.status === 'loaded' && list.projects.some((project) => project.key === key);
}

/**
 * A project chosen on an earlier visit of the step survives a reload only if the tracker still
 * lists it, so the admin never initiates into a project that was deleted meanwhile.
 */
export function keepListedProject(list: ProjectList, key: string | null): string | null {
  return isListedProject(list, key) ? key : null;
}

/** The picker as a step holds it: the list and the admin's choice. */
export interface ProjectPicker {
  readonly projects: ProjectList;
  readonly projectKey: string | null;
}

/**
 * The picker's own events, shared by both wizards. Returns null when the event is not one of them
 * or does not apply (a late list while none is awaited, a key the tracker did not list).
 */
export function updateProjectPicker(
  picker: ProjectPicker,
  event: WizardEvent,
  tracker: TrackerKind,
): { readonly picker: ProjectPicker; readonly effects: readonly WizardEffect[] } | null {
  switch (event.type) {
    case 'projects_loaded': {
      if (picker.projects.status !== 'loading') return null;
      const projects = receiveProjects(event.projects, tracker);
      return { picker: { projects, projectKey: keepListedProject(projects, picker.projectKey) }, effects: [] };
    }
    case 'projects_failed':
      if (picker.projects.status !== 'loading') return null;
      return { picker: { projects: failProjects(event.message), projectKey: picker.projectKey }, effects: [] };
    case 'reload_projects':
      if (picker.projects.status === 'loading') return null;
      return { picker: { projects: loadingProjects, projectKey: picker.projectKey }, effects: [{ type: 'load_projects' }] };
    case 'choose_project':
      if (!isListedProject(picker.projects, event.key)) return null;
      return { picker: { projects: picker.projects, projectKey: event.key }, effects: [] };
    default:
      return null;
  }
}

/** Why the step cannot be submitted yet, or null with the chosen key ready to send. */
export function refuseProjectSubmission(picker: ProjectPicker): string | null {
  if (picker.projects.status === 'loading') return messages.projectsStillLoading;
  return isListedProject(picker.projects, picker.projectKey) ? null : messages.projectRequired;
}

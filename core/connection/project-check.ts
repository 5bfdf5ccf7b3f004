import { ExalateError } from '../errors';
import type { TrackerV1 } from '../ports/tracker';

/** The project for incoming sync must exist in the live tracker now, not just in the admin's memory. */
export async function findProjectProblem(tracker: TrackerV1, projectKey: string): Promise<ExalateError | undefined> {
  const projects = await tracker.listProjects();
  if (projects.some((project) => project.key === projectKey)) return undefined;
  const known = projects
    .slice(0, 10)
    .map((project) => project.key)
    .join(', ');
  return new ExalateError(
    'project_unknown',
    `There is no project "${projectKey}" in this tracker${known ? ` (projects: ${known}${projects.length > 10 ? ', …' : ''})` : ''}. Choose one of the listed projects for incoming sync.`,
  );
}

import { ExalateError, type TriggerConditions } from '../../core';

/**
 * A trigger, as core's one grammar read it (core/trackers/trigger-query.ts), as what Asana's task
 * list of a project can filter: the project's gid and, optionally, completed or not. Asana's
 * profile offers triggers only these two fields (core/trackers/asana.ts).
 */
export interface AsanaFilter {
  readonly projectGid: string;
  readonly completed: boolean | undefined;
}

export function asanaFilterOf(trigger: TriggerConditions): AsanaFilter {
  let projectGid: string | undefined;
  let completed: boolean | undefined;
  for (const condition of trigger) {
    const value = condition.values[0] ?? '';
    const single = condition.operator === '=' && condition.values.length === 1;
    if (condition.field === 'project' && single && /^\d+$/.test(value)) projectGid = value;
    else if (condition.field === 'completed' && single && /^(true|false)$/i.test(value)) completed = value.toLowerCase() === 'true';
    else throw invalid(`"${condition.field} ${condition.operator} ${condition.values.join(', ')}" is not a condition the node understands`);
  }
  if (projectGid === undefined) throw invalid('it must name a project by its gid');
  return { projectGid, completed };
}

function invalid(reason: string): ExalateError {
  return new ExalateError(
    'invalid_request',
    `The Asana trigger cannot be used: ${reason}. Example: project = 1205000000000003 AND completed = false (the gid is in the project's URL).`,
  );
}

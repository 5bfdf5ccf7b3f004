import type { TriggerConditions } from '../../core';
import type { AsanaClient } from './asana-client';
import { asanaFilterOf } from './asana-filter';
import { taskPageSchema, type TaskResponse } from './asana-responses';

/** Asana's largest page (the `limit` parameter takes 1 to 100). */
const pageSize = 100;

/**
 * One page of the tasks a trigger takes, from the project's task list (`GET /projects/{gid}/tasks`)
 * with the opt_fields asked for: `completed` for keys only, the whole task's fields for bulk sync.
 * `completed_since=now` is Asana's way to list only incomplete tasks; completed ones are filtered here.
 */
export async function listProjectTasks(
  client: AsanaClient,
  trigger: TriggerConditions,
  page: { readonly cursor: string | null; readonly limit: number },
  optFields: string,
): Promise<{ readonly tasks: readonly TaskResponse[]; readonly nextCursor: string | null }> {
  const filter = asanaFilterOf(trigger);
  const answer = await client.json(
    {
      path: `/projects/${filter.projectGid}/tasks`,
      query: {
        opt_fields: optFields,
        limit: Math.min(pageSize, Math.max(1, Math.floor(page.limit))),
        offset: page.cursor ?? undefined,
        completed_since: filter.completed === false ? 'now' : undefined,
      },
      action: `list the tasks of project ${filter.projectGid}`,
    },
    taskPageSchema,
  );
  const tasks = filter.completed === true ? answer.data.filter((task) => task.completed === true) : answer.data;
  return { tasks, nextCursor: answer.next_page?.offset ?? null };
}

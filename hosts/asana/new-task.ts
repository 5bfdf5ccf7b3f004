import { ExalateError, type ItemChanges, type NewItem } from '../../core';
import { richTextToAsanaHtml } from '../../core/rich-text/html';
import { taskTypes } from './task-mapping';

/**
 * A NewItem as Asana creates it: what `POST /tasks` takes directly (`data`), and what is written
 * afterwards as an update (`followUp`: labels, priority, other custom fields, a section-like
 * status), which needs the task's workspace tags and field gids to be named.
 */
export interface NewTaskPlan {
  readonly data: Readonly<Record<string, unknown>>;
  readonly followUp: ItemChanges;
}

/** Throws invalid_request for a type Asana does not have: nothing is created. */
export function planNewTask(item: NewItem): NewTaskPlan {
  const subtype = Object.entries(taskTypes).find(([, name]) => name.toLowerCase() === item.type.toLowerCase())?.[0];
  if (subtype === undefined)
    throw new ExalateError('invalid_request', `Asana has no task type "${item.type}"; use ${Object.values(taskTypes).join(', ')}.`, {
      details: { tracker: 'asana' },
    });
  const status = item.status?.trim().toLowerCase();
  const data: Record<string, unknown> = { name: item.summary, projects: [item.projectKey], resource_subtype: subtype };
  if (item.description !== undefined) data['html_notes'] = richTextToAsanaHtml(item.description);
  if (status === 'completed' || status === 'incomplete') data['completed'] = status === 'completed';
  if (item.assigneeEmail !== undefined) data['assignee'] = item.assigneeEmail;
  if (item.parentKey !== undefined && item.parentKey !== null) data['parent'] = item.parentKey;
  const followUp: ItemChanges = {
    ...(item.labels !== undefined && item.labels.length > 0 ? { labels: item.labels } : {}),
    ...(item.priority !== undefined && item.priority !== null ? { priority: item.priority } : {}),
    ...(item.customFields !== undefined ? { customFields: item.customFields } : {}),
    ...(status !== undefined && status !== 'completed' && status !== 'incomplete' ? { status: item.status } : {}),
  };
  return { data, followUp };
}

export function hasFollowUp(plan: NewTaskPlan): boolean {
  return Object.keys(plan.followUp).length > 0;
}

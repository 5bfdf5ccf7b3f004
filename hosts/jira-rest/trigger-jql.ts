import { ExalateError, type TriggerCondition, type TriggerConditions, type TriggerField } from '../../core';
import { quoteJql } from './jql-text';

/** The JQL field each trigger field is written as. */
const jqlFields: Readonly<Record<TriggerField, string | undefined>> = {
  project: 'project',
  type: 'issuetype',
  status: 'status',
  label: 'labels',
  // Jira has no completed flag; core's grammar never hands it one (core/trackers/jira-family.ts).
  completed: undefined,
};

/**
 * A parsed trigger as a JQL search, oldest first as the Tracker port promises (`ORDER BY key` is
 * stable across pages, which paging by startAt or nextPageToken needs). Values are always quoted,
 * so a project called "Sales and Marketing" or a label with a quote in it stays one value.
 */
export function jqlOfTrigger(trigger: TriggerConditions): string {
  return `${trigger.map(jqlCondition).join(' AND ')} ORDER BY key ASC`;
}

function jqlCondition(condition: TriggerCondition): string {
  const field = jqlFields[condition.field];
  if (field === undefined) throw new ExalateError('invalid_request', `Jira triggers cannot test "${condition.field}"; use project, type, status or labels.`);
  if (condition.operator === 'in') return `${field} IN (${condition.values.map(quoteJql).join(', ')})`;
  return `${field} ${condition.operator} ${quoteJql(condition.values[0] ?? '')}`;
}

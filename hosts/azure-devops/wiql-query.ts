import { ExalateError, type TriggerCondition, type TriggerConditions, type TriggerField } from '../../core';

/**
 * A trigger, as core's one grammar read it (core/trackers/trigger-query.ts), written as the WHERE
 * clause of a WIQL query. The adapter translates; it never reads the trigger's text itself.
 */
const wiqlFields: Readonly<Record<TriggerField, string | undefined>> = {
  project: '[System.TeamProject]',
  type: '[System.WorkItemType]',
  status: '[System.State]',
  label: '[System.Tags]',
  // Work items have no completed flag; core's grammar never hands Azure DevOps one (core/trackers/azure-devops.ts).
  completed: undefined,
};

export function wiqlOfTrigger(trigger: TriggerConditions): string {
  return trigger.map(wiqlCondition).join(' AND ');
}

function wiqlCondition(condition: TriggerCondition): string {
  const field = wiqlFields[condition.field];
  if (field === undefined)
    throw new ExalateError(
      'invalid_request',
      `Azure DevOps triggers cannot test "${condition.field}"; use project, type, status or labels (or their [System.…] names).`,
    );
  const quoted = condition.values.map(wiqlValue);
  // Tags hold several values in one field: equality on a tag is CONTAINS in WIQL.
  if (field === '[System.Tags]' && condition.operator !== 'in')
    return `${field} ${condition.operator === '=' ? 'CONTAINS' : 'NOT CONTAINS'} ${quoted[0] ?? "''"}`;
  if (condition.operator === 'in') return `${field} IN (${quoted.join(', ')})`;
  return `${field} ${condition.operator === '!=' ? '<>' : '='} ${quoted[0] ?? "''"}`;
}

/** A WIQL macro (@project, @me, @today-7) stays bare; the rest is text. */
function wiqlValue(value: string): string {
  return /^@\w+([+-]\d+)?$/.test(value) ? value : wiqlText(value);
}

/** A WIQL literal for text (single quotes doubled, as WIQL escapes them). */
export function wiqlText(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

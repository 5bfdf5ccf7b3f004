import { ExalateError } from '../../core';

/**
 * Trigger queries for Azure DevOps, in the subset admins write (see core's trigger-query):
 * `project = Fabrikam AND type = Bug AND status = Active AND labels = sync`, `project in (A, B)`,
 * `!=`, or real WIQL conditions (`[System.TeamProject] = 'Fabrikam'`), with or without
 * `SELECT … FROM WorkItems WHERE`. This turns them into the WHERE clause of a WIQL query.
 */
const friendlyFields: Readonly<Record<string, string>> = {
  project: '[System.TeamProject]',
  type: '[System.WorkItemType]',
  issuetype: '[System.WorkItemType]',
  workitemtype: '[System.WorkItemType]',
  status: '[System.State]',
  state: '[System.State]',
  labels: '[System.Tags]',
  label: '[System.Tags]',
  tags: '[System.Tags]',
  assignee: '[System.AssignedTo]',
  title: '[System.Title]',
  summary: '[System.Title]',
};

const conditionPattern = /^\s*(\[[\w. ]+\]|[A-Za-z]+)\s*(!=|<>|>=|<=|=|>|<|\bnot\s+in\b|\bin\b|\bnot\s+contains\b|\bcontains\b)\s*(.+?)\s*$/i;

export function wiqlConditionsOf(query: string): string {
  const text = query.trim().replace(/\s+order\s+by\s+.*$/is, '').replace(/^select\s+.*?\s+from\s+workitems\s*(where\s+)?/is, '');
  if (text === '') return '';
  return splitOnAnd(text).map((part) => translateCondition(query, part)).join(' AND ');
}

function translateCondition(query: string, part: string): string {
  const match = conditionPattern.exec(part);
  const fieldText = match?.[1] ?? '';
  const field = fieldText.startsWith('[') ? fieldText : friendlyFields[fieldText.toLowerCase()];
  if (match === null || field === undefined) throw invalid(query, `"${part.trim()}" is not a condition the node understands`);
  const operator = (match[2] ?? '').toLowerCase().replace(/\s+/g, ' ');
  const valueText = match[3] ?? '';
  const isList = operator === 'in' || operator === 'not in';
  const values = isList ? /^\((.*)\)$/s.exec(valueText.trim())?.[1]?.split(',').map(readValue) : [readValue(valueText)];
  if (values === undefined || values.some((value) => value === '')) throw invalid(query, `the value in "${part.trim()}" is not readable`);
  const quoted = values.map((value) => quote(field, value));
  // Tags hold several values in one field: equality on a tag is CONTAINS in WIQL.
  if (field === '[System.Tags]' && (operator === '=' || operator === '!=' || operator === '<>')) return `${field} ${operator === '=' ? 'CONTAINS' : 'NOT CONTAINS'} ${quoted[0] ?? "''"}`;
  if (isList) return `${field} ${operator === 'in' ? 'IN' : 'NOT IN'} (${quoted.join(', ')})`;
  const wiqlOperator = operator === '!=' ? '<>' : operator === 'contains' ? 'CONTAINS' : operator === 'not contains' ? 'NOT CONTAINS' : operator;
  return `${field} ${wiqlOperator} ${quoted[0] ?? "''"}`;
}

/** Splits on AND outside quotes, brackets and parentheses. */
function splitOnAnd(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quote: string | undefined;
  let depth = 0;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index] ?? '';
    if (quote !== undefined) {
      if (character === quote) quote = undefined;
    } else if (character === '"' || character === "'") quote = character;
    else if (character === '(' || character === '[') depth += 1;
    else if (character === ')' || character === ']') depth -= 1;
    else if (depth === 0 && /^\sand\s/i.test(text.slice(index, index + 5))) {
      parts.push(current);
      current = '';
      index += 4;
      continue;
    }
    current += character;
  }
  parts.push(current);
  return parts;
}

const numericFields = new Set(['[System.Id]', '[System.Rev]', '[Microsoft.VSTS.Common.Priority]']);

function readValue(text: string): string {
  return text.trim().replace(/^(["'])(.*)\1$/s, '$2');
}

/** A WIQL macro (@project, @me, @today-7) or a number for a numeric field stays bare; the rest is text. */
function quote(field: string, value: string): string {
  if (/^@\w+([+-]\d+)?$/.test(value) || (numericFields.has(field) && /^-?\d+$/.test(value))) return value;
  return `'${value.replace(/'/g, "''")}'`;
}

/** A WIQL literal for text (single quotes doubled, as WIQL escapes them). */
export function wiqlText(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function invalid(query: string, reason: string): ExalateError {
  return new ExalateError('invalid_request', `The Azure DevOps trigger "${query.slice(0, 200)}" cannot be used: ${reason}. Example: project = Fabrikam AND type = Bug, or [System.TeamProject] = 'Fabrikam' AND [System.State] = 'Active'.`);
}

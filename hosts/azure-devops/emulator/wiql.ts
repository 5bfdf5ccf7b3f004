import type { AzureDevOpsUserRecord, WorkItemRecord } from './work-item-records';
import { identityFields } from './work-item-records';

/**
 * The part of WIQL (Work Item Query Language, learn.microsoft.com/azure/devops/boards/queries/wiql-syntax)
 * the emulator answers: flat queries over WorkItems, conditions joined by AND, the operators
 * = <> > < >= <= CONTAINS, NOT CONTAINS and IN, the macros @project, @me and @today, ORDER BY.
 */
export interface WiqlCondition {
  readonly field: string;
  readonly operator: '=' | '<>' | '>' | '<' | '>=' | '<=' | 'contains' | 'not contains' | 'in';
  readonly values: readonly string[];
}

export interface WiqlQuery {
  readonly columns: readonly string[];
  readonly conditions: readonly WiqlCondition[];
  readonly orderBy: readonly { readonly field: string; readonly descending: boolean }[];
}

const friendlyFields: Readonly<Record<string, string>> = {
  id: 'System.Id',
  title: 'System.Title',
  state: 'System.State',
  'work item type': 'System.WorkItemType',
  'team project': 'System.TeamProject',
  tags: 'System.Tags',
  'changed date': 'System.ChangedDate',
  'created date': 'System.CreatedDate',
  'assigned to': 'System.AssignedTo',
  'area path': 'System.AreaPath',
  'iteration path': 'System.IterationPath',
  priority: 'Microsoft.VSTS.Common.Priority',
  rev: 'System.Rev',
};

const dateFields = new Set(['System.ChangedDate', 'System.CreatedDate', 'System.AuthorizedDate', 'Microsoft.VSTS.Common.StateChangeDate']);

export type WiqlParse = { readonly ok: true; readonly query: WiqlQuery } | { readonly ok: false; readonly message: string };

export function referenceName(name: string): string {
  const bare = name.replace(/^\[|\]$/g, '').trim();
  return friendlyFields[bare.toLowerCase()] ?? bare;
}

export function parseWiql(text: string): WiqlParse {
  const match = /^\s*select\s+(.+?)\s+from\s+workitems\s*(?:where\s+(.+?))?\s*(?:order\s+by\s+(.+?))?\s*$/is.exec(text);
  if (match === null) return { ok: false, message: 'TF51006: The query statement is missing a FROM clause, or is not a flat query over WorkItems.' };
  const columns = (match[1] ?? '').split(',').map((column) => referenceName(column));
  const conditions: WiqlCondition[] = [];
  const where = match[2]?.trim() ?? '';
  if (where !== '') {
    if (/\s(or|ever|asof)\s/i.test(` ${where} `)) return { ok: false, message: 'TF51006: The emulator answers WIQL conditions joined by AND only.' };
    for (const part of splitConditions(where.replace(/^\((.*)\)$/s, '$1'))) {
      const condition = /^\s*(\[[^\]]+\])\s*(=|<>|!=|>=|<=|>|<|not\s+contains|contains(?:\s+words)?|in)\s*(.+?)\s*$/is.exec(part);
      if (condition === null) return { ok: false, message: `TF51006: Expecting a condition near "${part.trim().slice(0, 80)}".` };
      const operatorText = (condition[2] ?? '').toLowerCase().replace(/\s+/g, ' ');
      const operator = operatorText === '!=' ? '<>' : operatorText.startsWith('contains') ? 'contains' : (operatorText as WiqlCondition['operator']);
      const valueText = (condition[3] ?? '').trim();
      const values = operator === 'in' ? /^\((.*)\)$/s.exec(valueText)?.[1]?.split(',').map(readValue) : [readValue(valueText)];
      if (values === undefined || values.some((value) => value === undefined))
        return { ok: false, message: `TF51006: The value in "${part.trim().slice(0, 80)}" cannot be read.` };
      conditions.push({ field: referenceName(condition[1] ?? ''), operator, values: values as string[] });
    }
  }
  const orderBy = (match[3] ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const [field = '', direction = ''] = part.split(/\s+(?=asc$|desc$)/i);
      return { field: referenceName(field), descending: direction.toLowerCase() === 'desc' };
    });
  return { ok: true, query: { columns, conditions, orderBy: orderBy.length > 0 ? orderBy : [{ field: 'System.Id', descending: false }] } };
}

/** Splits on AND outside quotes and brackets. */
function splitConditions(where: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quote: string | undefined;
  let depth = 0;
  for (let index = 0; index < where.length; index += 1) {
    const character = where[index] ?? '';
    if (quote !== undefined) {
      if (character === quote) quote = undefined;
    } else if (character === "'" || character === '"') quote = character;
    else if (character === '(' || character === '[') depth += 1;
    else if (character === ')' || character === ']') depth -= 1;
    else if (depth === 0 && /^\sand\s/i.test(where.slice(index, index + 5))) {
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

function readValue(text: string): string | undefined {
  const trimmed = text.trim();
  const quoted = /^'((?:[^']|'')*)'$|^"((?:[^"]|"")*)"$/s.exec(trimmed);
  if (quoted !== null) return quoted[1] !== undefined ? quoted[1].replace(/''/g, "'") : (quoted[2] ?? '').replace(/""/g, '"');
  return /^(@\w+(\s*[+-]\s*\d+)?|-?\d+(\.\d+)?)$/.test(trimmed) ? trimmed.replace(/\s+/g, '') : undefined;
}

export interface WiqlEvaluation {
  readonly project: string | undefined;
  readonly me: AzureDevOpsUserRecord;
  readonly now: string;
  readonly timePrecision: boolean;
}

export type WiqlRun = { readonly ok: true; readonly items: readonly WorkItemRecord[] } | { readonly ok: false; readonly message: string };

export function runWiql(query: WiqlQuery, items: readonly WorkItemRecord[], context: WiqlEvaluation): WiqlRun {
  for (const condition of query.conditions) {
    // Date precision is the default: a time in a date literal is refused unless timePrecision=true.
    if (dateFields.has(condition.field) && !context.timePrecision && condition.values.some((value) => /\d{4}-\d{2}-\d{2}[T ]\d/.test(value))) {
      return {
        ok: false,
        message: `VS402356: You cannot supply a time with the date when running a query using date precision. The error is caused by «[${condition.field}] ${condition.operator} '${condition.values[0] ?? ''}'».`,
      };
    }
  }
  const matching = items.filter((item) => query.conditions.every((condition) => matches(item, condition, context)));
  const sorted = [...matching].sort((left, right) => {
    for (const order of query.orderBy) {
      const compared = compareValues(
        left.fields[order.field] ?? (order.field === 'System.Id' ? left.id : undefined),
        right.fields[order.field] ?? (order.field === 'System.Id' ? right.id : undefined),
      );
      if (compared !== 0) return order.descending ? -compared : compared;
    }
    return left.id - right.id;
  });
  return { ok: true, items: sorted };
}

function matches(item: WorkItemRecord, condition: WiqlCondition, context: WiqlEvaluation): boolean {
  const actual = condition.field === 'System.Id' ? item.id : item.fields[condition.field];
  const wanted = condition.values.map((value) => resolveMacro(value, context));
  if (condition.field === 'System.Tags' && (condition.operator === 'contains' || condition.operator === 'not contains')) {
    const tags = String(actual ?? '')
      .split(';')
      .map((tag) => tag.trim().toLowerCase());
    const found = wanted.some((value) => tags.includes(value.toLowerCase()));
    return condition.operator === 'contains' ? found : !found;
  }
  const isDate = dateFields.has(condition.field);
  const normalise = (value: unknown): unknown => (isDate && !context.timePrecision && typeof value === 'string' ? value.slice(0, 10) : value);
  const left = identityFields.has(condition.field) ? String(actual ?? '') : normalise(actual);
  const identityMatches = (value: string): boolean => {
    const user = [context.me].find(
      (candidate) => candidate.email.toLowerCase() === value.toLowerCase() || candidate.displayName.toLowerCase() === value.toLowerCase(),
    );
    return String(actual ?? '').toLowerCase() === (user?.email ?? value).toLowerCase();
  };
  switch (condition.operator) {
    case '=':
      return identityFields.has(condition.field) ? identityMatches(wanted[0] ?? '') : compareValues(left, normalise(wanted[0])) === 0;
    case '<>':
      return identityFields.has(condition.field) ? !identityMatches(wanted[0] ?? '') : compareValues(left, normalise(wanted[0])) !== 0;
    case 'in':
      return wanted.some((value) => compareValues(left, normalise(value)) === 0);
    case 'contains':
      return String(actual ?? '')
        .toLowerCase()
        .includes((wanted[0] ?? '').toLowerCase());
    case 'not contains':
      return !String(actual ?? '')
        .toLowerCase()
        .includes((wanted[0] ?? '').toLowerCase());
    default: {
      if (actual === undefined) return false;
      const compared = compareValues(left, normalise(wanted[0]));
      return condition.operator === '>'
        ? compared > 0
        : condition.operator === '<'
          ? compared < 0
          : condition.operator === '>='
            ? compared >= 0
            : compared <= 0;
    }
  }
}

function resolveMacro(value: string, context: WiqlEvaluation): string {
  if (value.toLowerCase() === '@project') return context.project ?? '';
  if (value.toLowerCase() === '@me') return context.me.email;
  const today = /^@today([+-]\d+)?$/i.exec(value);
  if (today === null) return value;
  const day = new Date(Date.parse(context.now.slice(0, 10)) + Number(today[1] ?? 0) * 86_400_000);
  return day.toISOString().slice(0, 10);
}

function compareValues(left: unknown, right: unknown): number {
  if (left === undefined || left === null) return right === undefined || right === null ? 0 : -1;
  if (right === undefined || right === null) return 1;
  const leftNumber = Number(left);
  const rightNumber = Number(right);
  if (typeof left === 'number' && Number.isFinite(rightNumber)) return leftNumber - rightNumber;
  const leftDate = typeof left === 'string' && /^\d{4}-\d{2}-\d{2}/.test(left) ? Date.parse(left) : Number.NaN;
  const rightDate = typeof right === 'string' && /^\d{4}-\d{2}-\d{2}/.test(right) ? Date.parse(right) : Number.NaN;
  if (Number.isFinite(leftDate) && Number.isFinite(rightDate)) return leftDate - rightDate;
  return String(left).toLowerCase().localeCompare(String(right).toLowerCase());
}

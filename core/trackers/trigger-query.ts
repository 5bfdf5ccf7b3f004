import { ExalateError } from '../errors';
import type { TrackerItem } from '../ports/tracker-item';
import { err, ok, type Result } from '../result';
import { trackerProfile, type TrackerKind } from './index';
import type { TriggerLanguage } from './tracker-profile';
import type { TriggerCondition, TriggerConditions, TriggerField } from './trigger-condition';

/**
 * The one trigger grammar. Triggers are written in the tracker's own language, in a subset every
 * admin recognises; each tracker's profile names the fields its admins write (trigger.fields):
 * - Jira (JQL): `project = SUP AND type = Bug AND status = "In Progress" AND labels = sync`,
 *   `project in (SUP, OPS)`, `!=`, and a trailing `ORDER BY …` (ignored).
 * - Azure DevOps (WIQL): `[System.TeamProject] = 'Fabrikam' AND [System.WorkItemType] = 'Bug'`,
 *   with or without `SELECT … FROM WorkItems WHERE`.
 * - Asana: `project = 1205000000000003 AND completed = false`.
 * The engine matches a changed item against the conditions itself, so an event needs no search;
 * a search (bulk sync) hands the same conditions to the adapter, which only translates them: an
 * adapter never sees the text, so one the grammar refuses is refused here, before any tracker call.
 */
const conditionPattern = /^\s*(\[[\w.]+\]|[A-Za-z]+)\s*(!=|<>|=|\bin\b|\bcontains\b)\s*(.+?)\s*$/i;

export function parseTriggerQuery(query: string, tracker: TrackerKind): Result<TriggerConditions> {
  return parseTriggerText(query, trackerProfile(tracker).trigger);
}

/** The grammar itself, for one trigger language (a profile's `trigger`). */
export function parseTriggerText(query: string, language: TriggerLanguage): Result<TriggerConditions> {
  let text = query.trim().replace(/\s+order\s+by\s+.*$/is, '');
  if (language.statementHead !== null) text = text.replace(language.statementHead, '');
  if (text === '') return err(invalid(query, 'it is empty'));
  const conditions: TriggerCondition[] = [];
  for (const part of splitOnAnd(text)) {
    const match = conditionPattern.exec(part);
    const field = match ? fieldOf(language.fields, match[1]!) : undefined;
    if (!match || !field) return err(invalid(query, `"${part.trim()}" is not a condition this node understands`));
    const operatorText = match[2]!.toLowerCase();
    const operator = operatorText === 'in' ? 'in' : operatorText === '=' || operatorText === 'contains' ? '=' : '!=';
    if (operator !== 'in' && !isReadableValue(match[3]!)) {
      return err(
        invalid(
          query,
          /\sor\s/i.test(match[3]!)
            ? 'OR is not supported; add one trigger per alternative'
            : `the value in "${part.trim()}" is not readable (quote values with spaces)`,
        ),
      );
    }
    const values = operator === 'in' ? parseList(match[3]!) : [unquote(match[3]!)];
    if (!values || values.some((value) => value === '')) return err(invalid(query, `the value in "${part.trim()}" is not readable`));
    conditions.push({ field, operator, values });
  }
  if (!conditions.some((condition) => condition.field === 'project' && condition.operator !== '!=')) {
    return err(invalid(query, 'it must name a project (for example "project = SUP"), so the node knows where to look'));
  }
  return ok(conditions);
}

export function itemMatchesTrigger(item: TrackerItem, conditions: TriggerConditions): boolean {
  return conditions.every((condition) => {
    const actual = valuesOf(item, condition.field).map((value) => value.toLowerCase());
    const wanted = condition.values.map((value) => value.toLowerCase());
    const hit = actual.some((value) => wanted.includes(value));
    return condition.operator === '!=' ? !hit : hit;
  });
}

/** The projects a trigger watches: where the reconciler looks for missed changes. */
export function projectsOfTrigger(conditions: TriggerConditions): readonly string[] {
  return conditions.filter((condition) => condition.field === 'project' && condition.operator !== '!=').flatMap((condition) => condition.values);
}

/** Own properties only: a field written `constructor` is not a condition. */
function fieldOf(fields: Readonly<Record<string, TriggerField>>, written: string): TriggerField | undefined {
  const name = written.toLowerCase();
  return Object.hasOwn(fields, name) ? fields[name] : undefined;
}

function valuesOf(item: TrackerItem, field: TriggerField): readonly string[] {
  switch (field) {
    case 'project':
      return [item.projectKey];
    case 'type':
      return [item.type];
    case 'status':
      return [item.status];
    case 'label':
      return item.labels;
    case 'completed':
      return [String(item.status === 'completed')];
  }
}

/**
 * The conditions joined by AND, where AND is a word outside quotes and parentheses: a project
 * named "Sales and Marketing" is one value, as JQL and WIQL read it.
 */
function splitOnAnd(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let quote: string | undefined;
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    const character = text[index]!;
    if (quote !== undefined) {
      if (character === quote) quote = undefined;
    } else if (character === '"' || character === "'") {
      quote = character;
    } else if (character === '(') {
      depth += 1;
    } else if (character === ')') {
      depth = Math.max(0, depth - 1);
    } else if (depth === 0 && /\s/.test(character)) {
      const conjunction = /^\s+and\s+/i.exec(text.slice(index));
      if (conjunction) {
        parts.push(text.slice(start, index));
        index += conjunction[0].length - 1;
        start = index + 1;
      }
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function parseList(text: string): string[] | undefined {
  const inner = /^\((.*)\)$/s.exec(text.trim());
  return inner ? inner[1]!.split(',').map(unquote) : undefined;
}

/** A value is one word, a quoted text, or (for `in`) a parenthesised list. */
function isReadableValue(text: string): boolean {
  return /^(["']).*\1$/s.test(text.trim()) || /^[^\s"'()]+$/.test(text.trim());
}

function unquote(text: string): string {
  return text.trim().replace(/^(["'])(.*)\1$/s, '$2');
}

function invalid(query: string, reason: string): ExalateError {
  return new ExalateError('invalid_request', `The trigger "${query.slice(0, 200)}" cannot be used: ${reason}. Example: project = SUP AND type = Bug.`);
}

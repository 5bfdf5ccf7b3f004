import type { JiraIssueRecord } from './jira-work-records';

/**
 * The JQL the emulators understand: clauses joined by AND over project, issuetype/type, status,
 * key/issuekey, labels, created and updated, with =, !=, IN, NOT IN, >=, <=, > and <, then an
 * optional ORDER BY on created, updated or key. Dates are `yyyy/MM/dd HH:mm`, `yyyy-MM-dd HH:mm`
 * or a bare date, read in the searching user's time zone, as Jira does. Anything else is answered
 * 400 with Jira's wording, so an adapter relying on more JQL fails here rather than in production.
 */
export interface JqlContext {
  readonly timeZone: string;
  readonly projectKeys: readonly string[];
  readonly statusName: (issue: JiraIssueRecord) => string;
  readonly typeName: (issue: JiraIssueRecord) => string;
}

export type JqlQuery =
  | { readonly ok: true; readonly matches: (issue: JiraIssueRecord) => boolean; readonly order: (left: JiraIssueRecord, right: JiraIssueRecord) => number }
  | { readonly ok: false; readonly message: string };

type Token = { readonly kind: 'word' | 'string' | 'operator' | 'punctuation'; readonly text: string };

const fieldNames: Readonly<Record<string, string>> = {
  project: 'project',
  issuetype: 'issuetype',
  type: 'issuetype',
  status: 'status',
  key: 'key',
  issuekey: 'key',
  labels: 'labels',
  created: 'created',
  createddate: 'created',
  updated: 'updated',
  updateddate: 'updated',
};

export function parseJql(text: string, context: JqlContext): JqlQuery {
  const tokens = tokenize(text);
  if (tokens === undefined) return { ok: false, message: `Error in the JQL Query: the quoted string in '${text}' is not closed.` };
  const clauses: ((issue: JiraIssueRecord) => boolean)[] = [];
  let position = 0;
  const peek = (): Token | undefined => tokens[position];
  const isWord = (word: string): boolean => peek()?.kind === 'word' && peek()!.text.toLowerCase() === word;

  while (position < tokens.length && !isWord('order')) {
    if (clauses.length > 0) {
      if (!isWord('and'))
        return {
          ok: false,
          message: `Error in the JQL Query: Expecting either 'OR' or 'AND' but got '${peek()?.text ?? ''}'. (the emulator supports AND only)`,
        };
      position += 1;
    }
    const fieldToken = tokens[position++];
    const field = fieldToken === undefined ? undefined : fieldNames[fieldToken.text.toLowerCase()];
    if (fieldToken === undefined || field === undefined)
      return { ok: false, message: `Field '${fieldToken?.text ?? ''}' does not exist or you do not have permission to view it.` };
    let operator = tokens[position++]?.text.toLowerCase();
    if (operator === 'not' && isWord('in')) {
      position += 1;
      operator = 'not in';
    }
    if (operator === undefined || !['=', '!=', '>=', '<=', '>', '<', 'in', 'not in'].includes(operator))
      return { ok: false, message: `Error in the JQL Query: Expecting operator but got '${operator ?? ''}'.` };
    const values: string[] = [];
    if (operator === 'in' || operator === 'not in') {
      if (peek()?.text !== '(') return { ok: false, message: "Error in the JQL Query: Expecting '(' after IN." };
      position += 1;
      while (peek() !== undefined && peek()!.text !== ')') {
        const value = tokens[position++]!;
        if (value.text !== ',') values.push(value.text);
      }
      position += 1;
    } else {
      const value = tokens[position++];
      if (value === undefined) return { ok: false, message: 'Error in the JQL Query: Expecting a value at the end of the query.' };
      values.push(value.text);
    }
    const clause = buildClause(field, operator, values, context);
    if (typeof clause === 'string') return { ok: false, message: clause };
    clauses.push(clause);
  }

  let order = (left: JiraIssueRecord, right: JiraIssueRecord): number => Number(right.id) - Number(left.id);
  if (isWord('order')) {
    position += 1;
    if (!isWord('by')) return { ok: false, message: "Error in the JQL Query: Expecting 'BY' after 'ORDER'." };
    position += 1;
    const orderField = tokens[position++]?.text.toLowerCase();
    const direction = tokens[position]?.text.toLowerCase() === 'desc' ? -1 : 1;
    if (isWord('asc') || isWord('desc')) position += 1;
    const key = orderField === undefined ? undefined : fieldNames[orderField];
    if (key !== 'created' && key !== 'updated' && key !== 'key')
      return { ok: false, message: `Field '${orderField ?? ''}' does not exist or you do not have permission to view it.` };
    order = (left, right) => direction * (key === 'key' ? Number(left.id) - Number(right.id) : left[key] - right[key] || Number(left.id) - Number(right.id));
  }
  if (position < tokens.length) return { ok: false, message: `Error in the JQL Query: unexpected '${tokens[position]!.text}'.` };
  return { ok: true, matches: (issue) => clauses.every((clause) => clause(issue)), order };
}

function buildClause(field: string, operator: string, values: readonly string[], context: JqlContext): ((issue: JiraIssueRecord) => boolean) | string {
  if (field === 'created' || field === 'updated') {
    if (values.length !== 1 || !['=', '>=', '<=', '>', '<', '!='].includes(operator))
      return `Error in the JQL Query: the operator '${operator}' is not supported by the '${field}' field.`;
    const instant = parseJqlDate(values[0]!, context.timeZone);
    if (instant === undefined)
      return `Date value '${values[0]}' for field '${field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`;
    // Jira compares at minute precision: `updated >= "2026/11/23 12:00"` includes 12:00:59.
    const minute = (time: number): number => Math.floor(time / 60_000) * 60_000;
    return (issue) => compare(minute(issue[field]), operator, instant);
  }
  if (field === 'project') {
    const unknown = values.find((value) => !context.projectKeys.some((key) => key.toLowerCase() === value.toLowerCase()));
    if (unknown !== undefined) return `The value '${unknown}' does not exist for the field 'project'.`;
  }
  if (operator !== '=' && operator !== '!=' && operator !== 'in' && operator !== 'not in')
    return `Error in the JQL Query: the operator '${operator}' is not supported by the '${field}' field.`;
  const wanted = values.map((value) => value.toLowerCase());
  const read = (issue: JiraIssueRecord): readonly string[] => {
    if (field === 'project') return [issue.projectKey];
    if (field === 'issuetype') return [context.typeName(issue)];
    if (field === 'status') return [context.statusName(issue)];
    if (field === 'key') return [issue.key];
    return issue.labels;
  };
  const positive = operator === '=' || operator === 'in';
  return (issue) => read(issue).some((value) => wanted.includes(value.toLowerCase())) === positive;
}

function compare(left: number, operator: string, right: number): boolean {
  switch (operator) {
    case '>=':
      return left >= right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '<':
      return left < right;
    case '!=':
      return left !== right;
    default:
      return left === right;
  }
}

function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const character = text[index]!;
    if (/\s/.test(character)) {
      index += 1;
    } else if (character === '"' || character === "'") {
      const end = text.indexOf(character, index + 1);
      if (end < 0) return undefined;
      tokens.push({ kind: 'string', text: text.slice(index + 1, end) });
      index = end + 1;
    } else if (/[(),]/.test(character)) {
      tokens.push({ kind: 'punctuation', text: character });
      index += 1;
    } else if (/[!<>=~]/.test(character)) {
      const operator = /^(!=|>=|<=|!~|=|>|<|~)/.exec(text.slice(index))![0];
      tokens.push({ kind: 'operator', text: operator });
      index += operator.length;
    } else {
      const word = /^[^\s(),!<>=~"']+/.exec(text.slice(index))![0];
      tokens.push({ kind: 'word', text: word });
      index += word.length;
    }
  }
  return tokens;
}

/** A JQL date in a time zone, to epoch ms. */
export function parseJqlDate(value: string, timeZone: string): number | undefined {
  const match = /^(\d{4})[/-](\d{2})[/-](\d{2})(?:\s+(\d{2}):(\d{2}))?$/.exec(value.trim());
  if (match === null) return undefined;
  const [year, month, day, hour, minute] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number];
  return zonedToInstant(year, month, day, hour, minute, timeZone);
}

/** The instant at which a wall-clock time in a zone happens, found through Intl's offset for that zone. */
export function zonedToInstant(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  let instant = wall - offsetOf(wall, timeZone);
  // A second pass settles instants near a daylight-saving change.
  instant = wall - offsetOf(instant, timeZone);
  return instant;
}

function offsetOf(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: string): number => Number(parts.find((each) => each.type === type)?.value ?? 0);
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second')) - Math.floor(instant / 1000) * 1000;
}

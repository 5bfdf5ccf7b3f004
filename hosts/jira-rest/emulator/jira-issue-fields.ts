import type { JiraProjectRecord } from './jira-representations';
import type { JiraIssueChanges, JiraWork } from './jira-work';

/**
 * Reads the `fields` (and `update`) of a create or edit request the way Jira validates them: each
 * problem goes into ErrorCollection.errors under the field's id, with Jira's wording, and nothing
 * is written when there is one.
 */
export interface FieldReadContext {
  readonly work: JiraWork;
  readonly projects: readonly JiraProjectRecord[];
  /** Cloud v3 takes rich text as ADF documents; Server/DC v2 as wiki markup strings. */
  readonly text: 'adf' | 'wiki';
  /** Cloud names people by accountId; Server/DC by username. */
  readonly people: 'accountId' | 'username';
}

export interface ReadFields {
  readonly projectKey: string | undefined;
  readonly changes: JiraIssueChanges;
  readonly errors: Readonly<Record<string, string>>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function readIssueFields(context: FieldReadContext, fields: unknown, update: unknown, mode: 'create' | 'edit'): ReadFields {
  const errors: Record<string, string> = {};
  const changes: { -readonly [K in keyof JiraIssueChanges]: JiraIssueChanges[K] } = {};
  const custom: Record<string, unknown> = {};
  let projectKey: string | undefined;
  const snapshot = context.work.snapshot;
  const given = isRecord(fields) ? fields : {};

  for (const [id, value] of Object.entries(given)) {
    switch (id) {
      case 'project': {
        if (mode === 'edit') {
          errors[id] = "Field 'project' cannot be set. It is not on the appropriate screen, or unknown.";
          break;
        }
        const reference = isRecord(value) ? value : {};
        const project = context.projects.find((candidate) => candidate.key === reference['key'] || candidate.id === reference['id']);
        if (project === undefined) errors[id] = 'valid project is required';
        else projectKey = project.key;
        break;
      }
      case 'issuetype': {
        const reference = isRecord(value) ? value : {};
        const type = snapshot.issueTypes.find(
          (candidate) =>
            candidate.id === reference['id'] || (typeof reference['name'] === 'string' && candidate.name.toLowerCase() === reference['name'].toLowerCase()),
        );
        if (type === undefined) errors[id] = 'Specify a valid issue type';
        else changes.issueTypeId = type.id;
        break;
      }
      case 'summary':
        if (typeof value !== 'string' || value.trim() === '') errors[id] = 'You must specify a summary of the issue.';
        else if (value.length > 255) errors[id] = 'Summary must be less than 255 characters.';
        else changes.summary = value;
        break;
      case 'description': {
        const problem = textProblem(context.text, value);
        if (problem !== undefined) errors[id] = problem;
        else changes.description = value === '' ? null : value;
        break;
      }
      case 'priority': {
        if (value === null) {
          changes.priorityId = null;
          break;
        }
        const reference = isRecord(value) ? value : {};
        const priority = snapshot.priorities.find((candidate) => candidate.id === reference['id'] || candidate.name === reference['name']);
        if (priority === undefined) errors[id] = `Priority name '${String(reference['name'] ?? reference['id'] ?? '')}' is not valid`;
        else changes.priorityId = priority.id;
        break;
      }
      case 'labels': {
        const problem = labelsProblem(value);
        if (problem !== undefined) errors[id] = problem;
        else changes.labels = value as string[];
        break;
      }
      case 'assignee':
      case 'reporter': {
        const person = readPerson(context, value);
        if (person === 'unknown') errors[id] = `User '${JSON.stringify(value)}' does not exist.`;
        else changes[id === 'assignee' ? 'assigneeId' : 'reporterId'] = person;
        break;
      }
      case 'parent': {
        const reference = isRecord(value) ? value : {};
        const parent =
          typeof reference['key'] === 'string'
            ? context.work.issue(reference['key'])
            : typeof reference['id'] === 'string'
              ? context.work.issue(reference['id'])
              : undefined;
        if (value === null) changes.parentKey = null;
        else if (parent === undefined) errors[id] = 'Could not find issue by id or key.';
        else changes.parentKey = parent.key;
        break;
      }
      default: {
        const field = snapshot.customFields.find((candidate) => candidate.id === id);
        if (field === undefined) errors[id] = `Field '${id}' cannot be set. It is not on the appropriate screen, or unknown.`;
        else if (value !== null && field.type === 'number' && typeof value !== 'number') errors[id] = `Operation value must be a number`;
        else if (value !== null && field.type === 'string' && typeof value !== 'string') errors[id] = `Operation value must be a string`;
        else custom[id] = value;
      }
    }
  }
  applyUpdateOperations(update, changes, errors);
  if (Object.keys(custom).length > 0) changes.customFields = custom;
  if (mode === 'create') {
    if (projectKey === undefined && errors['project'] === undefined) errors['project'] = 'Specify a valid project ID or key';
    if (changes.issueTypeId === undefined && errors['issuetype'] === undefined) errors['issuetype'] = 'Specify an issue type';
    if (changes.summary === undefined && errors['summary'] === undefined) errors['summary'] = 'You must specify a summary of the issue.';
  }
  return { projectKey, changes, errors };
}

/** The `update` verbs the adapters may use: labels add/remove/set and set on simple fields. */
function applyUpdateOperations(update: unknown, changes: { labels?: readonly string[]; summary?: string }, errors: Record<string, string>): void {
  if (!isRecord(update)) return;
  for (const [id, operations] of Object.entries(update)) {
    if (!Array.isArray(operations)) {
      errors[id] = 'Operations must be a list.';
      continue;
    }
    if (id === 'labels') {
      let labels = [...(changes.labels ?? [])];
      for (const operation of operations as Record<string, unknown>[]) {
        if (typeof operation['add'] === 'string') labels = [...labels, operation['add']];
        if (typeof operation['remove'] === 'string') labels = labels.filter((label) => label !== operation['remove']);
        if (Array.isArray(operation['set'])) labels = operation['set'] as string[];
      }
      changes.labels = labels;
    } else if (id === 'summary' && typeof (operations[0] as Record<string, unknown> | undefined)?.['set'] === 'string') {
      changes.summary = (operations[0] as Record<string, string>)['set']!;
    } else {
      errors[id] = `Field '${id}' cannot be set. It is not on the appropriate screen, or unknown.`;
    }
  }
}

function textProblem(format: 'adf' | 'wiki', value: unknown): string | undefined {
  if (value === null) return undefined;
  if (format === 'wiki') return typeof value === 'string' ? undefined : 'data was not a string';
  // Jira Cloud v3 rejects anything but an ADF document for rich text fields.
  return isRecord(value) && value['type'] === 'doc' && value['version'] === 1 && Array.isArray(value['content'])
    ? undefined
    : 'Operation value must be an Atlassian Document (see the Atlassian Document Format)';
}

function labelsProblem(value: unknown): string | undefined {
  if (!Array.isArray(value) || value.some((label) => typeof label !== 'string')) return 'data was not an array';
  const spaced = (value as string[]).find((label) => /\s/.test(label));
  return spaced === undefined ? undefined : `The label '${spaced}' contains spaces which is invalid.`;
}

/** `{ accountId }` (Cloud, `{ id }` also accepted) or `{ name }` (Server/DC); null unassigns. */
function readPerson(context: FieldReadContext, value: unknown): string | null | 'unknown' {
  if (value === null) return null;
  if (!isRecord(value)) return 'unknown';
  const wanted = context.people === 'accountId' ? (value['accountId'] ?? value['id']) : value['name'];
  if (typeof wanted !== 'string') return 'unknown';
  const user = context.work.snapshot.users.find((candidate) => (context.people === 'accountId' ? candidate.id === wanted : candidate.name === wanted));
  return user === undefined ? 'unknown' : user.id;
}

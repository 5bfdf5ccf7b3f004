import type { AsanaEmulatorState } from './asana-emulator-state';
import type { AsanaChange } from './asana-event-outbox';
import { fieldsOfTask } from './asana-representations';
import type { AsanaTaskRecord } from './asana-records';

export type WriteOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly status: number; readonly message: string };

const refused = (message: string, status = 400): WriteOutcome<never> => ({ ok: false, status, message });

/**
 * The checks Asana makes on task fields it is given (`TaskRequest` of asana.yaml), shared by create
 * and update: html_notes must be one `<body>` element (developers.asana.com/docs/rich-text), users
 * are "me", an email or a gid, enum custom fields take an option gid.
 */
export function applyTaskFields(
  state: AsanaEmulatorState,
  task: AsanaTaskRecord,
  data: Readonly<Record<string, unknown>>,
): WriteOutcome<{ task: AsanaTaskRecord; changed: string[] }> {
  let next: AsanaTaskRecord = { ...task };
  const changed: string[] = [];
  const note = (field: string): void => {
    if (!changed.includes(field)) changed.push(field);
  };

  if (data['name'] !== undefined) {
    if (typeof data['name'] !== 'string') return refused('name: Not a string');
    next = { ...next, name: data['name'] };
    note('name');
  }
  if (data['html_notes'] !== undefined) {
    const html = data['html_notes'];
    if (typeof html !== 'string' || !/^\s*<body>[\s\S]*<\/body>\s*$/.test(html)) return refused('html_notes: XML is invalid: the root element must be <body>.');
    next = { ...next, htmlNotes: html.trim() };
    note('notes');
  } else if (data['notes'] !== undefined) {
    if (typeof data['notes'] !== 'string') return refused('notes: Not a string');
    next = { ...next, htmlNotes: `<body>${data['notes'].replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</body>` };
    note('notes');
  }
  if (data['completed'] !== undefined) {
    if (typeof data['completed'] !== 'boolean') return refused('completed: Not a boolean');
    if (data['completed'] !== next.completed) note('completed');
    next = { ...next, completed: data['completed'], completedAt: data['completed'] ? (next.completedAt ?? state.now()) : null };
  }
  if (data['assignee'] !== undefined) {
    const assignee = data['assignee'];
    if (assignee === null) next = { ...next, assigneeGid: null };
    else {
      const person = typeof assignee === 'string' ? state.findPerson(assignee) : undefined;
      if (person === undefined) return refused(`assignee: Not a recognized ID: ${String(assignee)}`);
      next = { ...next, assigneeGid: person.gid };
    }
    note('assignee');
  }
  if (data['resource_subtype'] !== undefined) {
    const subtype = data['resource_subtype'];
    if (subtype !== 'default_task' && subtype !== 'milestone' && subtype !== 'approval')
      return refused(`resource_subtype: Not a valid value: ${String(subtype)}`);
    next = { ...next, resourceSubtype: subtype };
    note('resource_subtype');
  }
  if (data['custom_fields'] !== undefined) {
    const values = data['custom_fields'];
    if (typeof values !== 'object' || values === null || Array.isArray(values)) return refused('custom_fields: Not an object');
    const fields = fieldsOfTask(state, next);
    const customFieldValues = { ...next.customFieldValues };
    for (const [gid, value] of Object.entries(values)) {
      const field = fields.find((candidate) => candidate.gid === gid);
      if (field === undefined) return refused(`custom_fields: Custom field with ID ${gid} is not on given object`);
      if (value === null) customFieldValues[gid] = null;
      else if (field.type === 'enum' && (typeof value !== 'string' || !field.enumOptions.some((option) => option.gid === value)))
        return refused(`custom_fields: enum_value: Not a recognized ID: ${String(value)}`);
      else if (field.type === 'number' && typeof value !== 'number') return refused(`custom_fields: ${field.name}: Not a number`);
      else if (field.type === 'text' && typeof value !== 'string') return refused(`custom_fields: ${field.name}: Not a string`);
      else customFieldValues[gid] = value as string | number;
    }
    next = { ...next, customFieldValues };
    note('custom_fields');
  }
  return { ok: true, value: { task: changed.length === 0 ? next : { ...next, modifiedAt: state.now() }, changed } };
}

/** Creation: `projects` or `parent` or `workspace` places the task; every project puts it in its first section. */
export function createTask(state: AsanaEmulatorState, data: Readonly<Record<string, unknown>>): WriteOutcome<AsanaTaskRecord> {
  const projectGids = Array.isArray(data['projects']) ? data['projects'].map(String) : [];
  const projects = projectGids.map((gid) => state.projects.find((project) => project.gid === gid));
  const missing = projectGids.find((_, index) => projects[index] === undefined);
  if (missing !== undefined) return refused(`projects: Not a recognized ID: ${missing}`);
  const parent = typeof data['parent'] === 'string' ? state.find('tasks', data['parent']) : undefined;
  if (typeof data['parent'] === 'string' && parent === undefined) return refused(`parent: Not a recognized ID: ${data['parent']}`);
  const workspaceGid = projects[0]?.workspaceGid ?? parent?.workspaceGid ?? (typeof data['workspace'] === 'string' ? data['workspace'] : undefined);
  if (workspaceGid === undefined || state.findWorkspace(workspaceGid) === undefined)
    return refused('workspace: Missing input: You should specify one of workspace, parent, projects');
  const tagGids = Array.isArray(data['tags']) ? data['tags'].map(String) : [];
  const unknownTag = tagGids.find((gid) => state.find('tags', gid) === undefined);
  if (unknownTag !== undefined) return refused(`tags: Not a recognized ID: ${unknownTag}`);

  const now = state.now();
  const draft: AsanaTaskRecord = {
    gid: state.nextGid(),
    workspaceGid,
    resourceSubtype: 'default_task',
    name: '',
    htmlNotes: '<body></body>',
    completed: false,
    completedAt: null,
    assigneeGid: null,
    tagGids,
    parentGid: parent?.gid ?? null,
    createdByGid: state.user.gid,
    createdAt: now,
    modifiedAt: now,
    customFieldValues: {},
    memberships: projectGids.flatMap((projectGid) => {
      const section = state.list('sections').find((candidate) => candidate.projectGid === projectGid);
      return section === undefined ? [] : [{ projectGid, sectionGid: section.gid }];
    }),
  };
  const applied = applyTaskFields(state, draft, data);
  if (!applied.ok) return applied;
  return { ok: true, value: { ...applied.value.task, modifiedAt: now } };
}

/** The gids an event about a task concerns: the task, its projects, its parent and its workspace. */
export function concernsOf(task: AsanaTaskRecord, extra: readonly string[] = []): string[] {
  return [
    ...extra,
    task.gid,
    ...task.memberships.map((membership) => membership.projectGid),
    ...(task.parentGid === null ? [] : [task.parentGid]),
    task.workspaceGid,
  ];
}

export function taskChange(task: AsanaTaskRecord, action: AsanaChange['action'], field?: string): AsanaChange {
  const firstProject = task.memberships[0]?.projectGid;
  return {
    action,
    resource: { gid: task.gid, resource_type: 'task', resource_subtype: task.resourceSubtype },
    parent: action === 'added' && firstProject !== undefined ? { gid: firstProject, resource_type: 'project' } : null,
    ...(field === undefined ? {} : { field }),
    at: task.modifiedAt,
    concerns: concernsOf(task),
  };
}

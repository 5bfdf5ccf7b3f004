import type { AsanaEmulatorState } from './asana-emulator-state';
import type { AsanaRecord } from './asana-fields';
import type { AsanaAttachmentRecord, AsanaCustomFieldRecord, AsanaStoryRecord, AsanaTaskRecord } from './asana-records';

/**
 * Asana resources in their full form (TaskResponse, StoryResponse, AttachmentResponse, UserResponse
 * of asana.yaml). Routes cut them down with `opt_fields` or to the compact form.
 */
export function userCompact(state: AsanaEmulatorState, gid: string): AsanaRecord {
  const person = state.findPerson(gid);
  // `email` is not in UserCompact but Asana answers it when opt_fields asks for `assignee.email`.
  return { gid, resource_type: 'user', name: person?.name ?? 'Private user', email: person?.email ?? '' };
}

export function userFull(state: AsanaEmulatorState, gid: string): AsanaRecord {
  const person = state.findPerson(gid);
  return {
    gid,
    resource_type: 'user',
    name: person?.name ?? '',
    email: person?.email ?? '',
    photo: null,
    workspaces: state.workspaces.map((workspace) => ({ gid: workspace.gid, resource_type: 'workspace', name: workspace.name })),
  };
}

function customFieldValue(field: AsanaCustomFieldRecord, value: string | number | null | undefined): AsanaRecord {
  const base = {
    gid: field.gid,
    resource_type: 'custom_field',
    name: field.name,
    type: field.type,
    resource_subtype: field.type,
    enabled: true,
    is_formula_field: false,
    is_value_read_only: false,
    enum_options: field.enumOptions.map((option) => ({ gid: option.gid, resource_type: 'enum_option', name: option.name, enabled: true, color: option.color })),
  };
  if (field.type === 'enum') {
    const option = field.enumOptions.find((candidate) => candidate.gid === value);
    return {
      ...base,
      enum_value: option === undefined ? null : { gid: option.gid, resource_type: 'enum_option', name: option.name, enabled: true, color: option.color },
      display_value: option?.name ?? null,
    };
  }
  if (field.type === 'number')
    return { ...base, number_value: typeof value === 'number' ? value : null, precision: 0, display_value: typeof value === 'number' ? String(value) : null };
  return { ...base, text_value: typeof value === 'string' ? value : null, display_value: typeof value === 'string' ? value : null };
}

/** The custom fields a task shows: those of the projects it is in. */
export function fieldsOfTask(state: AsanaEmulatorState, task: AsanaTaskRecord): readonly AsanaCustomFieldRecord[] {
  const projects = new Set(task.memberships.map((membership) => membership.projectGid));
  return state.list('customFields').filter((field) => field.projectGids.some((gid) => projects.has(gid)));
}

/** Plain text of html_notes, as Asana fills `notes` from it. */
export function plainNotes(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(li|h1|h2|pre|blockquote)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
}

export function taskFull(state: AsanaEmulatorState, host: string, task: AsanaTaskRecord): AsanaRecord {
  const project = (gid: string): AsanaRecord => ({
    gid,
    resource_type: 'project',
    name: state.projects.find((candidate) => candidate.gid === gid)?.name ?? '',
  });
  const section = (gid: string): AsanaRecord => ({ gid, resource_type: 'section', name: state.find('sections', gid)?.name ?? '' });
  const workspace = state.findWorkspace(task.workspaceGid);
  const parent = task.parentGid === null ? undefined : state.find('tasks', task.parentGid);
  return {
    gid: task.gid,
    resource_type: 'task',
    resource_subtype: task.resourceSubtype,
    name: task.name,
    notes: plainNotes(task.htmlNotes),
    html_notes: task.htmlNotes,
    completed: task.completed,
    completed_at: task.completedAt,
    completed_by: task.completed ? userCompact(state, state.user.gid) : null,
    created_at: task.createdAt,
    created_by: { gid: task.createdByGid, resource_type: 'user' },
    modified_at: task.modifiedAt,
    due_on: null,
    due_at: null,
    start_on: null,
    start_at: null,
    assignee: task.assigneeGid === null ? null : userCompact(state, task.assigneeGid),
    assignee_status: 'inbox',
    custom_fields: fieldsOfTask(state, task).map((field) => customFieldValue(field, task.customFieldValues[field.gid])),
    followers: [userCompact(state, task.createdByGid)],
    hearted: false,
    hearts: [],
    liked: false,
    likes: [],
    num_hearts: 0,
    num_likes: 0,
    num_subtasks: state.list('tasks').filter((candidate) => candidate.parentGid === task.gid).length,
    memberships: task.memberships.map((membership) => ({ project: project(membership.projectGid), section: section(membership.sectionGid) })),
    parent: parent === undefined ? null : { gid: parent.gid, resource_type: 'task', name: parent.name, resource_subtype: parent.resourceSubtype },
    projects: task.memberships.map((membership) => project(membership.projectGid)),
    tags: task.tagGids.map((gid) => ({ gid, resource_type: 'tag', name: state.find('tags', gid)?.name ?? '' })),
    workspace: { gid: task.workspaceGid, resource_type: 'workspace', name: workspace?.name ?? '' },
    dependencies: [],
    dependents: [],
    is_rendered_as_separator: false,
    actual_time_minutes: null,
    permalink_url: `${host}/0/${task.memberships[0]?.projectGid ?? '0'}/${task.gid}`,
  };
}

export function storyFull(state: AsanaEmulatorState, story: AsanaStoryRecord): AsanaRecord {
  const task = state.find('tasks', story.taskGid);
  return {
    gid: story.gid,
    resource_type: 'story',
    resource_subtype: story.resourceSubtype,
    type: story.type,
    text: story.text,
    html_text: story.htmlText,
    created_at: story.createdAt,
    created_by: userCompact(state, story.createdByGid),
    is_editable: story.type === 'comment' && story.createdByGid === state.user.gid,
    is_edited: story.isEdited,
    is_pinned: false,
    hearted: false,
    hearts: [],
    num_hearts: 0,
    liked: false,
    likes: [],
    num_likes: 0,
    previews: [],
    source: 'api',
    target: task === undefined ? null : { gid: task.gid, resource_type: 'task', name: task.name, resource_subtype: task.resourceSubtype },
  };
}

/**
 * AttachmentResponse. `download_url` is, as in Asana, a short-lived link on another host that needs
 * no Authorization (a presigned storage URL); the emulator serves it outside `/api/1.0`.
 */
export function attachmentFull(state: AsanaEmulatorState, host: string, attachment: AsanaAttachmentRecord, signature: string): AsanaRecord {
  const task = state.find('tasks', attachment.parentGid);
  const url = `${host}/attachment-downloads/${attachment.gid}/${encodeURIComponent(attachment.name)}?signature=${signature}`;
  return {
    gid: attachment.gid,
    resource_type: 'attachment',
    resource_subtype: 'asana',
    name: attachment.name,
    created_at: attachment.createdAt,
    download_url: url,
    permanent_url: `${host}/app/asana/-/get_asset?asset_id=${attachment.gid}`,
    host: 'asana',
    parent: task === undefined ? null : { gid: task.gid, resource_type: 'task', name: task.name, resource_subtype: task.resourceSubtype },
    size: Buffer.from(attachment.content, 'base64').length,
    view_url: url,
    connected_to_app: false,
  };
}

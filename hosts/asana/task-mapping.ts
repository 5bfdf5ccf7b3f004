import type { TrackerAttachment, TrackerComment, TrackerItem, TrackerUser } from '../../core';
import { richTextFromAsanaHtml } from '../../core/rich-text/html';
import { guessMimeType } from '../tracker-http';
import type { AttachmentResponse, StoryResponse, TaskResponse } from './asana-responses';

/** Asana has no built-in priority: a custom field named Priority plays the part when a project has one. */
export const priorityFieldName = 'priority';
/** The section a task sits in, in the project it is synced from, read and written as a custom field. */
export const sectionFieldName = 'Section';

/** Task types by `resource_subtype`, in the words Asana's UI uses. */
export const taskTypes: Readonly<Record<string, string>> = { default_task: 'Task', milestone: 'Milestone', approval: 'Approval' };

/** The opt_fields that give `toTrackerItem` all it reads, in one request. */
export const taskOptFields = [
  'name',
  'html_notes',
  'completed',
  'resource_subtype',
  'assignee',
  'assignee.name',
  'created_by',
  'tags.name',
  'memberships.project.name',
  'memberships.section.name',
  'custom_fields.name',
  'custom_fields.type',
  'custom_fields.resource_subtype',
  'custom_fields.display_value',
  'custom_fields.enum_value.name',
  'custom_fields.number_value',
  'custom_fields.text_value',
  'custom_fields.enum_options.name',
  'custom_fields.enum_options.enabled',
  'parent',
  'workspace',
  'modified_at',
  'permalink_url',
].join(',');

/**
 * `people` names the users the task mentions (assignee, creator, comment authors) by gid: Asana
 * gives a user's email only on the user resource, not through a task's or story's opt_fields.
 */
export function toTrackerItem(
  task: TaskResponse,
  people: ReadonlyMap<string, TrackerUser | null>,
  stories: readonly StoryResponse[],
  attachments: readonly AttachmentResponse[],
): TrackerItem {
  const person = (reference: { readonly gid: string; readonly name?: string | null | undefined } | null | undefined): TrackerUser | null =>
    reference === null || reference === undefined ? null : (people.get(reference.gid) ?? { email: null, displayName: reference.name ?? '', id: reference.gid });
  const membership = task.memberships?.[0];
  const customFields: Record<string, unknown> = {};
  let priority: string | null = null;
  for (const field of task.custom_fields ?? []) {
    const value = field.display_value ?? field.enum_value?.name ?? field.number_value ?? field.text_value ?? null;
    if ((field.name ?? '').toLowerCase() === priorityFieldName) priority = value === null ? null : String(value);
    else if (field.name !== undefined && field.name !== null) customFields[field.name] = value;
  }
  if (membership?.section?.name !== undefined && membership.section.name !== null) customFields[sectionFieldName] = membership.section.name;
  return {
    key: task.gid,
    projectKey: membership?.project?.gid ?? '',
    type: taskTypes[task.resource_subtype ?? 'default_task'] ?? 'Task',
    summary: task.name ?? '',
    description: richTextFromAsanaHtml(task.html_notes ?? ''),
    // Asana tasks are only done or not (SCRIPT-MODE: status only completed / incomplete).
    status: task.completed === true ? 'completed' : 'incomplete',
    priority,
    labels: (task.tags ?? []).map((tag) => tag.name ?? '').filter((name) => name !== ''),
    assignee: person(task.assignee),
    reporter: person(task.created_by),
    comments: stories.filter(isComment).map((story) => toTrackerComment(story, person(story.created_by))),
    attachments: attachments.map(toTrackerAttachment),
    customFields,
    parentKey: task.parent?.gid ?? null,
    updated: task.modified_at ?? '',
    url: task.permalink_url ?? '',
  };
}

/** Comments are stories of type comment (`resource_subtype: comment_added`); the rest is the task's history. */
export function isComment(story: StoryResponse): boolean {
  return story.resource_subtype === 'comment_added' || story.type === 'comment';
}

function toTrackerComment(story: StoryResponse, author: TrackerUser | null): TrackerComment {
  return {
    id: story.gid,
    author,
    body: richTextFromAsanaHtml(story.html_text ?? (story.text ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;')),
    created: story.created_at,
    // Stories carry no modification time; an edited comment keeps its creation time (lossy).
    updated: story.created_at,
  };
}

function toTrackerAttachment(attachment: AttachmentResponse): TrackerAttachment {
  const filename = attachment.name ?? 'attachment';
  return { id: attachment.gid, filename, mimeType: guessMimeType(filename), size: attachment.size ?? 0, created: attachment.created_at ?? '' };
}

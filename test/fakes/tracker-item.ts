import { richTextFromPlain, type TrackerItem } from '../../core';

/**
 * An item as a tracker would hold it, for tests and benchmarks that put items straight into a
 * fake tracker: a task in project SUP, open, with nothing but a summary. Name only what the test
 * is about.
 */
export function trackerItem(fields: Partial<TrackerItem> & Pick<TrackerItem, 'key'>): TrackerItem {
  return {
    projectKey: 'SUP',
    type: 'Task',
    summary: `Issue ${fields.key}`,
    description: richTextFromPlain(''),
    status: 'To Do',
    priority: null,
    labels: [],
    assignee: null,
    reporter: null,
    comments: [],
    attachments: [],
    customFields: {},
    parentKey: null,
    updated: new Date().toISOString(),
    url: '',
    ...fields,
  };
}

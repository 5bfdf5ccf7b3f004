import type { TrackerKind } from '../trackers';
import type { TrackerItem, TrackerUser } from '../ports/tracker-item';
import { richTextFromPlain } from '../rich-text/rich-text';
import type { OutgoingItem, ScriptConnection } from './script-context';

/** Sample items as each tracker's adapter returns them: the words each tracker really uses. */

export const alice: TrackerUser = { email: 'alice@example.com', displayName: 'Alice Example', id: 'acc-alice' };
export const bob: TrackerUser = { email: 'bob@partner.example', displayName: 'Bob Partner', id: 'acc-bob' };

const base = {
  description: richTextFromPlain('The export fails for files over 2 GB.\n\nSteps: export a big file.'),
  assignee: alice,
  reporter: bob,
  parentKey: null,
  updated: '2026-11-23T10:00:00.000Z',
};

const comment = {
  id: 'c1',
  author: bob,
  body: richTextFromPlain('I can reproduce it.'),
  created: '2026-11-23T09:00:00.000Z',
  updated: '2026-11-23T09:00:00.000Z',
};

const attachment = { id: 'a1', filename: 'export.log', mimeType: 'text/plain', size: 2048, created: '2026-11-23T09:30:00.000Z' };

export const sampleItems: Readonly<Record<TrackerKind, TrackerItem>> = {
  'jira-cloud': {
    ...base,
    key: 'SUP-12',
    url: 'https://acme.atlassian.net/browse/SUP-12',
    projectKey: 'SUP',
    type: 'Story',
    summary: 'Export fails for large files',
    status: 'In Progress',
    priority: 'High',
    labels: ['export', 'customer'],
    comments: [{ ...comment, id: '10001' }],
    attachments: [{ ...attachment, id: '20001' }],
    customFields: { 'Story Points': 5 },
  },
  'jira-server': {
    ...base,
    key: 'OPS-7',
    url: 'https://jira.acme.example/browse/OPS-7',
    projectKey: 'OPS',
    type: 'Bug',
    summary: 'Export fails for large files',
    status: 'Done',
    priority: 'Medium',
    labels: ['export'],
    comments: [{ ...comment, id: '30001' }],
    attachments: [{ ...attachment, id: '40001' }],
    customFields: {},
  },
  'azure-devops': {
    ...base,
    key: '42',
    url: 'https://dev.azure.com/acme/Platform/_workitems/edit/42',
    projectKey: 'Platform',
    type: 'User Story',
    summary: 'Export fails for large files',
    status: 'Active',
    priority: '2',
    labels: ['export', 'needs review'],
    comments: [{ ...comment, id: '501' }],
    attachments: [{ ...attachment, id: 'guid-1' }],
    customFields: { 'System.AreaPath': 'Platform\\Export', 'System.IterationPath': 'Platform\\Sprint 4' },
  },
  asana: {
    ...base,
    key: '1208000000000001',
    url: 'https://app.asana.com/0/1207000000000000/1208000000000001',
    projectKey: '1207000000000000',
    type: 'Task',
    summary: 'Export fails for large files',
    status: 'incomplete',
    priority: null,
    labels: [],
    comments: [{ ...comment, id: '1209000000000001' }],
    attachments: [{ ...attachment, id: '1210000000000001' }],
    customFields: { due_on: '2026-12-01' },
  },
};

/** The item as the outgoing side hands it over: comments marked with where sync made them. */
export function outgoingItemOf(item: TrackerItem, syncedFrom: Readonly<Record<string, string>> = {}): OutgoingItem {
  return { ...item, comments: item.comments.map((entry) => ({ ...entry, syncedFrom: syncedFrom[entry.id] ?? null })) };
}

export function connectionBetween(localTracker: TrackerKind, remoteTracker: TrackerKind): ScriptConnection {
  return { name: `${localTracker}_to_${remoteTracker}`, localName: localTracker, remoteName: remoteTracker, localTracker, remoteTracker };
}

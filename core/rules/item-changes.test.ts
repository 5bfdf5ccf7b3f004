import { richTextFromPlain } from '../rich-text/rich-text';
import { diffItem, newItemFrom } from './item-changes';
import type { ScriptedItem } from './script-outputs';
import { sampleItems } from './test-fixtures';

const current = sampleItems['jira-cloud'];

/** The item exactly as the script found it: what an incoming script that changes nothing leaves. */
const untouched: ScriptedItem = {
  projectKey: current.projectKey,
  type: current.type,
  summary: current.summary,
  description: JSON.parse(JSON.stringify(current.description)),
  status: current.status,
  priority: current.priority,
  labels: [...current.labels],
  assignee: { email: current.assignee!.email },
  customFields: { ...current.customFields },
  parentKey: current.parentKey,
};

describe('diffItem', () => {
  it('finds no change when the script left the item as it was', () => {
    expect(diffItem(current, untouched)).toEqual({});
  });

  it('finds no change for equal values written differently: labels reordered, email in other case, keys in other order', () => {
    const description = JSON.parse(JSON.stringify(current.description, ['content', 'text', 'type'].reverse()));
    expect(diffItem(current, { ...untouched, labels: ['customer', 'export', 'export'], assignee: { email: 'ALICE@example.com' }, description })).toEqual({});
  });

  it('lists only the fields that differ', () => {
    expect(
      diffItem(current, { ...untouched, summary: 'New summary', status: 'Done', labels: ['export'], customFields: { 'Story Points': 8, Team: null } }),
    ).toEqual({
      summary: 'New summary',
      status: 'Done',
      labels: ['export'],
      customFields: { 'Story Points': 8 },
    });
  });

  it('clears the assignee and priority when the script set them to null, but never the status', () => {
    expect(diffItem(current, { ...untouched, assignee: null, priority: null, status: null })).toEqual({ assigneeEmail: null, priority: null });
  });

  it('leaves an assignee whose email the tracker hides alone', () => {
    const hidden = { ...current, assignee: { email: null, displayName: 'Hidden', id: 'x' } };
    expect(diffItem(hidden, { ...untouched, assignee: { email: null } })).toEqual({});
    expect(diffItem(hidden, { ...untouched, assignee: { email: 'bob@partner.example' } })).toEqual({ assigneeEmail: 'bob@partner.example' });
  });

  it('does not move the item to another project or type after creation', () => {
    expect(diffItem(current, { ...untouched, projectKey: 'OTHER', type: 'Bug' })).toEqual({});
  });

  it('compares rich text by content', () => {
    expect(diffItem(current, { ...untouched, description: richTextFromPlain('Something else') })).toEqual({ description: richTextFromPlain('Something else') });
  });
});

describe('newItemFrom', () => {
  const blank: ScriptedItem = {
    projectKey: null,
    type: null,
    summary: 'Created',
    description: { type: 'doc', content: [] },
    status: null,
    priority: null,
    labels: [],
    assignee: null,
    customFields: {},
    parentKey: null,
  };

  it('defaults the project to the connection project and the type to Task', () => {
    expect(newItemFrom(blank, 'SUP')).toEqual({ projectKey: 'SUP', type: 'Task', summary: 'Created' });
  });

  it('takes what the script set, leaving out what is empty', () => {
    expect(
      newItemFrom(
        { ...blank, projectKey: 'OPS', type: 'Bug', status: 'To Do', labels: ['a'], assignee: { email: 'a@x' }, customFields: { A: 1, B: null } },
        'SUP',
      ),
    ).toEqual({
      projectKey: 'OPS',
      type: 'Bug',
      summary: 'Created',
      status: 'To Do',
      labels: ['a'],
      assigneeEmail: 'a@x',
      customFields: { A: 1 },
    });
  });

  it('creates nothing without a summary', () => {
    expect(newItemFrom({ ...blank, summary: '  ' }, 'SUP')).toBeUndefined();
  });
});

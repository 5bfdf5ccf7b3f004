import type { TrackerItem } from '../ports/tracker-item';
import { emptyRichText } from '../rich-text/rich-text';
import { itemMatchesTrigger, parseTriggerQuery, projectsOfTrigger } from './trigger-query';

const item: TrackerItem = {
  key: 'SUP-1',
  projectKey: 'SUP',
  type: 'Bug',
  summary: 's',
  description: emptyRichText,
  status: 'In Progress',
  priority: null,
  labels: ['customer', 'sync'],
  assignee: null,
  reporter: null,
  comments: [],
  attachments: [],
  customFields: {},
  parentKey: null,
  updated: '',
  url: '',
};

describe('trigger queries', () => {
  it.each([
    ['project = SUP', 'jira-cloud', true],
    ['project = sup AND type = Bug', 'jira-server', true],
    ['project = SUP AND issuetype = Task', 'jira-cloud', false],
    ['project in (OPS, SUP) AND status = "In Progress" ORDER BY created ASC', 'jira-cloud', true],
    ['project = SUP AND labels = sync', 'jira-cloud', true],
    ['project = SUP AND labels != sync', 'jira-cloud', false],
    ['project = OPS', 'jira-cloud', false],
    ["SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = 'SUP' AND [System.WorkItemType] = 'Bug'", 'azure-devops', true],
    ["[System.TeamProject] = 'SUP' AND [System.Tags] CONTAINS 'customer'", 'azure-devops', true],
    ['project = SUP AND completed = false', 'asana', true],
  ] as const)('%s (%s) matches: %s', (query, tracker, expected) => {
    const parsed = parseTriggerQuery(query, tracker);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(itemMatchesTrigger(item, parsed.value)).toBe(expected);
  });

  it.each([
    ['', 'empty'],
    ['type = Bug', 'must name a project'],
    ['project ~ SUP', 'not a condition'],
    ['project = SUP OR type = Bug', 'OR is not supported'],
    ['project = Customer Support', 'quote values with spaces'],
    ['project in SUP', 'not readable'],
  ])('refuses %j with a reason', (query, reason) => {
    const parsed = parseTriggerQuery(query, 'jira-cloud');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).toContain(reason);
  });

  it('names the projects the reconciler should watch', () => {
    const parsed = parseTriggerQuery('project in (A, B) AND project != C', 'jira-cloud');
    expect(parsed.ok && projectsOfTrigger(parsed.value)).toEqual(['A', 'B']);
  });
});

import { parseJql, parseJqlDate, type JqlContext } from './jira-jql';
import type { JiraIssueRecord } from './jira-work-records';

const issue = (id: number, overrides: Partial<JiraIssueRecord> = {}): JiraIssueRecord => ({
  id: String(id),
  key: `SUP-${id}`,
  projectKey: 'SUP',
  issueTypeId: 'bug',
  summary: '',
  description: null,
  statusId: 'todo',
  priorityId: null,
  labels: [],
  assigneeId: null,
  reporterId: null,
  creatorId: 'a',
  parentKey: null,
  customFields: {},
  created: Date.parse('2026-11-23T08:00:00Z') + id * 60_000,
  updated: Date.parse('2026-11-23T08:00:00Z') + id * 60_000,
  comments: [],
  attachments: [],
  ...overrides,
});
const context: JqlContext = {
  timeZone: 'Europe/Brussels',
  projectKeys: ['SUP', 'DEV'],
  statusName: (each) => (each.statusId === 'todo' ? 'To Do' : 'In Progress'),
  typeName: (each) => (each.issueTypeId === 'bug' ? 'Bug' : 'Task'),
};
const run = (jql: string, issues: JiraIssueRecord[]) => {
  const query = parseJql(jql, context);
  if (!query.ok) throw new Error(query.message);
  return issues
    .filter(query.matches)
    .sort(query.order)
    .map((each) => each.key);
};

describe("the emulators' JQL", () => {
  const issues = [
    issue(3),
    issue(1, { statusId: 'progress' }),
    issue(2, { issueTypeId: 'task', labels: ['urgent'] }),
    issue(4, { projectKey: 'DEV', key: 'DEV-1' }),
  ];

  it('filters by project, type, status, labels and key, and orders by created either way', () => {
    expect(run('project = SUP ORDER BY created', issues)).toEqual(['SUP-1', 'SUP-2', 'SUP-3']);
    expect(run('project = "SUP" AND type = Bug AND status = "To Do"', issues)).toEqual(['SUP-3']);
    expect(run('project IN (SUP, DEV) AND labels = urgent', issues)).toEqual(['SUP-2']);
    expect(run('issuetype != Bug', issues)).toEqual(['SUP-2']);
    expect(run('project = SUP ORDER BY created DESC', issues)).toEqual(['SUP-3', 'SUP-2', 'SUP-1']);
    expect(run('key = sup-1', issues)).toEqual(['SUP-1']);
  });

  it("reads dates in the user's time zone, to the minute", () => {
    // SUP-2 was updated at 08:02 UTC, 09:02 in Brussels.
    expect(run('project = SUP AND updated >= "2026/11/23 09:02" ORDER BY updated ASC', issues)).toEqual(['SUP-2', 'SUP-3']);
    expect(run('project = SUP AND updated >= "2026-11-23 09:03"', issues)).toEqual(['SUP-3']);
    expect(parseJqlDate('2026/07/01 12:00', 'Europe/Brussels')).toBe(Date.parse('2026-07-01T10:00:00Z'));
    expect(parseJqlDate('2026/07/01', 'UTC')).toBe(Date.parse('2026-07-01T00:00:00Z'));
  });

  it("answers what it does not understand with Jira's words", () => {
    expect(parseJql('colour = red', context)).toEqual({ ok: false, message: "Field 'colour' does not exist or you do not have permission to view it." });
    expect(parseJql('project = NOPE', context)).toEqual({ ok: false, message: "The value 'NOPE' does not exist for the field 'project'." });
    expect(parseJql('project = SUP OR project = DEV', context)).toMatchObject({
      ok: false,
      message: expect.stringContaining("Expecting either 'OR' or 'AND'"),
    });
    expect(parseJql('updated >= "yesterday"', context)).toMatchObject({ ok: false, message: expect.stringContaining("Date value 'yesterday'") });
    expect(parseJql('summary = "open', context)).toMatchObject({ ok: false });
  });
});

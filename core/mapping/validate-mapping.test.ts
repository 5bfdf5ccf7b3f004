import { ExalateError } from '../errors';
import { defaultVisualMapping } from './default-visual-mapping';
import { defaultVocabularyOf, type TrackerVocabularyNow } from './tracker-values';
import { validateMapping, type MappingProblem } from './validate-mapping';
import type { MappingSide, VisualMapping } from './visual-mapping';

const jira = defaultVocabularyOf('jira-cloud');
const azure = defaultVocabularyOf('azure-devops');
const vocabularies: Record<MappingSide, TrackerVocabularyNow> = { initiator: jira, acceptor: azure };
const base = defaultVisualMapping('jira-cloud', 'azure-devops');

function problemsOf(mapping: unknown, now: Record<MappingSide, TrackerVocabularyNow> = vocabularies): MappingProblem[] {
  const result = validateMapping(mapping, now);
  if (result.ok) return [];
  expect(result.error.code).toBe('invalid_request');
  return result.error.details?.['problems'] as MappingProblem[];
}

describe('validateMapping', () => {
  it('accepts a mapping whose fields and values both trackers have', () => {
    const withFilters: VisualMapping = { ...base, initiator: { ...base.initiator, filter: 'project = SUP AND status = "In Progress"' } };
    expect(validateMapping(withFilters, vocabularies)).toEqual({ ok: true, value: withFilters });
  });

  it('refuses a field the tracker does not have, naming it and the fields to choose from', () => {
    const mapping = { ...base, fields: [...base.fields, { initiatorField: 'due', acceptorField: 'storyPoints', direction: 'both' }] };
    expect(problemsOf(mapping)).toEqual([
      {
        side: 'initiator',
        subject: 'due',
        message: expect.stringMatching(/^Jira Cloud has no field 'due' a mapping can use; choose one of: Summary \(summary\), /),
      },
      { side: 'acceptor', subject: 'storyPoints', message: expect.stringContaining("Azure DevOps has no field 'storyPoints'") },
    ]);
  });

  it('refuses a field this project does not offer now', () => {
    const withoutPriority = { ...azure, fields: azure.fields.filter((field) => field !== 'priority') };
    expect(problemsOf(base, { initiator: jira, acceptor: withoutPriority })).toEqual([
      {
        side: 'acceptor',
        subject: 'priority',
        message: expect.stringMatching(/^The field Priority \(priority\) is not available in this Azure DevOps project; remove its row or choose one of: /),
      },
    ]);
  });

  it('refuses writing a field the tracker sets itself, and fields whose values do not fit', () => {
    const mapping = {
      ...base,
      fields: [
        { initiatorField: 'assignee', acceptorField: 'reporter', direction: 'to-acceptor' },
        { initiatorField: 'labels', acceptorField: 'areaPath', direction: 'to-acceptor' },
      ],
    };
    expect(problemsOf(mapping).map((problem) => [problem.side, problem.subject, problem.message])).toEqual([
      [
        'acceptor',
        'reporter',
        'Reporter cannot be written in Azure DevOps: the tracker sets it itself. Make the row flow to Jira Cloud only, or map it to another field.',
      ],
      [
        'acceptor',
        'areaPath',
        'Area path in Azure DevOps cannot take Labels from Jira Cloud: their values do not fit. Map Labels to a field of the same kind.',
      ],
    ]);
  });

  it('accepts the reporter as a source only', () => {
    const mapping = { ...base, fields: [...base.fields, { initiatorField: 'reporter', acceptorField: 'assignee', direction: 'to-acceptor' }] };
    expect(problemsOf(mapping)).toEqual([]);
  });

  it('refuses two rows writing one field in the same direction', () => {
    const mapping = { ...base, fields: [...base.fields, { initiatorField: 'description', acceptorField: 'summary', direction: 'to-acceptor' }] };
    expect(problemsOf(mapping)).toEqual([
      { side: 'acceptor', subject: 'summary', message: 'Summary in Azure DevOps is written by more than one row; keep one.' },
    ]);
  });

  it('refuses a value that no longer exists, naming it and the values there are', () => {
    const renamed = { ...azure, statuses: azure.statuses.filter((status) => status !== 'Active') };
    const problems = problemsOf(base, { initiator: jira, acceptor: renamed });
    expect(problems[0]).toEqual({
      side: 'acceptor',
      subject: 'Active',
      message:
        "The status 'Active' no longer exists in Azure DevOps; map it to one of: New, Approved, To Do, Committed, Doing, Resolved, Closed, Done, Removed.",
    });
    expect(problems.every((problem) => problem.subject === 'Active')).toBe(true);
  });

  it('refuses priorities on a tracker that has none', () => {
    const asana = defaultVisualMapping('jira-cloud', 'asana');
    const mapping = { ...asana, values: { ...asana.values, priority: [{ initiator: 'High', acceptor: 'High', direction: 'both' }] } };
    expect(problemsOf(mapping, { initiator: jira, acceptor: defaultVocabularyOf('asana') })).toEqual([
      { side: 'acceptor', subject: 'High', message: "Asana has no priority; remove the priority pairs that name 'High'." },
    ]);
  });

  it('refuses a filter its tracker cannot read, and one naming a status that is gone', () => {
    const mapping = {
      ...base,
      initiator: { ...base.initiator, filter: 'status = Done' },
      acceptor: { ...base.acceptor, filter: "[System.TeamProject] = 'Platform' AND [System.State] = 'In Triage'" },
    };
    expect(problemsOf(mapping)).toEqual([
      {
        side: 'initiator',
        subject: 'status = Done',
        message: expect.stringMatching(/^The Jira Cloud filter is not valid\. The trigger "status = Done" cannot be used: it must name a project/),
      },
      {
        side: 'acceptor',
        subject: 'In Triage',
        message: expect.stringMatching(/^The Azure DevOps filter names the status 'In Triage', which no longer exists there; use one of: New, /),
      },
    ]);
  });

  it('refuses a filter whose items could not be created on the other side for want of a summary', () => {
    const mapping = {
      ...base,
      initiator: { ...base.initiator, filter: 'project = SUP' },
      fields: base.fields.map((row) => (row.initiatorField === 'summary' ? { ...row, direction: 'to-initiator' as const } : row)),
    };
    expect(problemsOf(mapping)).toEqual([
      {
        side: 'acceptor',
        subject: 'summary',
        message:
          'Items from Jira Cloud cannot be created in Azure DevOps: no row brings a Summary there. Add a Summary row that flows to Azure DevOps, or clear the Jira Cloud filter.',
      },
    ]);
  });

  it('refuses a malformed document, saying where', () => {
    const problems = problemsOf({ ...base, version: 0, fields: [{ initiatorField: 'summary', acceptorField: 'summary', direction: 'sideways' }] });
    expect(problems.map((problem) => problem.subject)).toEqual(['version', 'fields.0.direction']);
    expect(problems.every((problem) => problem.side === null)).toBe(true);
  });

  it('reports every problem at once, in one error that says nothing was saved', () => {
    const mapping = {
      ...base,
      fields: [...base.fields, { initiatorField: 'due', acceptorField: 'summary', direction: 'both' }],
      values: { ...base.values, type: [...base.values.type, { initiator: 'Incident', acceptor: 'Task', direction: 'both' }] },
    };
    const result = validateMapping(mapping, vocabularies);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(ExalateError.isInstance(result.error)).toBe(true);
    expect(result.error.message).toMatch(/^The Visual mapping cannot be used; nothing was saved\. 3 problems: Jira Cloud has no field 'due'/);
    expect((result.error.details?.['problems'] as MappingProblem[]).map((problem) => problem.subject)).toEqual(['due', 'summary', 'Incident']);
  });
});

import { defaultVisualMapping, defaultVocabularyOf, mappingFromView, mappingSeenFrom, unmappedValues, validateMapping } from '../../core/mapping';
import { changeFieldRow, changeValuePair, setLocalFilter } from './visual-mapping-editing';
import { placeProblems, problemCount, problemsOfDetails, unmappedByKind } from './visual-mapping-editing-problems';

// The Azure DevOps admin initiated the connection to Jira Cloud: their side is the initiator.
const view = mappingSeenFrom(defaultVisualMapping('azure-devops', 'jira-cloud'), 'initiator');
const vocabularies = { initiator: defaultVocabularyOf('azure-devops'), acceptor: defaultVocabularyOf('jira-cloud') };

/** What the node answers for a view: core's own check, as the refusal's details carry it. */
function problemsOf(edited: typeof view) {
  const checked = validateMapping(mappingFromView(edited), vocabularies);
  if (checked.ok) throw new Error('expected the mapping to be refused');
  return problemsOfDetails(checked.error.details);
}

it('shows a reporter written on the other side beside its row, and only there', () => {
  const edited = changeFieldRow(view, 1, { local: 'reporter', remote: 'reporter', direction: 'to-remote' });
  const placed = placeProblems(edited, problemsOf(edited));
  expect(placed.fieldRows[1]).toEqual([expect.stringContaining('Reporter cannot be written in Jira Cloud')]);
  expect(placed.fieldRows.filter((_messages, index) => index !== 1).flat()).toEqual([]);
  expect(placed.elsewhere).toEqual([]);
  expect(problemCount(placed)).toBe(1);
});

it('shows a field written by two rows beside both rows', () => {
  const edited = changeFieldRow(view, 1, { local: 'description', remote: 'summary' });
  const placed = placeProblems(edited, problemsOf(edited));
  expect(placed.fieldRows[0]).toEqual([expect.stringContaining('written by more than one row')]);
  expect(placed.fieldRows[1]).toEqual([expect.stringContaining('written by more than one row')]);
});

it('shows a status that does not exist beside the pair that names it, on the side that lacks it', () => {
  const index = view.values.status.findIndex((pair) => pair.remote === 'Done');
  const edited = changeValuePair(view, 'status', index, { remote: 'Shipped' });
  const placed = placeProblems(edited, problemsOf(edited));
  expect(placed.valuePairs.status[index]).toEqual([expect.stringContaining("The status 'Shipped' no longer exists in Jira Cloud")]);
  expect(problemCount(placed)).toBe(1);
});

it('shows a filter the tracker cannot read, and one naming a gone status, under this side’s filter', () => {
  const unreadable = setLocalFilter(view, 'nonsense ((');
  expect(placeProblems(unreadable, problemsOf(unreadable)).filters.local).toEqual([expect.stringContaining('The Azure DevOps filter is not valid')]);
  const gone = setLocalFilter(view, "[System.TeamProject] = 'Fabrikam' AND [System.State] = 'In Triage'");
  const placed = placeProblems(gone, problemsOf(gone));
  expect(placed.filters.local).toEqual([expect.stringContaining("names the status 'In Triage'")]);
  expect(placed.filters.remote).toEqual([]);
});

it('lists what names nothing on screen above the table, and reads problems named by view side too', () => {
  const placed = placeProblems(view, [
    { side: null, subject: 'fields.0.direction', message: 'fields.0.direction: Invalid option.' },
    { side: 'remote', subject: 'summary', message: 'Summary on the other side.' },
  ]);
  expect(placed.elsewhere).toEqual(['fields.0.direction: Invalid option.']);
  expect(placed.fieldRows[0]).toEqual(['Summary on the other side.']);
});

it('reads no problems from details it does not recognise', () => {
  expect(problemsOfDetails(undefined)).toEqual([]);
  expect(problemsOfDetails({ problems: 'many' })).toEqual([]);
  expect(problemsOfDetails({ problems: [{ side: 'elsewhere', subject: 3, message: 'Kept.' }, { message: 7 }] })).toEqual([
    { side: null, subject: '', message: 'Kept.' },
  ]);
});

describe('Not mapped', () => {
  it('flags a live status of the other side that no pair brings here, on that side, and only for status', () => {
    const jiraStatuses = { ...vocabularies.acceptor, statuses: [...vocabularies.acceptor.statuses, 'Waiting for customer'] };
    const unmapped = unmappedValues(mappingFromView(view), { initiator: vocabularies.initiator, acceptor: jiraStatuses });
    const flagged = unmappedByKind(view, unmapped);
    expect(flagged.status.remote).toEqual(['Waiting for customer']);
    expect(flagged.status.local).toEqual([]);
    expect(flagged.priority).toEqual({ local: [], remote: [] });
  });

  it('reads sides the node names from this side’s view as they are', () => {
    const flagged = unmappedByKind(view, [{ kind: 'priority', side: 'local', value: '1' }]);
    expect(flagged.priority).toEqual({ local: ['1'], remote: [] });
  });
});

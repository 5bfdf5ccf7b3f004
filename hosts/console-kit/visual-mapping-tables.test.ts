import { defaultVisualMapping, defaultVocabularyOf, mappingSeenFrom } from '../../core/mapping';
import type { MappingView } from './browser-core';
import { placeProblems } from './visual-mapping-editing-problems';
import { mappingTablesOf, optionsShowing, type MappingTables } from './visual-mapping-tables';

// The Jira Cloud admin initiated the connection to Azure DevOps: their side is the initiator.
const startingView = mappingSeenFrom(defaultVisualMapping('jira-cloud', 'azure-devops'), 'initiator');
const listsOf = (tracker: 'jira-cloud' | 'azure-devops') => {
  const vocabulary = defaultVocabularyOf(tracker);
  return { fields: [...vocabulary.fields], statuses: [...vocabulary.statuses], priorities: [...vocabulary.priorities], types: [...vocabulary.types] };
};
const answer = { values: { local: listsOf('jira-cloud'), remote: listsOf('azure-devops') } };
const noneUnmapped = { local: [], remote: [] };
const unmapped = { status: { local: ['Blocked'], remote: [] }, priority: noneUnmapped, type: noneUnmapped };

/** The tables over a view, with every edit applied to the view the test then reads. */
function editing(view: MappingView = startingView, problems: Parameters<typeof mappingTablesOf>[0]['problems'] = null) {
  const state = { view };
  const tablesNow = (): MappingTables =>
    mappingTablesOf({
      answer,
      view: state.view,
      problems,
      unmapped,
      edit: (change) => {
        state.view = change(state.view);
      },
    })!;
  return { state, tablesNow };
}

describe('the field rows every console shows', () => {
  it('name each control by its row and side, and read each field by its label', () => {
    const { tablesNow } = editing();
    const [first] = tablesNow().fields.rows;
    expect(first?.local.label).toBe("This side's field, row 1");
    expect(first?.remote.label).toBe("Other side's field, row 1");
    expect(first?.direction.label).toBe('Direction, row 1');
    expect(first?.removeLabel).toBe('Remove row 1');
    expect(first?.local.valueLabel).toBe('Summary');
    expect(first?.direction.valueLabel).toBe('Both ways');
    expect(tablesNow().fields.headings).toEqual({
      local: 'This side (Jira Cloud)',
      direction: 'Direction',
      remote: 'Other side (Azure DevOps)',
      remove: 'Remove',
    });
  });

  it('change only the row chosen in, and on the side it belongs to', () => {
    const { state, tablesNow } = editing();
    tablesNow().fields.rows[1]?.remote.choose('assignee');
    expect(state.view.fields[1]?.remote).toBe('assignee');
    expect(state.view.fields[1]?.local).toBe(startingView.fields[1]?.local);
    expect(state.view.fields[0]).toEqual(startingView.fields[0]);
  });

  it('take a known direction and ignore anything else a control hands back', () => {
    const { state, tablesNow } = editing();
    tablesNow().fields.rows[0]?.direction.choose('to-remote');
    expect(state.view.fields[0]?.direction).toBe('to-remote');
    tablesNow().fields.rows[0]?.direction.choose('sideways');
    expect(state.view.fields[0]?.direction).toBe('to-remote');
  });

  it('add a row and remove the one whose Remove was pressed', () => {
    const { state, tablesNow } = editing();
    tablesNow().fields.add();
    expect(state.view.fields).toHaveLength(startingView.fields.length + 1);
    const secondField = state.view.fields[1];
    tablesNow().fields.rows[0]?.remove();
    expect(state.view.fields[0]).toEqual(secondField);
  });

  it('carry the problems the node named for a row, and only for it', () => {
    const edited = { ...startingView, fields: startingView.fields.map((row, index) => (index === 1 ? { ...row, local: 'reporter' } : row)) };
    const problems = placeProblems(edited, [{ side: 'local', subject: 'reporter', message: 'Reporter cannot be written here.' }]);
    const { tablesNow } = editing(edited, problems);
    expect(tablesNow().fields.rows.map((row) => row.problems)).toEqual(
      edited.fields.map((_row, index) => (index === 1 ? ['Reporter cannot be written here.'] : [])),
    );
  });
});

describe('the value maps every console shows', () => {
  it('list a value a pair names that the tracker lost, so the problem beside it makes sense', () => {
    const chooser = { options: [{ value: 'To Do', label: 'To Do' }], value: 'Triage' };
    expect(optionsShowing(chooser)).toEqual([...chooser.options, { value: 'Triage', label: 'Triage' }]);
    expect(optionsShowing({ ...chooser, value: 'To Do' })).toEqual(chooser.options);
  });

  it('name each pair’s controls, offer each side its own values, and change the side chosen in', () => {
    const { state, tablesNow } = editing();
    const status = tablesNow().valueMaps.find((map) => map.kind === 'status')!;
    expect(status.label).toBe('Status pairs');
    expect(status.rows[0]?.local.label).toBe("This side's status, pair 1");
    expect(status.rows[0]?.local.options.map((option) => option.value)).toEqual(answer.values.local.statuses);
    expect(status.rows[0]?.remote.options.map((option) => option.value)).toEqual(answer.values.remote.statuses);
    status.rows[0]?.remote.choose('Closed');
    expect(state.view.values.status[0]?.remote).toBe('Closed');
    expect(state.view.values.status[0]?.local).toBe(startingView.values.status[0]?.local);
  });

  it('flag a value no pair places on its side, and pair it from that value when asked', () => {
    const { state, tablesNow } = editing();
    const status = tablesNow().valueMaps.find((map) => map.kind === 'status')!;
    expect(status.unmapped.map((value) => [value.text, value.pairLabel])).toEqual([['Blocked (this side)', 'Pair Blocked']]);
    expect(status.unmappedLabel).toBe('Status values not mapped');
    status.unmapped[0]?.pair();
    expect(state.view.values.status.at(-1)).toMatchObject({ local: 'Blocked', direction: 'both' });
    expect(state.view.values.status).toHaveLength(startingView.values.status.length + 1);
  });

  it('remove only the pair asked, in the map it belongs to', () => {
    const { state, tablesNow } = editing();
    tablesNow()
      .valueMaps.find((map) => map.kind === 'priority')
      ?.rows[0]?.remove();
    expect(state.view.values.priority).toEqual(startingView.values.priority.slice(1));
    expect(state.view.values.status).toEqual(startingView.values.status);
  });
});

it('has nothing to show until the mapping is loaded', () => {
  expect(mappingTablesOf({ answer: null, view: null, problems: null, unmapped, edit: () => undefined })).toBeNull();
});

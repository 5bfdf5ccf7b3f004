import { defaultVisualMapping, mappingFromView, mappingSeenFrom, validateMapping, defaultVocabularyOf } from '../../core/mapping';
import {
  addFieldRow,
  addValuePair,
  changeFieldRow,
  changeValuePair,
  offeredFieldNames,
  removeFieldRow,
  removeValuePair,
  setLocalFilter,
  setToggle,
  viewsDiffer,
} from './visual-mapping-editing';

// Jira Cloud's admin, who accepted an invitation from Azure DevOps: their side is the acceptor.
const view = mappingSeenFrom(defaultVisualMapping('azure-devops', 'jira-cloud'), 'acceptor');
const jiraFields = defaultVocabularyOf('jira-cloud').fields;
const adoFields = defaultVocabularyOf('azure-devops').fields;
const offered = { local: jiraFields, remote: adoFields };

describe('field rows', () => {
  it('adds a row pairing the first unmapped field with the same field on the other side, both ways', () => {
    const added = addFieldRow(view, offered);
    expect(added.fields).toHaveLength(view.fields.length + 1);
    expect(added.fields.at(-1)).toEqual({ local: 'assignee', remote: 'assignee', direction: 'both' });
    expect(view.fields.some((row) => row.local === 'assignee')).toBe(false);
  });

  it('once every field here is mapped, starts from the first one and the first field over there no row maps yet', () => {
    const everyJiraField = addFieldRow(addFieldRow(view, offered), offered);
    expect(everyJiraField.fields.map((row) => row.local)).toEqual(expect.arrayContaining(jiraFields));
    expect(addFieldRow(everyJiraField, offered).fields.at(-1)).toEqual({ local: 'summary', remote: 'areaPath', direction: 'both' });
  });

  it('offers only the fields the project has, in the tracker’s order', () => {
    expect(offeredFieldNames('jira-cloud', ['labels', 'summary'])).toEqual(['summary', 'labels']);
    expect(offeredFieldNames('azure-devops', [])).toEqual(adoFields);
  });

  it('changes one row’s direction and removes one row, leaving the others and the original view alone', () => {
    const turned = changeFieldRow(view, 3, { direction: 'to-local' });
    expect(turned.fields[3]).toEqual({ local: 'priority', remote: 'priority', direction: 'to-local' });
    expect(turned.fields.filter((_row, index) => index !== 3)).toEqual(view.fields.filter((_row, index) => index !== 3));
    expect(view.fields[3]?.direction).toBe('both');
    const removed = removeFieldRow(view, 3);
    expect(removed.fields.map((row) => row.local)).toEqual(['summary', 'description', 'status', 'type', 'labels']);
  });

  it('a row turned to this side only becomes, in the shared document, a row the initiator sends to the acceptor', () => {
    const document = mappingFromView(changeFieldRow(view, 3, { direction: 'to-local' }));
    expect(document.fields[3]).toEqual({ initiatorField: 'priority', acceptorField: 'priority', direction: 'to-acceptor' });
  });
});

describe('value pairs', () => {
  const statuses = { local: defaultVocabularyOf('jira-cloud').statuses, remote: defaultVocabularyOf('azure-devops').statuses };

  it('pairs an unmapped value the admin picked with the value of the same name over there', () => {
    const paired = addValuePair(view, 'status', statuses, { side: 'remote', value: 'Done' });
    expect(paired.values.status.at(-1)).toEqual({ local: 'Done', remote: 'Done', direction: 'both' });
  });

  it('starts a pair from a local value and picks the first free remote value when no name matches', () => {
    const paired = addValuePair(view, 'status', statuses, { side: 'local', value: 'Backlog' });
    const used = new Set(view.values.status.map((pair) => pair.remote));
    expect(paired.values.status.at(-1)).toEqual({ local: 'Backlog', remote: statuses.remote.find((value) => !used.has(value)) ?? 'New', direction: 'both' });
  });

  it('changes and removes one pair of one map only', () => {
    const index = view.values.status.findIndex((pair) => pair.local === 'Done');
    const changed = changeValuePair(view, 'status', index, { remote: 'Resolved' });
    expect(changed.values.status[index]?.remote).toBe('Resolved');
    expect(changed.values.priority).toBe(view.values.priority);
    const removed = removeValuePair(view, 'status', index);
    expect(removed.values.status).toHaveLength(view.values.status.length - 1);
    expect(removed.values.status).not.toContainEqual(view.values.status[index]);
  });
});

describe('toggles and filter', () => {
  it('turns off sending attachments without touching receiving them or the comments', () => {
    const changed = setToggle(view, 'attachments', 'send', false);
    expect(changed.attachments).toEqual({ send: false, receive: true });
    expect(changed.comments).toEqual(view.comments);
    expect(mappingFromView(changed).attachments).toEqual({ toAcceptor: true, toInitiator: false });
  });

  it('keeps this side’s filter as typed, and an empty one as no filter', () => {
    expect(setLocalFilter(view, 'project = SUP').local.filter).toBe('project = SUP');
    expect(setLocalFilter(setLocalFilter(view, 'project = SUP'), '  ').local.filter).toBeNull();
    expect(setLocalFilter(view, 'project = SUP').remote).toEqual(view.remote);
  });
});

it('an edited view differs from the one it started from until the edit is undone', () => {
  const changed = setToggle(view, 'comments', 'receive', false);
  expect(viewsDiffer(changed, view)).toBe(true);
  expect(viewsDiffer(setToggle(changed, 'comments', 'receive', true), view)).toBe(false);
});

it('every edit keeps the document valid for the trackers it was built from', () => {
  const vocabularies = { initiator: defaultVocabularyOf('azure-devops'), acceptor: defaultVocabularyOf('jira-cloud') };
  const edited = setLocalFilter(
    setToggle(changeFieldRow(addFieldRow(view, offered), 3, { direction: 'to-remote' }), 'comments', 'send', false),
    'project = SUP',
  );
  expect(validateMapping(mappingFromView(edited), vocabularies).ok).toBe(true);
});

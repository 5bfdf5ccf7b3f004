import { defaultVisualMapping } from './default-visual-mapping';
import { defaultVocabularyOf } from './tracker-values';
import { unmappedValues } from './unmapped-values';
import type { VisualMapping } from './visual-mapping';

const jira = defaultVocabularyOf('jira-cloud');
/** An Agile project: it also has Epics, which the profile's type names leave out. */
const azure = { ...defaultVocabularyOf('azure-devops'), types: [...defaultVocabularyOf('azure-devops').types, 'Epic'] };

describe('unmappedValues', () => {
  it('finds nothing unmapped in the default mapping between a default Jira project and an Agile project', () => {
    expect(unmappedValues(defaultVisualMapping('jira-cloud', 'azure-devops'), { initiator: jira, acceptor: azure })).toEqual([]);
  });

  it('flags a live value no pair names and the other side has no value of that name, with its side', () => {
    const values = {
      initiator: { ...jira, statuses: [...jira.statuses, 'Waiting for Customer'] },
      acceptor: { ...azure, priorities: [...azure.priorities, '0'] },
    };
    expect(unmappedValues(defaultVisualMapping('jira-cloud', 'azure-devops'), values)).toEqual([
      { kind: 'status', side: 'initiator', value: 'Waiting for Customer' },
      { kind: 'priority', side: 'acceptor', value: '0' },
    ]);
  });

  it('does not flag a value the other side has by the same name, whatever its case', () => {
    const values = { initiator: { ...jira, statuses: [...jira.statuses, 'Blocked'] }, acceptor: { ...azure, statuses: [...azure.statuses, 'blocked'] } };
    expect(unmappedValues(defaultVisualMapping('jira-cloud', 'azure-devops'), values)).toEqual([]);
  });

  it('only looks at directions a row of that kind flows in', () => {
    const base = defaultVisualMapping('jira-cloud', 'azure-devops');
    const statusToAcceptorOnly: VisualMapping = {
      ...base,
      fields: base.fields.map((row) => (row.initiatorField === 'status' ? { ...row, direction: 'to-acceptor' } : row)),
    };
    const values = { initiator: { ...jira, statuses: [...jira.statuses, 'Waiting'] }, acceptor: { ...azure, statuses: [...azure.statuses, 'In Triage'] } };
    expect(unmappedValues(statusToAcceptorOnly, values)).toEqual([{ kind: 'status', side: 'initiator', value: 'Waiting' }]);
  });

  it('needs no type pairs for a tracker whose items all have one type', () => {
    const values = { initiator: { ...jira, types: [...jira.types, 'Incident'] }, acceptor: defaultVocabularyOf('asana') };
    expect(unmappedValues(defaultVisualMapping('jira-cloud', 'asana'), values).filter((value) => value.kind === 'type')).toEqual([]);
  });
});

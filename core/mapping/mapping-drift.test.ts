import { defaultVisualMapping } from './default-visual-mapping';
import { mappingDrift, vocabulariesTolerating } from './mapping-drift';
import { defaultVocabularyOf, vocabularyFromValues } from './tracker-values';
import { validateMapping } from './validate-mapping';
import type { VisualMapping } from './visual-mapping';

const jiraValues = { statuses: ['To Do', 'In Progress', 'Code review', 'Done'], priorities: ['High', 'Low'], types: ['Bug', 'Task'] };
const mapping: VisualMapping = {
  ...defaultVisualMapping('jira-cloud', 'azure-devops'),
  values: {
    status: [
      { initiator: 'Code review', acceptor: 'Resolved', direction: 'both' },
      { initiator: 'Backlog', acceptor: 'New', direction: 'to-acceptor' },
    ],
    priority: [],
    type: [],
  },
};

describe('mappingDrift', () => {
  it('names the pair whose value the tracker listed before and no longer does, in words that say what to do', () => {
    const renamed = vocabularyFromValues('jira-cloud', { ...jiraValues, statuses: ['To Do', 'In Progress', 'Reviewing', 'Done'] });

    expect(mappingDrift(mapping, 'initiator', renamed, jiraValues)).toEqual([
      {
        kind: 'status',
        local: 'Code review',
        remote: 'Resolved',
        message: "The status pair 'Code review' ↔ 'Resolved' names 'Code review', which Jira Cloud no longer has; edit the Visual mapping and publish it.",
      },
    ]);
  });

  it('finds none while the tracker still lists every value it ever listed, and ignores values it never had', () => {
    // Backlog comes from another template's workflow: this project never had it.
    expect(mappingDrift(mapping, 'initiator', vocabularyFromValues('jira-cloud', jiraValues), jiraValues)).toEqual([]);
  });

  it('judges the side it is asked about, with the other side named as the pair', () => {
    const adoValues = { statuses: ['New', 'Active', 'Closed'], priorities: [], types: [] };
    const drifts = mappingDrift(mapping, 'acceptor', vocabularyFromValues('azure-devops', adoValues), { ...adoValues, statuses: ['New', 'Resolved'] });
    expect(drifts.map((drift) => [drift.local, drift.remote])).toEqual([['Resolved', 'Code review']]);
  });
});

describe('vocabulariesTolerating', () => {
  const seen = { initiator: jiraValues, acceptor: { statuses: ['New', 'Active', 'Resolved', 'Closed'], priorities: [], types: [] } };
  const vocabularies = {
    initiator: vocabularyFromValues('jira-cloud', jiraValues),
    acceptor: vocabularyFromValues('azure-devops', { statuses: ['New', 'Active', 'Resolved', 'Closed'], priorities: ['1'], types: ['Bug'] }),
  };

  it('lets a changed mapping keep the agreed pairs naming values the project never had', () => {
    const changed = { ...mapping, comments: { toAcceptor: false, toInitiator: true } };
    expect(validateMapping(changed, vocabularies).ok).toBe(false);
    expect(validateMapping(changed, vocabulariesTolerating(vocabularies, mapping, seen)).ok).toBe(true);
  });

  it('still refuses a new pair naming such a value, and a value the tracker had and no longer has', () => {
    const newPair = {
      ...mapping,
      values: { ...mapping.values, status: [...mapping.values.status, { initiator: 'Open', acceptor: 'New', direction: 'to-acceptor' as const }] },
    };
    const refused = validateMapping(newPair, vocabulariesTolerating(vocabularies, mapping, seen));
    expect(refused.ok ? [] : refused.error.details?.['problems']).toEqual([expect.objectContaining({ side: 'initiator', subject: 'Open' })]);

    const renamed = { ...vocabularies, initiator: vocabularyFromValues('jira-cloud', { ...jiraValues, statuses: ['To Do', 'Done'] }) };
    const gone = validateMapping(mapping, vocabulariesTolerating(renamed, mapping, seen));
    expect(gone.ok ? [] : gone.error.details?.['problems']).toEqual([expect.objectContaining({ side: 'initiator', subject: 'Code review' })]);
  });

  it('leaves the vocabularies as they are when nothing was inherited', () => {
    const defaults = { initiator: defaultVocabularyOf('jira-cloud'), acceptor: defaultVocabularyOf('azure-devops') };
    const tolerated = vocabulariesTolerating(defaults, defaultVisualMapping('jira-cloud', 'azure-devops'), {
      initiator: defaults.initiator,
      acceptor: defaults.acceptor,
    });
    expect(tolerated).toEqual(defaults);
  });
});

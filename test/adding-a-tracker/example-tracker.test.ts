import { itemMatchesTrigger, parseTriggerText, type TrackerItem, type TrackerProfile, type TriggerCondition, type TriggerConditions } from '../../core';
import { trackerItem } from '../fakes/tracker-item';

/**
 * docs/adding-a-tracker.md, followed for a made-up fifth tracker "example": its profile is written
 * the way core/trackers/<tracker>.ts are, and core's one trigger grammar reads its own trigger
 * language with no change to the grammar. Registering it for real is one line in
 * core/trackers/index.ts, which a test cannot do; the compiler then lists every table that misses it.
 */
const example: TrackerProfile = {
  displayName: 'Example Tracker',
  words: { brand: 'Example', item: 'ticket', scriptItem: 'issue', projectAdvice: 'Create a board in Example, or check that Exalate may read it' },
  vocabulary: {
    family: 'example',
    statuses: { target: { todo: 'Open', doing: 'Working', done: 'Shipped' }, known: { Open: 'todo', Working: 'doing', Shipped: 'done' } },
    typeNamesFrom: { jira: { Bug: 'Defect' } },
    priorityNamesFrom: {},
    onlyItemType: null,
    hasPriority: false,
    statusIsCompletion: false,
    labelsMayHaveSpaces: true,
  },
  scriptFields: { aliases: { board: 'example.board' }, dottedCustomFields: false, completedFlag: false },
  trigger: { name: 'Example query', fields: { board: 'project', kind: 'type', stage: 'status', tag: 'label' }, statementHead: /^find\s+tickets\s+where\s+/i },
  richText: 'html',
  itemUrl: (baseUrl, key) => `${baseUrl}/tickets/${encodeURIComponent(key)}`,
  console: { signIn: null, initiateButton: 'initiate', projectStepNotice: null, scriptModeNeedsPublicLicensedInstance: false },
};

/**
 * What the example adapter's search (hosts/example/adapter.ts) would do with a trigger: core hands
 * it the conditions its grammar read, and it only writes them in the tracker's own search syntax
 * (here a made-up `board:OPS -stage:Shipped tag:(sync|urgent)`), as trigger-jql.ts writes JQL.
 */
function exampleSearchOf(trigger: TriggerConditions): string {
  const names: Readonly<Record<TriggerCondition['field'], string>> = { project: 'board', type: 'kind', status: 'stage', label: 'tag', completed: 'done' };
  return trigger
    .map(
      (condition) =>
        `${condition.operator === '!=' ? '-' : ''}${names[condition.field]}:${condition.operator === 'in' ? `(${condition.values.join('|')})` : condition.values[0]}`,
    )
    .join(' ');
}

const ticket: TrackerItem = trackerItem({ key: 'T-1', projectKey: 'OPS', type: 'Defect', status: 'Working', labels: ['sync'] });

describe('a fifth tracker, added by following docs/adding-a-tracker.md', () => {
  it('reads its trigger language with the one grammar, in its own field names', () => {
    const parsed = parseTriggerText('FIND TICKETS WHERE board = OPS AND stage != Shipped AND tag in (sync, urgent)', example.trigger);
    expect(parsed).toEqual({
      ok: true,
      value: [
        { field: 'project', operator: '=', values: ['OPS'] },
        { field: 'status', operator: '!=', values: ['Shipped'] },
        { field: 'label', operator: 'in', values: ['sync', 'urgent'] },
      ],
    });
    expect(parsed.ok && itemMatchesTrigger(ticket, parsed.value)).toBe(true);
  });

  it('searches with the conditions core read, written in its own search syntax', () => {
    const parsed = parseTriggerText('find tickets where board = OPS and stage != Shipped and tag in (sync, urgent)', example.trigger);
    expect(parsed.ok && exampleSearchOf(parsed.value)).toBe('board:OPS -stage:Shipped tag:(sync|urgent)');
  });

  it("refuses another tracker's field names in its triggers", () => {
    const parsed = parseTriggerText('project = OPS', example.trigger);
    expect(parsed.ok).toBe(false);
  });

  it('gives the address of one of its items', () => {
    expect(example.itemUrl('https://example.test', 'T 1')).toBe('https://example.test/tickets/T%201');
  });
});

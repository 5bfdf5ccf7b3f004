import { defaultVisualMapping } from './default-visual-mapping';
import { diffMappings } from './mapping-diff';
import { mappingSeenFrom, type MappingView } from './mapping-view';

const running = mappingSeenFrom(defaultVisualMapping('jira-cloud', 'azure-devops'), 'initiator');

describe('the differences an approving admin reads', () => {
  it('finds nothing between a mapping and itself', () => {
    expect(diffMappings(running, running)).toEqual([]);
  });

  it('names value pairs added and removed, and a pair turned one way', () => {
    const [first, ...rest] = running.values.priority;
    const proposed: MappingView = {
      ...running,
      values: { ...running.values, priority: [{ ...first!, direction: 'to-remote' }, ...rest.slice(1), { local: 'Blocker', remote: '1', direction: 'both' }] },
    };
    expect(diffMappings(running, proposed).map((difference) => [difference.kind, difference.path, difference.words])).toEqual([
      ['changed', 'values.priority', `Priority mapping ${first!.local} ↔ ${first!.remote} now flows to the other side only (was both ways).`],
      ['added', 'values.priority', 'Priority mapping added: Blocker ↔ 1 (both ways).'],
      ['removed', 'values.priority', `Priority mapping removed: ${rest[0]!.local} ↔ ${rest[0]!.remote}.`],
    ]);
  });

  it('names field rows, toggles and filters with this side and the other side', () => {
    const proposed: MappingView = {
      ...running,
      fields: [...running.fields, { local: 'assignee', remote: 'assignee', direction: 'to-local' }],
      attachments: { send: false, receive: true },
      local: { ...running.local, filter: 'project = SUP' },
    };
    expect(diffMappings(running, proposed).map((difference) => difference.words)).toEqual([
      'Field row added: Assignee ↔ Assignee (to this side only).',
      'Attachments of this side are no longer sent to the other side.',
      "This side's filter set: project = SUP.",
    ]);
  });
});

import fc from 'fast-check';
import { trackerKinds } from '../trackers';
import { flipView, mappingFromView, mappingSeenFrom } from './mapping-view';
import { mappingDirections, mappingSides, type VisualMapping } from './visual-mapping';

const name = fc.string({ minLength: 1, maxLength: 12 });
const direction = fc.constantFrom(...mappingDirections);
const pairs = fc.array(fc.record({ initiator: name, acceptor: name, direction }), { maxLength: 5 });
const toggles = fc.record({ toAcceptor: fc.boolean(), toInitiator: fc.boolean() });
const side = fc.record({ tracker: fc.constantFrom(...trackerKinds), filter: fc.option(name, { nil: null }) });

const mappings: fc.Arbitrary<VisualMapping> = fc.record({
  version: fc.integer({ min: 1, max: 1000 }),
  initiator: side,
  acceptor: side,
  fields: fc.array(fc.record({ initiatorField: name, acceptorField: name, direction }), { maxLength: 6 }),
  values: fc.record({ status: pairs, priority: pairs, type: pairs }),
  comments: toggles,
  attachments: toggles,
});

describe('mappingSeenFrom', () => {
  it('loses nothing: a view turned back into the document gives the same document, from either side', () => {
    fc.assert(
      fc.property(mappings, fc.constantFrom(...mappingSides), (mapping, from) => expect(mappingFromView(mappingSeenFrom(mapping, from))).toEqual(mapping)),
    );
  });

  it('the initiator’s view flipped is the acceptor’s view, and flipping twice changes nothing', () => {
    fc.assert(
      fc.property(mappings, (mapping) => {
        const initiatorView = mappingSeenFrom(mapping, 'initiator');
        expect(flipView(initiatorView)).toEqual(mappingSeenFrom(mapping, 'acceptor'));
        expect(flipView(flipView(initiatorView))).toEqual(initiatorView);
        expect(mappingFromView(flipView(initiatorView))).toEqual(mapping);
      }),
    );
  });

  it('shows a row sent by this side as flowing to the remote side', () => {
    const mapping: VisualMapping = {
      version: 1,
      initiator: { tracker: 'jira-cloud', filter: 'project = SUP' },
      acceptor: { tracker: 'asana', filter: null },
      fields: [{ initiatorField: 'summary', acceptorField: 'summary', direction: 'to-acceptor' }],
      values: { status: [{ initiator: 'Done', acceptor: 'completed', direction: 'to-initiator' }], priority: [], type: [] },
      comments: { toAcceptor: true, toInitiator: false },
      attachments: { toAcceptor: false, toInitiator: true },
    };
    const acceptorView = mappingSeenFrom(mapping, 'acceptor');
    expect(acceptorView.local).toEqual({ tracker: 'asana', filter: null });
    expect(acceptorView.fields).toEqual([{ local: 'summary', remote: 'summary', direction: 'to-local' }]);
    expect(acceptorView.values.status).toEqual([{ local: 'completed', remote: 'Done', direction: 'to-remote' }]);
    expect(acceptorView.comments).toEqual({ send: false, receive: true });
    expect(acceptorView.attachments).toEqual({ send: true, receive: false });
  });
});

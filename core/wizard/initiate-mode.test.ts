import { notices } from './labels';
import { messages } from './messages';
import { at, checkTransitions, contexts, draftOf, events, walk } from './test-fixtures';

const noScriptHere = { local: { tracker: 'jira-cloud', isPublic: true, modes: ['basic', 'visual'] } } as const;
const onlyScript = { tracker: 'azure-devops', isPublic: true, modes: ['script'] } as const;

describe('mode step of a private connection', () => {
  test('offers Basic, Visual and Script: every mode works when the private side starts every request', () => {
    expect(at.privateMode()).toMatchObject({
      step: 'mode',
      options: [
        { mode: 'basic', label: 'Basic', available: true },
        { mode: 'visual', label: 'Visual', available: true },
        { mode: 'script', label: 'Script', available: true },
      ],
      notices: [notices.privateModes, notices.modeIsFinal],
      error: null,
    });
  });

  checkTransitions([
    {
      name: 'choosing Script selects it',
      start: at.privateMode,
      event: events.chooseMode('script'),
      state: { draft: { ...draftOf(at.privateMode()), mode: 'script' }, error: null },
      effects: [],
    },
    {
      name: 'choosing Visual selects it',
      start: at.privateMode,
      event: events.chooseMode('visual'),
      state: { draft: { ...draftOf(at.privateMode()), mode: 'visual' }, error: null },
      effects: [],
    },
    {
      name: 'a refused choice keeps the earlier one (a local node that runs no Script)',
      start: () => walk(at.privateMode(noScriptHere), [events.chooseMode('visual')]),
      event: events.chooseMode('script'),
      state: { draft: { ...draftOf(at.privateMode(noScriptHere)), mode: 'visual' }, error: messages.modeNotOfferedHere('script') },
      effects: [],
    },
    {
      name: 'a valid choice clears the refusal message',
      start: () => walk(at.privateMode(noScriptHere), [events.chooseMode('script')]),
      event: events.chooseMode('basic'),
      state: { error: null },
      effects: [],
    },
    { name: 'next without a mode asks for one', start: at.privateMode, event: events.next, state: { step: 'mode', error: messages.modeRequired }, effects: [] },
    {
      name: 'next with a mode goes to connection information, with the Public-Private note',
      start: () => walk(at.privateMode(), [events.chooseMode('script')]),
      event: events.next,
      state: { step: 'information', notices: [notices.publicPrivateNote], fieldErrors: {}, error: null },
      effects: [],
    },
    {
      name: 'previous goes back to the destination, keeping the toggle and the mode',
      start: () => walk(at.privateMode(), [events.chooseMode('script')]),
      event: events.previous,
      state: {
        step: 'destination',
        notices: [notices.publicAndPrivateSides, notices.privateConnectionExplained],
        draft: { ...draftOf(at.privateMode()), mode: 'script' },
      },
      effects: [],
    },
    { name: 'typing is ignored on the mode step', start: at.privateMode, event: events.edit('localName', 'x'), unchanged: true, effects: [] },
    { name: 'initiate is ignored on the mode step', start: at.privateMode, event: events.initiate, unchanged: true, effects: [] },
    { name: 'cancel closes', start: at.privateMode, event: events.cancel, state: { step: 'closed' }, effects: [{ type: 'close' }] },
  ]);
});

describe('mode step of a public connection', () => {
  test('offers the three modes a destination supports, with the suggestion note', () => {
    expect(at.publicMode()).toMatchObject({
      options: [
        { mode: 'basic', label: 'Basic', available: true },
        { mode: 'visual', label: 'Visual', available: true },
        { mode: 'script', label: 'Script', available: true },
      ],
      notices: [notices.suggestedModes, notices.modeIsFinal],
    });
  });

  test('a destination that supports only Script offers only Script', () => {
    expect(at.publicMode(onlyScript)).toMatchObject({
      options: [
        { mode: 'basic', available: false, reason: 'The destination instance (Azure DevOps) does not offer Basic mode.' },
        { mode: 'visual', available: false, reason: 'The destination instance (Azure DevOps) does not offer Visual mode.' },
        { mode: 'script', available: true },
      ],
    });
  });

  test('a reachable destination that reports itself private is treated as private, and still offers Visual', () => {
    const state = at.publicMode({ tracker: 'asana', isPublic: false, modes: ['basic', 'visual', 'script'] });
    expect(state).toMatchObject({
      options: [{ available: true }, { mode: 'visual', available: true }, { available: true }],
      notices: [notices.privateModes, notices.modeIsFinal],
    });
    expect(walk(state, [events.chooseMode('script'), events.next])).toMatchObject({ step: 'information', notices: [notices.publicPrivateNote] });
  });

  checkTransitions([
    {
      name: 'choosing a mode the destination does not offer is refused',
      start: () => at.publicMode(onlyScript),
      event: events.chooseMode('basic'),
      state: { error: 'The destination instance (Azure DevOps) does not offer Basic mode.', draft: draftOf(at.publicMode(onlyScript)) },
      effects: [],
    },
    {
      name: 'choosing Visual on a public connection selects it',
      start: () => at.publicMode(),
      event: events.chooseMode('visual'),
      state: { draft: { ...draftOf(at.publicMode()), mode: 'visual' } },
      effects: [],
    },
    {
      name: 'next goes to connection information without the Public-Private note',
      start: () => walk(at.publicMode(), [events.chooseMode('visual')]),
      event: events.next,
      state: { step: 'information', notices: [] },
      effects: [],
    },
    {
      name: 'previous goes back to the URL as typed, not busy',
      start: () => at.publicMode(),
      event: events.previous,
      state: { step: 'destination', busy: false, draft: draftOf(at.publicMode()) },
      effects: [],
    },
  ]);

  test('a mode chosen earlier is dropped when the new destination does not offer it', () => {
    const chosenVisual = walk(at.publicMode(), [events.chooseMode('visual'), events.previous, events.next]);
    const reinspected = walk(chosenVisual, [{ type: 'destination_inspected', destination: onlyScript }]);
    expect(draftOf(reinspected).mode).toBeNull();
  });

  test('a mode chosen earlier is kept when it is still offered', () => {
    const back = walk(at.publicMode(), [events.chooseMode('script'), events.next, events.previous]);
    expect(back).toMatchObject({ step: 'mode', draft: { mode: 'script' } });
  });

  test('turning to a private destination keeps a Visual choice, which works there too', () => {
    const state = walk(at.publicMode(), [events.chooseMode('visual'), events.previous, events.noUrl, events.next]);
    expect(state).toMatchObject({ step: 'mode', draft: { mode: 'visual', destination: null, noUrl: true } });
  });
});

describe('mode step on Jira Server / Data Center', () => {
  test('states the Script prerequisites up front', () => {
    expect(at.privateMode(contexts.jiraServerTrial)).toMatchObject({
      notices: [notices.privateModes, notices.jiraServerScriptPrerequisites, notices.jiraServerLicenceUnread, notices.modeIsFinal],
    });
  });

  test.each([
    ['an evaluation (trial) licence allows Script', contexts.jiraServerTrial, { mode: 'script', label: 'Script', available: true }],
    ['a paid licence allows Script', contexts.jiraServerPaid, { mode: 'script', label: 'Script', available: true }],
    [
      'an expired licence refuses Script',
      contexts.jiraServerExpired,
      { mode: 'script', label: 'Script', available: false, reason: messages.scriptNeedsLicenceExpired },
    ],
    ['no licence of any kind allows Script (this open edition needs none)', contexts.jiraServerNone, { mode: 'script', label: 'Script', available: true }],
    ['an unread licence allows Script (only an expired one stops it)', contexts.jiraServerUnknownLicence, { mode: 'script', label: 'Script', available: true }],
  ] as const)('%s', (_name, context, scriptOption) => {
    const state = at.publicMode(undefined, context);
    expect(state).toMatchObject({ step: 'mode' });
    expect('options' in state && state.options[2]).toEqual(scriptOption);
    const chosen = walk(state, [events.chooseMode('script')]);
    expect(draftOf(chosen).mode).toBe(scriptOption.available ? 'script' : null);
    expect(chosen.error).toBe(scriptOption.available ? null : scriptOption.reason);
  });

  test('an expired licence still leaves Basic and Visual', () => {
    expect(at.publicMode(undefined, contexts.jiraServerExpired)).toMatchObject({
      options: [
        { mode: 'basic', available: true },
        { mode: 'visual', available: true },
        { mode: 'script', available: false },
      ],
    });
  });

  test('no mode at all says so first', () => {
    const state = at.publicMode(onlyScript, contexts.jiraServerExpired);
    expect(state.notices).toEqual([
      messages.noModeAvailable,
      notices.suggestedModes,
      notices.jiraServerScriptPrerequisites,
      notices.jiraServerLicenceUnread,
      notices.modeIsFinal,
    ]);
    expect(walk(state, [events.next]).error).toBe(messages.modeRequired);
  });
});

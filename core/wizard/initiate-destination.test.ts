import { emptyInitiateDraft, startInitiateWizard } from './initiate-flow';
import { notices } from './labels';
import { messages } from './messages';
import { listModeOptions } from './mode-options';
import { at, checkTransitions, contexts, draftOf, events, publicDestination, walk } from './test-fixtures';

const url = 'https://partner.visualstudio.com';

describe('opening Initiate Connection', () => {
  test('a public instance starts on the destination step with nothing typed', () => {
    expect(startInitiateWizard(contexts.jiraCloud)).toEqual({
      flow: 'initiate',
      step: 'destination',
      context: contexts.jiraCloud,
      busy: false,
      // The public guide's opening note: whoever initiates becomes the source.
      notices: [notices.eitherSideInitiates],
      error: null,
      fieldErrors: {},
      draft: emptyInitiateDraft,
    });
  });

  test('nothing is typed or chosen in the draft it opens with: every text empty, every choice unmade, every switch off', () => {
    const filledIn = Object.entries(emptyInitiateDraft).filter(([, value]) => value !== '' && value !== null && value !== false);
    expect(filledIn).toEqual([]);
  });

  test('a private instance is told it can only accept, and offered nothing else', () => {
    expect(startInitiateWizard(contexts.privateAzureDevOps)).toEqual({
      flow: 'initiate',
      step: 'unavailable',
      context: contexts.privateAzureDevOps,
      busy: false,
      notices: [],
      error: messages.localInstancePrivate,
    });
  });
});

describe('unavailable step (private local instance)', () => {
  const start = (): ReturnType<typeof at.destination> => startInitiateWizard(contexts.privateAzureDevOps);
  checkTransitions([
    { name: 'next does nothing', start, event: events.next, unchanged: true, effects: [] },
    { name: 'set_no_url does nothing', start, event: events.noUrl, unchanged: true, effects: [] },
    { name: 'cancel closes', start, event: events.cancel, state: { step: 'closed' }, effects: [{ type: 'close' }] },
  ]);
});

describe('destination step', () => {
  const typed = (value: string) => () => walk(at.destination(), [events.edit('destinationUrl', value)]);
  checkTransitions([
    {
      name: 'typing the URL keeps it as typed',
      start: at.destination,
      event: events.edit('destinationUrl', ' https://x.example/ '),
      state: { draft: { ...draftOf(at.destination()), destinationUrl: ' https://x.example/ ' } },
      effects: [],
    },
    { name: 'typing into a field of another step is ignored', start: at.destination, event: events.edit('localName', 'acme'), unchanged: true, effects: [] },
    {
      name: 'typing clears the URL message',
      start: () => walk(at.destination(), [events.next]),
      event: events.edit('destinationUrl', 'h'),
      state: { fieldErrors: {} },
      effects: [],
    },
    {
      name: "turning on I don't have a URL explains private connections",
      start: at.destination,
      event: events.noUrl,
      state: { step: 'destination', notices: [notices.publicAndPrivateSides, notices.privateConnectionExplained], fieldErrors: {} },
      effects: [],
    },
    {
      name: "turning I don't have a URL off again restores the typed URL",
      start: () => walk(typed(url)(), [events.noUrl]),
      event: { type: 'set_no_url', noUrl: false },
      state: { notices: [notices.eitherSideInitiates], draft: { ...draftOf(typed(url)()), noUrl: false } },
      effects: [],
    },
    {
      name: 'next without a URL asks for one',
      start: at.destination,
      event: events.next,
      state: { step: 'destination', busy: false, fieldErrors: { destinationUrl: messages.destinationUrlRequired } },
      effects: [],
    },
    {
      name: 'next with only spaces asks for a URL',
      start: typed('   '),
      event: events.next,
      state: { fieldErrors: { destinationUrl: messages.destinationUrlRequired } },
      effects: [],
    },
    {
      name: 'next with a bare host name asks for the full address',
      start: typed('partner.visualstudio.com'),
      event: events.next,
      state: {
        fieldErrors: { destinationUrl: '"partner.visualstudio.com" is not a web address. Enter the full Destination Instance URL, starting with https://.' },
      },
      effects: [],
    },
    {
      name: 'next with another scheme asks for the full address',
      start: typed('ftp://partner.example'),
      event: events.next,
      state: { fieldErrors: { destinationUrl: 'The Destination Instance URL must start with https:// (or http:// for a test instance).' } },
      effects: [],
    },
    {
      name: 'next with credentials in the URL asks to leave them out',
      start: typed('https://admin:secret@partner.example'),
      event: events.next,
      state: {
        fieldErrors: { destinationUrl: 'Remove the user name and password from the Destination Instance URL; nodes authenticate each other with keys.' },
      },
      effects: [],
    },
    {
      name: 'next with a URL asks the destination what it supports',
      start: typed(`  ${url}/  `),
      event: events.next,
      state: { step: 'destination', busy: true, fieldErrors: {}, error: null },
      effects: [{ type: 'inspect_destination', url }],
    },
    {
      name: 'next with an http URL is accepted (a sandbox on localhost)',
      start: typed('http://localhost:8080/azure-devops'),
      event: events.next,
      state: { busy: true },
      effects: [{ type: 'inspect_destination', url: 'http://localhost:8080/azure-devops' }],
    },
    {
      name: "next with I don't have a URL goes to the mode step without any call",
      start: () => walk(at.destination(), [events.noUrl]),
      event: events.next,
      state: { step: 'mode', draft: { ...draftOf(walk(at.destination(), [events.noUrl])), destination: null } },
      effects: [],
    },
    {
      name: "next with I don't have a URL ignores a half-typed URL",
      start: () => walk(typed('not a url')(), [events.noUrl]),
      event: events.next,
      state: { step: 'mode' },
      effects: [],
    },
    { name: 'previous on the first step does nothing', start: at.destination, event: events.previous, unchanged: true, effects: [] },
    { name: 'cancel closes', start: at.destination, event: events.cancel, state: { step: 'closed', busy: false }, effects: [{ type: 'close' }] },
  ]);
});

describe('destination step while the destination is being asked', () => {
  const inspecting = (): ReturnType<typeof at.inspecting> => at.inspecting(`${url}/`);
  const onlyScript = { tracker: 'azure-devops', isPublic: true, modes: ['script'] } as const;
  checkTransitions([
    { name: 'a second Next is ignored (no second inspection)', start: inspecting, event: events.next, unchanged: true, effects: [] },
    { name: 'typing is ignored', start: inspecting, event: events.edit('destinationUrl', 'x'), unchanged: true, effects: [] },
    { name: 'the toggle is ignored', start: inspecting, event: events.noUrl, unchanged: true, effects: [] },
    {
      name: 'an unrelated answer is ignored',
      start: inspecting,
      event: { type: 'initiated', invitationCode: 'x', connectionId: 'y' },
      unchanged: true,
      effects: [],
    },
    {
      name: 'the answer opens the mode step with what the destination offers',
      start: inspecting,
      event: { type: 'destination_inspected', destination: onlyScript },
      state: {
        step: 'mode',
        busy: false,
        error: null,
        options: listModeOptions(contexts.jiraCloud.local, onlyScript),
        draft: { ...draftOf(inspecting()), destination: onlyScript },
      },
      effects: [],
    },
    {
      name: 'modes are kept in product order, once, whatever the destination listed',
      start: inspecting,
      event: { type: 'destination_inspected', destination: { tracker: 'asana', isPublic: true, modes: ['script', 'basic', 'script'] } },
      state: { draft: { ...draftOf(inspecting()), destination: { tracker: 'asana', isPublic: true, modes: ['basic', 'script'] } } },
      effects: [],
    },
    {
      name: 'a destination offering no mode keeps the admin on the step',
      start: inspecting,
      event: { type: 'destination_inspected', destination: { ...publicDestination, modes: [] } },
      state: { step: 'destination', busy: false, error: messages.destinationOffersNoMode(url) },
      effects: [],
    },
    {
      name: 'a failed inspection shows its message and keeps the URL',
      start: inspecting,
      event: { type: 'destination_inspection_failed', message: 'The destination answered 404.' },
      state: { step: 'destination', busy: false, error: 'The destination answered 404.', draft: draftOf(inspecting()) },
      effects: [],
    },
    {
      name: 'a failed inspection without a message says the destination was not reached',
      start: inspecting,
      event: { type: 'destination_inspection_failed', message: ' ' },
      state: { error: messages.destinationUnreachable(url) },
      effects: [],
    },
    { name: 'cancel while asking closes', start: inspecting, event: events.cancel, state: { step: 'closed' }, effects: [{ type: 'close' }] },
  ]);

  test('after a failed inspection, Next asks again', () => {
    const failed = walk(inspecting(), [{ type: 'destination_inspection_failed', message: 'down' }]);
    expect(walk(failed, [events.next])).toMatchObject({ busy: true, error: null });
  });
});

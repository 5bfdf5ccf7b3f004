import { fieldHelp, labels } from './labels';
import { messages } from './messages';
import { at, contexts, events, walk } from './test-fixtures';
import type { WizardState } from './wizard-state';
import { viewWizard } from './wizard-view';

const buttons = (state: WizardState) => viewWizard(state).actions.map((action) => [action.label, action.enabled, action.primary]);

describe('titles', () => {
  test.each([
    ['unavailable', () => at.destination(contexts.privateAzureDevOps), 'Initiate connection', 'Initiate connection'],
    ['destination', () => at.destination(), 'Initiate connection', 'Destination instance'],
    ['mode', () => at.privateMode(), 'Initiate connection', 'Configuration mode'],
    ['information', () => at.information(), 'Initiate connection', 'Connection information'],
    ['project', () => at.projectLoading(), 'Initiate connection', 'Select a project for the incoming sync'],
    ['invitation', () => at.invitation(), 'Initiate connection', 'Copy invitation code'],
    ['code', () => at.code(), 'Accept invitation', 'Invitation code'],
    ['preview', () => at.preview(), 'Accept invitation', 'Invitation'],
    ['accept project', () => at.acceptProjectLoading(), 'Accept invitation', 'Select a project for the incoming sync'],
    ['accepted', () => at.accepted(), 'Accept invitation', 'Connection accepted'],
  ] as const)('%s', (_name, start, dialogTitle, stepTitle) => {
    expect(viewWizard(start())).toMatchObject({ dialogTitle, stepTitle });
  });
});

describe('buttons', () => {
  test.each([
    ['unavailable: only Cancel', () => at.destination(contexts.privateAzureDevOps), [['Cancel', true, false]]],
    [
      'destination',
      () => at.destination(),
      [
        ['Cancel', true, false],
        ['Next', true, true],
      ],
    ],
    [
      'destination while asking: only Cancel works',
      () => at.inspecting(),
      [
        ['Cancel', true, false],
        ['Next', false, true],
      ],
    ],
    [
      'mode',
      () => at.privateMode(),
      [
        ['Cancel', true, false],
        ['Previous', true, false],
        ['Next', true, true],
      ],
    ],
    [
      'information',
      () => at.information(),
      [
        ['Cancel', true, false],
        ['Previous', true, false],
        ['Next', true, true],
      ],
    ],
    // Azure DevOps' and Jira on-premise's guides: "Click Initiate."; Jira Cloud's and Asana's: "Click Next." (below).
    [
      'project',
      () => at.projectLoaded(contexts.azureDevOps),
      [
        ['Cancel', true, false],
        ['Previous', true, false],
        ['Initiate', true, true],
      ],
    ],
    [
      'project with an empty list offers Reload',
      () => walk(at.projectLoading(contexts.azureDevOps), [{ type: 'projects_loaded', projects: [] }]),
      [
        ['Cancel', true, false],
        ['Previous', true, false],
        ['Reload projects', true, false],
        ['Initiate', true, true],
      ],
    ],
    [
      'project after a failure offers Reload',
      () => walk(at.projectLoading(contexts.azureDevOps), [{ type: 'projects_failed', message: 'x' }]),
      [
        ['Cancel', true, false],
        ['Previous', true, false],
        ['Reload projects', true, false],
        ['Initiate', true, true],
      ],
    ],
    [
      'project while initiating',
      () => at.initiating(contexts.azureDevOps),
      [
        ['Cancel', true, false],
        ['Previous', false, false],
        ['Initiate', false, true],
      ],
    ],
    [
      'project on Jira Cloud, whose guide says "Click Next."',
      () => at.projectLoaded(contexts.jiraCloud),
      [
        ['Cancel', true, false],
        ['Previous', true, false],
        ['Next', true, true],
      ],
    ],
    [
      'project on Asana, whose guide says "Click Next."',
      () => at.projectLoaded(contexts.asana),
      [
        ['Cancel', true, false],
        ['Previous', true, false],
        ['Next', true, true],
      ],
    ],
    [
      'project on Jira on-premise, whose guide says "Click Initiate."',
      () => at.projectLoaded(contexts.jiraServerTrial),
      [
        ['Cancel', true, false],
        ['Previous', true, false],
        ['Initiate', true, true],
      ],
    ],
    [
      'invitation',
      () => at.invitation(),
      [
        ['Copy invitation code', true, false],
        ['Done', true, true],
      ],
    ],
    [
      'invitation once copied',
      () => walk(at.invitation(), [events.copy]),
      [
        ['Copied', true, false],
        ['Done', true, true],
      ],
    ],
    [
      'code',
      () => at.code(),
      [
        ['Cancel', true, false],
        ['Next', true, true],
      ],
    ],
    [
      'preview',
      () => at.preview(),
      [
        ['Cancel', true, false],
        ['Previous', true, false],
        ['Next', true, true],
      ],
    ],
    [
      'accept project',
      () => at.acceptProjectLoaded(),
      [
        ['Cancel', true, false],
        ['Previous', true, false],
        ['Accept', true, true],
      ],
    ],
    [
      'while accepting',
      () => at.accepting(),
      [
        ['Cancel', true, false],
        ['Previous', false, false],
        ['Accept', false, true],
      ],
    ],
    ['accepted', () => at.accepted(), [['Done', true, true]]],
    ['closed', () => walk(at.accepted(), [events.done]), []],
  ] as const)('%s', (_name, start, expected) => {
    expect(buttons(start())).toEqual(expected);
  });

  test('every button sends the event named in it', () => {
    expect(viewWizard(at.projectLoaded()).actions.map((action) => action.event)).toEqual(['cancel', 'previous', 'initiate']);
    expect(viewWizard(at.invitation()).actions.map((action) => action.event)).toEqual(['copy', 'done']);
  });
});

describe('fields', () => {
  test('destination: the toggle, then the URL with its message', () => {
    expect(viewWizard(walk(at.destination(), [events.next])).fields).toEqual([
      { kind: 'toggle', field: 'noUrl', label: "I don't have a URL", help: fieldHelp.noUrl, value: false, disabled: false },
      {
        kind: 'text',
        field: 'destinationUrl',
        label: 'Destination Instance URL',
        help: fieldHelp.destinationUrl,
        required: true,
        value: '',
        error: messages.destinationUrlRequired,
        disabled: false,
      },
    ]);
  });

  test("destination with I don't have a URL: the URL is kept but disabled and not required", () => {
    const state = walk(at.destination(), [events.edit('destinationUrl', 'https://x.example'), events.noUrl]);
    expect(viewWizard(state).fields[1]).toMatchObject({ value: 'https://x.example', disabled: true, required: false });
  });

  test('connection information: four fields in the guide’s order, the description optional', () => {
    const state = walk(at.information(), [events.edit('localName', 'a b'), events.next]);
    expect(viewWizard(state).fields.map((field) => [field.label, field.kind, 'required' in field && field.required, 'error' in field && field.error])).toEqual([
      [labels.localInstanceShortName, 'text', true, messages.shortNameInvalid],
      [labels.remoteInstanceShortName, 'text', true, messages.remoteNameRequired],
      [labels.connectionName, 'text', true, null],
      [labels.description, 'textarea', false, null],
    ]);
  });

  test('fields are disabled while a request runs', () => {
    expect(viewWizard(at.previewing()).fields).toEqual([
      {
        kind: 'textarea',
        field: 'invitationCode',
        label: 'Invitation code',
        help: fieldHelp.invitationCode,
        required: true,
        value: 'EXA1.abcdefghijklmnop.checksum',
        error: null,
        disabled: true,
      },
    ]);
  });

  test('steps without typing have no fields', () => {
    expect([at.privateMode(), at.projectLoaded(), at.invitation(), at.preview(), at.accepted()].map((state) => viewWizard(state).fields)).toEqual([
      [],
      [],
      [],
      [],
      [],
    ]);
  });
});

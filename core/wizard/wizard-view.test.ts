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

/** A button as the test reads it: [label, enabled, primary]. */
type Button = readonly [string, boolean, boolean];
const button = (label: string, { enabled = true, primary = false } = {}): Button => [label, enabled, primary];
const cancel = button('Cancel');
const previous = button('Previous');
/** The buttons of a step between the first and the last: Cancel, Previous, and the step's own primary button. */
const middleStep = (primary: string): readonly Button[] => [cancel, previous, button(primary, { primary: true })];
/** While a request runs, only Cancel works. */
const busyStep = (primary: string): readonly Button[] => [cancel, button('Previous', { enabled: false }), button(primary, { enabled: false, primary: true })];

describe('buttons', () => {
  const initiateWithReload = [cancel, previous, button('Reload projects'), button('Initiate', { primary: true })];
  test.each([
    ['unavailable: only Cancel', () => at.destination(contexts.privateAzureDevOps), [cancel]],
    ['destination', () => at.destination(), [cancel, button('Next', { primary: true })]],
    ['destination while asking: only Cancel works', () => at.inspecting(), [cancel, button('Next', { enabled: false, primary: true })]],
    ['mode', () => at.privateMode(), middleStep('Next')],
    ['information', () => at.information(), middleStep('Next')],
    // Azure DevOps' and Jira on-premise's guides: "Click Initiate."; Jira Cloud's and Asana's: "Click Next." (below).
    ['project', () => at.projectLoaded(contexts.azureDevOps), middleStep('Initiate')],
    [
      'project with an empty list offers Reload',
      () => walk(at.projectLoading(contexts.azureDevOps), [{ type: 'projects_loaded', projects: [] }]),
      initiateWithReload,
    ],
    [
      'project after a failure offers Reload',
      () => walk(at.projectLoading(contexts.azureDevOps), [{ type: 'projects_failed', message: 'x' }]),
      initiateWithReload,
    ],
    ['project while initiating', () => at.initiating(contexts.azureDevOps), busyStep('Initiate')],
    ['project on Jira Cloud, whose guide says "Click Next."', () => at.projectLoaded(contexts.jiraCloud), middleStep('Next')],
    ['project on Asana, whose guide says "Click Next."', () => at.projectLoaded(contexts.asana), middleStep('Next')],
    ['project on Jira on-premise, whose guide says "Click Initiate."', () => at.projectLoaded(contexts.jiraServerTrial), middleStep('Initiate')],
    ['invitation', () => at.invitation(), [button('Copy invitation code'), button('Done', { primary: true })]],
    ['invitation once copied', () => walk(at.invitation(), [events.copy]), [button('Copied'), button('Done', { primary: true })]],
    ['code', () => at.code(), [cancel, button('Next', { primary: true })]],
    ['preview', () => at.preview(), middleStep('Next')],
    ['accept project', () => at.acceptProjectLoaded(), middleStep('Accept')],
    ['while accepting', () => at.accepting(), busyStep('Accept')],
    ['accepted', () => at.accepted(), [button('Done', { primary: true })]],
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

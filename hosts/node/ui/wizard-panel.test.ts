import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describeControls } from './accessible-markup';
import {
  startAcceptWizard,
  startInitiateWizard,
  transition,
  wizardLabels,
  type WizardContext,
  type WizardEvent,
  type WizardState,
} from '../../console-kit/browser-core';
import { WizardPanel } from './wizard-panel';

// The wizard as the console draws it, state by state (states reached by core's own transition).
// The names asserted are the seeds' words; every control must have one.

const jiraCloud: WizardContext = { local: { tracker: 'jira-cloud', isPublic: true, licence: null, modes: ['basic', 'script'] } };
const privateAzureDevOps: WizardContext = { local: { tracker: 'azure-devops', isPublic: false, licence: null, modes: ['basic', 'script'] } };

function walk(start: WizardState, events: readonly WizardEvent[]): WizardState {
  return events.reduce((state, event) => transition(state, event)[0], start);
}

const render = (state: WizardState) => renderToStaticMarkup(createElement(WizardPanel, { state, dispatch: () => undefined }));
const edit = (field: Extract<WizardEvent, { type: 'edit_field' }>['field'], value: string): WizardEvent => ({ type: 'edit_field', field, value });

const toMode: WizardEvent[] = [{ type: 'set_no_url', noUrl: true }, { type: 'next' }];
const toInformation: WizardEvent[] = [...toMode, { type: 'choose_mode', mode: 'script' }, { type: 'next' }];
const toProject: WizardEvent[] = [...toInformation, edit('localName', 'acme-jira'), edit('remoteName', 'partner-ado'), { type: 'next' }];
const projects = [
  { key: 'SUP', name: 'Customer Support' },
  { key: 'DEV', name: 'Development' },
];
const toInvitation: WizardEvent[] = [
  ...toProject,
  { type: 'projects_loaded', projects },
  { type: 'choose_project', key: 'SUP' },
  { type: 'initiate' },
  { type: 'initiated', invitationCode: 'exa1.eyJjb2RlIjoxfQ.1a2b3c4d', connectionId: 'c1' },
];

const initiate = (events: readonly WizardEvent[] = []) => render(walk(startInitiateWizard(jiraCloud), events));

test('the dialog is a modal dialog named by its title', () => {
  const html = initiate();
  const titleId = /aria-labelledby="([^"]+)"/.exec(html)?.[1];
  expect(html).toMatch(/^<div class="modal-backdrop"><div role="dialog" aria-modal="true" aria-labelledby="[^"]+"/);
  expect(html).toContain(`<h2 id="${titleId}" class="modal-title">Initiate connection</h2>`);
});

test("Destination Instance URL, or the toggle I don't have a URL", () => {
  expect(describeControls(initiate())).toEqual([
    'button "Cancel"',
    'switch "I don\'t have a URL"',
    'textbox "Destination Instance URL"',
    'button "Cancel"',
    'button "Next"',
  ]);
});

test("with I don't have a URL on, the URL is disabled and the private connection is explained", () => {
  const html = initiate([{ type: 'set_no_url', noUrl: true }]);
  expect(describeControls(html)).toContain('textbox "Destination Instance URL" (disabled)');
  expect(html).toContain('initiated from the destination&#x27;s private side only');
});

test('mode options: each says what it means in a line; unavailable ones are disabled and say why', () => {
  const html = initiate(toMode);
  expect(describeControls(html)).toEqual([
    'button "Cancel"',
    'radio "Basic"',
    'radio "Visual" (disabled)',
    'radio "Script"',
    'button "Cancel"',
    'button "Previous"',
    'button "Next"',
  ]);
  expect(html).toContain(
    'A fixed set of fields syncs both ways (summary, description, status, priority, labels and tags, comments and attachments); nothing to configure.',
  );
  expect(html).toContain('Outgoing and incoming scripts on each side decide what syncs and how');
  expect(html).toContain('Visual mode is not available on this instance yet.');
  expect(html).toContain('role="radiogroup"');
});

test('connection information: the four fields of the guides', () => {
  expect(describeControls(initiate(toInformation))).toEqual([
    'button "Cancel"',
    'textbox "Local instance short name"',
    'textbox "Remote instance short name"',
    'textbox "Connection name"',
    'textbox "Description"',
    'button "Cancel"',
    'button "Previous"',
    'button "Next"',
  ]);
});

test("a refused Next marks the fields with the wizard's messages", () => {
  const html = initiate([...toInformation, { type: 'next' }]);
  expect(html).toContain('aria-invalid="true"');
  expect(html).toContain('Enter a short name for your instance, such as acme-jira.');
});

test('project: loading, then the live list', () => {
  expect(describeControls(initiate(toProject))).toContain('combobox "Project" (disabled)');
  expect(initiate(toProject)).toContain(wizardLabels.loadingProjects);
  const loaded = initiate([...toProject, { type: 'projects_loaded', projects }]);
  // Jira Cloud's guide: "8. Click Next." on this step.
  expect(describeControls(loaded)).toEqual(['button "Cancel"', 'combobox "Project"', 'button "Cancel"', 'button "Previous"', 'button "Next"']);
  expect(loaded).toContain('<option value="SUP">Customer Support (SUP)</option>');
});

test('an empty project list says what to do; Reload projects is offered', () => {
  const html = initiate([...toProject, { type: 'projects_loaded', projects: [] }]);
  expect(html).toContain('There is no project to receive the incoming sync.');
  expect(describeControls(html)).toContain('button "Reload projects"');
});

test('while initiating, only Cancel works', () => {
  const html = initiate([...toProject, { type: 'projects_loaded', projects }, { type: 'choose_project', key: 'SUP' }, { type: 'initiate' }]);
  expect(describeControls(html)).toEqual([
    'button "Cancel"',
    'combobox "Project" (disabled)',
    'button "Cancel"',
    'button "Previous" (disabled)',
    'button "Next" (disabled)',
  ]);
  expect(html).toContain('aria-busy="true"');
});

test('the invitation code, Copy invitation code and Done; the private destination is "unknown"', () => {
  const html = initiate(toInvitation);
  expect(describeControls(html)).toEqual(['button "Cancel"', 'textbox "Invitation code"', 'button "Copy invitation code"', 'button "Done"']);
  expect(html).toMatch(/<textarea[^>]*aria-label="Invitation code"[^>]*readonly=""[^>]*>exa1\.eyJjb2RlIjoxfQ\.1a2b3c4d<\/textarea>/);
  expect(html).toContain('<dt>Destination Instance URL</dt><dd>unknown</dd>');
  expect(html).toContain('On the &quot;partner-ado&quot; side');
});

test('copied, or the copy_failed fallback', () => {
  expect(describeControls(initiate([...toInvitation, { type: 'copy' }]))).toContain('button "Copied"');
  const failed = initiate([...toInvitation, { type: 'copy' }, { type: 'copy_failed' }]);
  expect(failed).toMatch(/role="alert">Your browser did not allow copying\. Select the invitation code and copy it yourself/);
  expect(describeControls(failed)).toContain('button "Copy invitation code"');
});

test('a private instance cannot initiate: it is told why, and only Cancel is offered', () => {
  const html = render(startInitiateWizard(privateAzureDevOps));
  expect(describeControls(html)).toEqual(['button "Cancel"', 'button "Cancel"']);
  expect(html).toContain('click Accept Invitation here');
});

describe('Accept Invitation', () => {
  const preview = {
    inviterName: 'acme-jira',
    destinationName: 'partner-ado',
    tracker: 'jira-cloud',
    instanceUrl: 'https://acme.atlassian.net',
    mode: 'script',
    connectionName: 'acme-jira_to_partner-ado',
    description: '',
    expiresAt: '2026-11-26T20:00:00.000Z',
  } as const;
  const accept = (events: readonly WizardEvent[] = []) => render(walk(startAcceptWizard(privateAzureDevOps), events));
  const toPreview: WizardEvent[] = [edit('invitationCode', 'exa1.x.y'), { type: 'next' }, { type: 'invitation_previewed', preview }];

  test('the code box', () => {
    const html = accept();
    expect(html).toContain('aria-labelledby');
    expect(html).toContain('>Accept invitation</h2>');
    expect(describeControls(html)).toEqual(['button "Cancel"', 'textbox "Invitation code"', 'button "Cancel"', 'button "Next"']);
  });

  test('the preview: who invites, tracker, mode, connection name, expiry', () => {
    const html = accept(toPreview);
    for (const row of [
      '<dt>Invited by</dt><dd>acme-jira</dd>',
      '<dt>Tracker</dt><dd>Jira Cloud</dd>',
      '<dt>Connection mode</dt><dd>Script</dd>',
      '<dt>Connection name</dt><dd>acme-jira_to_partner-ado</dd>',
      '<dt>Invitation expires</dt><dd>2026-11-26 20:00 UTC</dd>',
    ]) {
      expect(html).toContain(row);
    }
  });

  test('project, then Accept', () => {
    const html = accept([...toPreview, { type: 'next' }, { type: 'projects_loaded', projects }]);
    expect(describeControls(html)).toEqual(['button "Cancel"', 'combobox "Project"', 'button "Cancel"', 'button "Previous"', 'button "Accept"']);
  });

  test('accepted: Done', () => {
    const html = accept([
      ...toPreview,
      { type: 'next' },
      { type: 'projects_loaded', projects },
      { type: 'choose_project', key: 'SUP' },
      { type: 'accept' },
      { type: 'accepted', connectionId: 'c1' },
    ]);
    expect(describeControls(html)).toEqual(['button "Cancel"', 'button "Done"']);
    expect(html).toContain('is active');
  });
});

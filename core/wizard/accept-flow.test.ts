import { startAcceptWizard } from './accept-flow';
import { notices } from './labels';
import { messages } from './messages';
import { at, checkTransitions, closingRefreshesRows, contexts, events, projects, sampleCode, samplePreview, walk, type TransitionRow } from './test-fixtures';
import type { WizardContext } from './wizard-context';
import type { WizardEvent, WizardInvitationPreview } from './wizard-event';

const previewed: WizardEvent = { type: 'invitation_previewed', preview: samplePreview };
const pasted = (text: string) => () => walk(at.code(), [events.edit('invitationCode', text)]);

describe('opening Accept Invitation', () => {
  test('starts on an empty code', () => {
    expect(startAcceptWizard(contexts.azureDevOps)).toEqual({
      flow: 'accept',
      step: 'code',
      context: contexts.azureDevOps,
      busy: false,
      notices: [],
      error: null,
      fieldErrors: {},
      draft: { invitationCode: '', projectKey: null },
    });
  });

  test('a private instance can accept, and is reminded that this is its part', () => {
    expect(startAcceptWizard(contexts.privateAzureDevOps)).toMatchObject({ step: 'code', notices: [notices.privateSideAccepts] });
  });
});

describe('code step', () => {
  checkTransitions([
    {
      name: 'pasting keeps the text as pasted',
      start: at.code,
      event: events.edit('invitationCode', ' abc \n'),
      state: { draft: { invitationCode: ' abc \n', projectKey: null } },
      effects: [],
    },
    { name: 'a field of another wizard is ignored', start: at.code, event: events.edit('localName', 'x'), unchanged: true, effects: [] },
    {
      name: 'next with nothing pasted asks for the code, without any call',
      start: at.code,
      event: events.next,
      state: { busy: false, fieldErrors: { invitationCode: messages.invitationCodeRequired } },
      effects: [],
    },
    {
      name: 'next with only line breaks asks for the code',
      start: pasted('\n \n'),
      event: events.next,
      state: { fieldErrors: { invitationCode: messages.invitationCodeRequired } },
      effects: [],
    },
    {
      name: 'pasting clears the message',
      start: () => walk(at.code(), [events.next]),
      event: events.edit('invitationCode', 'a'),
      state: { fieldErrors: {} },
      effects: [],
    },
    {
      name: 'next asks for a preview of the code, line breaks from mail removed',
      start: pasted(' EXA1.abcdefgh\nijklmnop.checksum \n'),
      event: events.next,
      state: { busy: true, fieldErrors: {}, error: null },
      effects: [{ type: 'preview_invitation', invitationCode: sampleCode }],
    },
    { name: 'previous on the first step does nothing', start: at.code, event: events.previous, unchanged: true, effects: [] },
    { name: 'cancel closes', start: at.code, event: events.cancel, state: { step: 'closed' }, effects: [{ type: 'close' }] },
  ]);
});

describe('code step while the code is read', () => {
  checkTransitions([
    { name: 'a second Next is ignored', start: at.previewing, event: events.next, unchanged: true, effects: [] },
    { name: 'pasting is ignored', start: at.previewing, event: events.edit('invitationCode', 'x'), unchanged: true, effects: [] },
    {
      name: 'an invalid code keeps the text and shows why',
      start: at.previewing,
      event: { type: 'invitation_invalid', message: 'The invitation code expired on 2026-11-25; ask the initiator for a new one.' },
      state: {
        step: 'code',
        busy: false,
        error: 'The invitation code expired on 2026-11-25; ask the initiator for a new one.',
        draft: { invitationCode: sampleCode, projectKey: null },
      },
      effects: [],
    },
    {
      name: 'an invalid code without a message says what to do',
      start: at.previewing,
      event: { type: 'invitation_invalid', message: '' },
      state: { error: messages.invitationInvalid },
      effects: [],
    },
    { name: 'cancel closes', start: at.previewing, event: events.cancel, state: { step: 'closed' }, effects: [{ type: 'close' }] },
    {
      name: 'the preview shows who invites, the tracker, the mode, the name and the expiry',
      start: at.previewing,
      event: previewed,
      state: {
        step: 'preview',
        busy: false,
        preview: samplePreview,
        blockedReason: null,
        error: null,
        summary: [
          { label: 'Invited by', value: 'acme-jira' },
          { label: 'Tracker', value: 'Jira Cloud' },
          { label: 'Instance', value: 'https://acme.atlassian.net' },
          { label: 'Short name for your instance', value: 'partner-ado' },
          { label: 'Connection mode', value: 'Script' },
          { label: 'Connection name', value: 'acme-jira_to_partner-ado' },
          { label: 'Description', value: 'Support escalations' },
          { label: 'Invitation expires', value: '2026-11-25 14:00 UTC' },
        ],
      },
      effects: [],
    },
  ]);

  test("the admin API's preview answer (ISO expiry, connection id, tracker name) is shown the same way", () => {
    const answer = { ...samplePreview, connectionId: 'connection-1', trackerName: 'Jira Cloud', expiresAt: '2026-11-25T14:00:00.000Z' };
    const state = walk(at.previewing(), [{ type: 'invitation_previewed', preview: answer }]);
    const fromCore = at.preview();
    expect('summary' in state && state.summary).toEqual('summary' in fromCore && fromCore.summary);
    expect('summary' in fromCore && fromCore.summary.length).toBe(8);
  });

  test('an empty description reads "No description" and a broken expiry "unknown"', () => {
    const state = walk(at.previewing(), [{ type: 'invitation_previewed', preview: { ...samplePreview, description: ' ', expiresAt: Number.NaN } }]);
    expect('summary' in state && state.summary.slice(-2)).toEqual([
      { label: 'Description', value: 'No description' },
      { label: 'Invitation expires', value: 'unknown' },
    ]);
  });
});

describe('preview step', () => {
  /** Next on the preview of an invitation on an instance: the project step opens, or the preview stays and says why not. */
  const nextFromPreview = (name: string, preview: WizardInvitationPreview, context: WizardContext, refusal: string | null): TransitionRow => ({
    name,
    start: () => at.preview(preview, context),
    event: events.next,
    ...(refusal === null ? { state: { step: 'project' }, effects: [{ type: 'load_projects' }] } : { state: { step: 'preview', error: refusal }, effects: [] }),
  });
  checkTransitions([
    {
      name: 'next opens the project step and loads projects',
      start: () => at.preview(),
      event: events.next,
      state: { step: 'project', projects: { status: 'loading' }, draft: { invitationCode: sampleCode, projectKey: null } },
      effects: [{ type: 'load_projects' }],
    },
    {
      name: 'previous goes back to the code, as pasted',
      start: () => at.preview(),
      event: events.previous,
      state: { step: 'code', busy: false, draft: { invitationCode: sampleCode, projectKey: null } },
      effects: [],
    },
    { name: 'cancel closes', start: () => at.preview(), event: events.cancel, state: { step: 'closed' }, effects: [{ type: 'close' }] },
    { name: 'accept is not possible before a project is chosen', start: () => at.preview(), event: events.accept, unchanged: true, effects: [] },
    nextFromPreview('Script on a trial Jira Server can be accepted', samplePreview, contexts.jiraServerTrial, null),
    nextFromPreview('Script on a paid Jira Server can be accepted', samplePreview, contexts.jiraServerPaid, null),
    nextFromPreview(
      'Script on an expired Jira Server is refused before a project is picked',
      samplePreview,
      contexts.jiraServerExpired,
      messages.invitationModeRefused('script', messages.scriptNeedsLicenceExpired),
    ),
    nextFromPreview('Script on a Jira Server with no licence of any kind can be accepted', samplePreview, contexts.jiraServerNone, null),
    nextFromPreview(
      'Script on a private Jira Server is refused',
      samplePreview,
      contexts.jiraServerPrivate,
      messages.invitationModeRefused('script', messages.scriptNeedsPublicJiraServer),
    ),
    nextFromPreview('Visual on a private instance can be accepted', { ...samplePreview, mode: 'visual' }, contexts.privateAzureDevOps, null),
  ]);

  test('the refusal is shown as soon as the preview opens', () => {
    expect(at.preview(samplePreview, contexts.jiraServerExpired)).toMatchObject({
      blockedReason: 'This invitation is for a connection in Script mode, which this instance cannot accept. ' + messages.scriptNeedsLicenceExpired,
    });
  });
});

describe('project step of Accept Invitation', () => {
  checkTransitions([
    {
      name: 'the list arrives',
      start: at.acceptProjectLoading,
      event: events.projectsLoaded,
      state: { projects: { status: 'loaded', projects } },
      effects: [],
    },
    {
      name: 'an empty list tells the admin what to do (Azure DevOps)',
      start: at.acceptProjectLoading,
      event: { type: 'projects_loaded', projects: [] },
      state: { projects: { status: 'empty', message: messages.noProjects('azure-devops') } },
      effects: [],
    },
    {
      name: 'a failure, then reload',
      start: () => walk(at.acceptProjectLoading(), [{ type: 'projects_failed', message: 'x' }]),
      event: events.reload,
      state: { projects: { status: 'loading' } },
      effects: [{ type: 'load_projects' }],
    },
    {
      name: 'choosing a project',
      start: at.acceptProjectLoaded,
      event: events.chooseProject('ENG'),
      state: { draft: { invitationCode: sampleCode, projectKey: 'ENG' } },
      effects: [],
    },
    {
      name: 'accept without a project asks for one',
      start: at.acceptProjectLoaded,
      event: events.accept,
      state: { busy: false, error: messages.projectRequired },
      effects: [],
    },
    {
      name: 'accept while loading asks to wait',
      start: at.acceptProjectLoading,
      event: events.accept,
      state: { error: messages.projectsStillLoading },
      effects: [],
    },
    {
      name: 'accept sends the admin API body',
      start: at.acceptProjectChosen,
      event: events.accept,
      state: { busy: true, error: null },
      effects: [{ type: 'accept', request: { invitationCode: sampleCode, projectKey: 'ENG' } }],
    },
    { name: 'initiate is not Accept', start: at.acceptProjectChosen, event: events.initiate, unchanged: true, effects: [] },
    {
      name: 'previous goes back to the preview',
      start: at.acceptProjectChosen,
      event: events.previous,
      state: { step: 'preview', preview: samplePreview, draft: { invitationCode: sampleCode, projectKey: 'ENG' } },
      effects: [],
    },
    { name: 'cancel closes', start: at.acceptProjectChosen, event: events.cancel, state: { step: 'closed' }, effects: [{ type: 'close' }] },
  ]);
});

describe('project step while accepting', () => {
  checkTransitions([
    { name: 'a second Accept is ignored', start: at.accepting, event: events.accept, unchanged: true, effects: [] },
    { name: 'previous is ignored', start: at.accepting, event: events.previous, unchanged: true, effects: [] },
    {
      name: 'a failure shows its message',
      start: at.accepting,
      event: { type: 'accept_failed', message: 'The invitation was already used.' },
      state: { busy: false, error: 'The invitation was already used.' },
      effects: [],
    },
    {
      name: 'a failure without a message says what to do',
      start: at.accepting,
      event: { type: 'accept_failed', message: '' },
      state: { error: messages.acceptFailed },
      effects: [],
    },
    {
      name: 'cancel closes and refreshes, since the connection may exist',
      start: at.accepting,
      event: events.cancel,
      state: { step: 'closed' },
      effects: [{ type: 'close' }, { type: 'refresh_connections' }],
    },
    {
      name: 'success says the connection is active',
      start: at.accepting,
      event: { type: 'accepted', connectionId: 'connection-9' },
      state: {
        step: 'accepted',
        busy: false,
        connectionId: 'connection-9',
        connectionName: 'acme-jira_to_partner-ado',
        notices: [notices.connectionActive('acme-jira_to_partner-ado')],
      },
      effects: [],
    },
  ]);
});

describe('accepted step', () => {
  checkTransitions([
    ...closingRefreshesRows(at.accepted),
    { name: 'previous is impossible after Accept succeeded', start: at.accepted, event: events.previous, unchanged: true, effects: [] },
    {
      name: 'a closed wizard ignores a late answer',
      start: () => walk(at.accepted(), [events.done]),
      event: { type: 'accepted', connectionId: 'x' },
      unchanged: true,
      effects: [],
    },
  ]);
});

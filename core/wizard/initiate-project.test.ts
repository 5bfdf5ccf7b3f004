import { trackerProfiles } from '../trackers';
import { notices } from './labels';
import { messages } from './messages';
import { at, checkTransitions, closingRefreshesRows, contexts, draftOf, events, projects, sampleCode, walk } from './test-fixtures';
import type { InitiateRequest } from './wizard-effect';
import type { WizardEvent } from './wizard-event';

const loaded = { status: 'loaded', projects };
const chosen = draftOf(at.projectChosen());
const privateRequest: InitiateRequest = {
  destinationUrl: null,
  mode: 'script',
  localName: 'acme-jira',
  remoteName: 'partner-ado',
  name: 'acme-jira_to_partner-ado',
  projectKey: 'SUP',
};
const initiated: WizardEvent = { type: 'initiated', invitationCode: sampleCode, connectionId: 'connection-1', expiresAt: '2026-11-25T14:00:00.000Z' };

describe('project step: the project list', () => {
  checkTransitions([
    {
      name: 'the list arrives',
      start: at.projectLoading,
      event: events.projectsLoaded,
      state: { projects: loaded, draft: { ...chosen, projectKey: null }, error: null },
      effects: [],
    },
    {
      name: 'an empty list tells the admin what to do (Jira)',
      start: at.projectLoading,
      event: { type: 'projects_loaded', projects: [] },
      state: { projects: { status: 'empty', message: messages.noProjects('jira-cloud') } },
      effects: [],
    },
    {
      name: 'an empty list tells the admin what to do (Asana)',
      start: () => at.projectLoading(contexts.asana),
      event: { type: 'projects_loaded', projects: [] },
      state: {
        projects: {
          status: 'empty',
          message:
            'There is no project to receive the incoming sync. Create a project in your Asana workspace, or check that the Asana account Exalate uses is a member of it, then click Reload projects.',
        },
      },
      effects: [],
    },
    {
      name: 'a failure shows its message',
      start: at.projectLoading,
      event: { type: 'projects_failed', message: 'Jira answered 403.' },
      state: { projects: { status: 'failed', message: 'Jira answered 403.' } },
      effects: [],
    },
    {
      name: 'a failure without a message says how to retry',
      start: at.projectLoading,
      event: { type: 'projects_failed', message: '' },
      state: { projects: { status: 'failed', message: messages.projectsFailed } },
      effects: [],
    },
    {
      name: 'a late list is ignored once one arrived',
      start: at.projectLoaded,
      event: { type: 'projects_loaded', projects: [{ key: 'X', name: 'X' }] },
      unchanged: true,
      effects: [],
    },
    {
      name: 'a late failure is ignored once a list arrived',
      start: at.projectLoaded,
      event: { type: 'projects_failed', message: 'x' },
      unchanged: true,
      effects: [],
    },
    {
      name: 'reload after a failure loads again',
      start: () => walk(at.projectLoading(), [{ type: 'projects_failed', message: 'x' }]),
      event: events.reload,
      state: { projects: { status: 'loading' } },
      effects: [{ type: 'load_projects' }],
    },
    { name: 'reload while loading is ignored (no second request)', start: at.projectLoading, event: events.reload, unchanged: true, effects: [] },
    { name: 'choosing a listed project', start: at.projectLoaded, event: events.chooseProject('SUP'), state: { draft: chosen, error: null }, effects: [] },
    { name: 'choosing a key the tracker did not list is ignored', start: at.projectLoaded, event: events.chooseProject('NOPE'), unchanged: true, effects: [] },
    { name: 'choosing while the list loads is ignored', start: at.projectLoading, event: events.chooseProject('SUP'), unchanged: true, effects: [] },
  ]);

  test('coming back to the step reloads the list and keeps a project still listed', () => {
    const back = walk(at.projectChosen(), [events.previous, events.next]);
    expect(back).toMatchObject({ step: 'project', projects: { status: 'loading' }, draft: { projectKey: 'SUP' } });
    expect(walk(back, [events.projectsLoaded])).toMatchObject({ draft: { projectKey: 'SUP' } });
    expect(walk(back, [{ type: 'projects_loaded', projects: [{ key: 'ENG', name: 'Engineering' }] }])).toMatchObject({ draft: { projectKey: null } });
  });
});

describe('project step: Initiate', () => {
  checkTransitions([
    {
      name: 'initiate while the list loads asks to wait',
      start: at.projectLoading,
      event: events.initiate,
      state: { busy: false, error: messages.projectsStillLoading },
      effects: [],
    },
    {
      name: 'initiate without a project asks for one',
      start: at.projectLoaded,
      event: events.initiate,
      state: { busy: false, error: messages.projectRequired },
      effects: [],
    },
    {
      name: 'initiate on an empty list asks for a project',
      start: () => walk(at.projectLoading(), [{ type: 'projects_loaded', projects: [] }]),
      event: events.initiate,
      state: { error: messages.projectRequired },
      effects: [],
    },
    {
      name: 'initiate sends the admin API body of a private connection, without an empty description',
      start: at.projectChosen,
      event: events.initiate,
      state: { step: 'project', busy: true, error: null },
      effects: [{ type: 'initiate', request: privateRequest }],
    },
    {
      name: 'initiate trims what was typed and sends the description',
      start: () =>
        walk(at.information(), [
          events.edit('localName', ' acme '),
          events.edit('remoteName', 'partner '),
          events.edit('description', '  Escalations  '),
          events.next,
          events.projectsLoaded,
          events.chooseProject('ENG'),
        ]),
      event: events.initiate,
      state: { busy: true },
      effects: [
        {
          type: 'initiate',
          request: {
            destinationUrl: null,
            mode: 'script',
            localName: 'acme',
            remoteName: 'partner',
            name: 'acme_to_partner',
            description: 'Escalations',
            projectKey: 'ENG',
          },
        },
      ],
    },
    {
      name: 'initiate of a public connection sends the normalised Destination Instance URL',
      start: () =>
        walk(at.publicMode(), [
          events.chooseMode('visual'),
          events.next,
          events.edit('localName', 'a'),
          events.edit('remoteName', 'b'),
          events.next,
          events.projectsLoaded,
          events.chooseProject('SUP'),
        ]),
      event: events.initiate,
      state: { busy: true },
      effects: [
        {
          type: 'initiate',
          request: { destinationUrl: 'https://partner.visualstudio.com', mode: 'visual', localName: 'a', remoteName: 'b', name: 'a_to_b', projectKey: 'SUP' },
        },
      ],
    },
    {
      name: 'previous goes back to connection information, keeping the project',
      start: at.projectChosen,
      event: events.previous,
      state: { step: 'information', draft: chosen, fieldErrors: {} },
      effects: [],
    },
    { name: 'cancel closes', start: at.projectChosen, event: events.cancel, state: { step: 'closed' }, effects: [{ type: 'close' }] },
    { name: 'next is not Initiate', start: at.projectChosen, event: events.next, unchanged: true, effects: [] },
  ]);
});

describe('project step while initiating', () => {
  checkTransitions([
    { name: 'a second Initiate is ignored (no double connection)', start: at.initiating, event: events.initiate, unchanged: true, effects: [] },
    { name: 'previous is ignored', start: at.initiating, event: events.previous, unchanged: true, effects: [] },
    { name: 'choosing another project is ignored', start: at.initiating, event: events.chooseProject('ENG'), unchanged: true, effects: [] },
    { name: 'reload is ignored', start: at.initiating, event: events.reload, unchanged: true, effects: [] },
    {
      name: 'a failure shows its message and allows another try',
      start: at.initiating,
      event: { type: 'initiate_failed', message: 'The node is not reachable.' },
      state: { step: 'project', busy: false, error: 'The node is not reachable.', draft: chosen },
      effects: [],
    },
    {
      name: 'a failure without a message says what to do',
      start: at.initiating,
      event: { type: 'initiate_failed', message: '' },
      state: { busy: false, error: messages.initiateFailed },
      effects: [],
    },
    {
      name: 'cancel closes and refreshes, since the connection may exist',
      start: at.initiating,
      event: events.cancel,
      state: { step: 'closed' },
      effects: [{ type: 'close' }, { type: 'refresh_connections' }],
    },
    {
      name: 'success shows the invitation code, the destination "unknown" and the private wording',
      start: at.initiating,
      event: initiated,
      state: {
        step: 'invitation',
        busy: false,
        invitationCode: sampleCode,
        connectionId: 'connection-1',
        destination: 'unknown',
        // The initiator sees when the code stops working, in the words the acceptor's preview uses.
        expires: '2026-11-25 14:00 UTC',
        copied: false,
        error: null,
        notices: [notices.acceptOnOtherSide('partner-ado'), notices.sendToPartner, notices.unknownDestination, notices.startAfterAcceptance],
      },
      effects: [],
    },
  ]);

  test('an answer without an expiry says "unknown" rather than inventing one', () => {
    expect(walk(at.initiating(), [{ type: 'initiated', invitationCode: sampleCode, connectionId: 'connection-1' }])).toMatchObject({
      step: 'invitation',
      expires: 'unknown',
    });
    expect(
      walk(at.initiating(), [{ type: 'initiated', invitationCode: sampleCode, connectionId: 'connection-1', expiresAt: Date.UTC(2026, 0, 2, 3, 4) }]),
    ).toMatchObject({ expires: '2026-01-02 03:04 UTC' });
  });

  test('Asana says why it asks for a project, which its guide does not show', () => {
    expect(at.projectLoading(contexts.asana).notices).toEqual([trackerProfiles.asana.console.projectStepNotice, notices.publicPrivateNote]);
    expect(at.projectLoading(contexts.azureDevOps).notices).toEqual([notices.publicPrivateNote]);
  });

  test('after a failure, Initiate sends the same request again', () => {
    const retried = walk(at.initiating(), [{ type: 'initiate_failed', message: 'x' }]);
    expect(walk(retried, [events.initiate])).toMatchObject({ busy: true, error: null });
  });
});

describe('invitation step', () => {
  checkTransitions([
    {
      name: 'copy puts the code on the clipboard',
      start: at.invitation,
      event: events.copy,
      state: { copied: true, error: null },
      effects: [{ type: 'copy_to_clipboard', text: sampleCode }],
    },
    {
      name: 'copy again copies again',
      start: () => walk(at.invitation(), [events.copy]),
      event: events.copy,
      state: { copied: true },
      effects: [{ type: 'copy_to_clipboard', text: sampleCode }],
    },
    {
      name: 'a refused copy says how to copy by hand',
      start: () => walk(at.invitation(), [events.copy]),
      event: { type: 'copy_failed' },
      state: { copied: false, error: messages.copyFailed },
      effects: [],
    },
    ...closingRefreshesRows(at.invitation),
    { name: 'previous is impossible after Initiate succeeded', start: at.invitation, event: events.previous, unchanged: true, effects: [] },
    { name: 'a late second success is ignored', start: at.invitation, event: initiated, unchanged: true, effects: [] },
  ]);
});

describe('closed wizard', () => {
  const closed = (): ReturnType<typeof at.invitation> => walk(at.invitation(), [events.done]);
  checkTransitions([
    { name: 'a late answer is ignored', start: closed, event: initiated, unchanged: true, effects: [] },
    { name: 'done again does nothing', start: closed, event: events.done, unchanged: true, effects: [] },
    { name: 'cancel again does nothing', start: closed, event: events.cancel, unchanged: true, effects: [] },
  ]);
});

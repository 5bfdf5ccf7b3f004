// The four guides in shared/seeds/, clicked through by the words a person reads: each helper finds
// a button or field by its label, so a renamed label fails here before it confuses an admin.
import { startAcceptWizard } from './accept-flow';
import { startInitiateWizard } from './initiate-flow';
import { trackerProfiles } from '../trackers';
import { labels, notices } from './labels';
import { contexts, projects, samplePreview } from './test-fixtures';
import { transition } from './transition';
import type { WizardContext } from './wizard-context';
import type { WizardEffect } from './wizard-effect';
import type { WizardEvent } from './wizard-event';
import type { WizardState } from './wizard-state';
import { viewWizard } from './wizard-view';

/** A session in one dialog: the current state and the effects the host was asked to run. */
class Session {
  effects: WizardEffect[] = [];
  constructor(public state: WizardState) {}

  /** An answer from the host, or a choice in a list (mode, project) that has no label of its own. */
  send(event: WizardEvent): this {
    const [next, effects] = transition(this.state, event);
    this.state = next;
    this.effects = [...effects];
    return this;
  }

  click(label: string): this {
    const action = viewWizard(this.state).actions.find((candidate) => candidate.label === label);
    if (action === undefined) throw new Error(`No "${label}" button on step ${this.state.step}`);
    expect(action.enabled).toBe(true);
    return this.send({ type: action.event });
  }

  type(label: string, value: string): this {
    const field = viewWizard(this.state).fields.find((candidate) => candidate.label === label);
    if (field === undefined || field.kind === 'toggle') throw new Error(`No "${label}" field on step ${this.state.step}`);
    return this.send({ type: 'edit_field', field: field.field, value });
  }

  toggle(label: string): this {
    const field = viewWizard(this.state).fields.find((candidate) => candidate.label === label);
    if (field === undefined || field.kind !== 'toggle') throw new Error(`No "${label}" toggle on step ${this.state.step}`);
    return this.send({ type: 'set_no_url', noUrl: !field.value });
  }

  get title(): string {
    return viewWizard(this.state).stepTitle;
  }
}

/** The button each guide names for the step that initiates: "8. Click Next." (Jira Cloud), "9. Click Next." (Asana), "8. Click Initiate." (Azure DevOps). */
function walkPrivateSeed(context: WizardContext, localName: string, remoteName: string, projectKey: string, initiateButton: 'Next' | 'Initiate'): void {
  const session = new Session(startInitiateWizard(context));
  expect(viewWizard(session.state).dialogTitle).toBe('Initiate connection');

  // 3. Click "I don't have a URL": the destination instance is in a private network. The guide's
  // opening "Note: For Private Connections" shows with it.
  session.toggle("I don't have a URL");
  expect(session.state.notices).toEqual([
    "For Private Connections: an instance you have access to is considered a public side; an instance you don't have access to is considered a private side: destination instance.",
    notices.privateConnectionExplained,
  ]);

  // 4. Choose a Script connection mode. 5. Click Next.
  session.click('Next');
  expect(session.state).toMatchObject({
    step: 'mode',
    notices: [notices.privateModes, ...(context.local.tracker === 'jira-server' ? [notices.jiraServerScriptPrerequisites] : []), notices.modeIsFinal],
  });
  expect('options' in session.state && session.state.options.map((option) => [option.label, option.available])).toEqual([
    ['Basic', true],
    ['Visual', true],
    ['Script', true],
  ]);
  session.send({ type: 'choose_mode', mode: 'script' }).click('Next');

  // 6. Enter Connection information & click Next.
  expect(session.title).toBe('Connection information');
  session.type('Local instance short name', localName).type('Remote instance short name', remoteName);
  expect(viewWizard(session.state).fields.find((field) => field.label === 'Connection name')?.value).toBe(`${localName}_to_${remoteName}`);
  session.type('Description', 'Escalations from support').click('Next');
  expect(session.effects).toEqual([{ type: 'load_projects' }]);

  // 7. Select a project for the incoming sync. The Public-Private note is shown (Asana, whose guide
  // has no project step, says why it asks). 8. Click Initiate (or Next, as the guide says).
  expect(session.title).toBe('Select a project for the incoming sync');
  expect(session.state.notices).toEqual([
    ...(trackerProfiles[context.local.tracker].console.projectStepNotice === null ? [] : [trackerProfiles[context.local.tracker].console.projectStepNotice]),
    notices.publicPrivateNote,
  ]);
  session.send({ type: 'projects_loaded', projects }).send({ type: 'choose_project', key: projectKey }).click(initiateButton);
  expect(session.effects).toEqual([
    {
      type: 'initiate',
      request: {
        destinationUrl: null,
        mode: 'script',
        localName,
        remoteName,
        name: `${localName}_to_${remoteName}`,
        description: 'Escalations from support',
        projectKey,
      },
    },
  ]);
  // A second click while the request runs must not initiate a second connection.
  expect(viewWizard(session.state).actions.find((action) => action.label === initiateButton)?.enabled).toBe(false);
  expect(transition(session.state, { type: 'initiate' })).toEqual([session.state, []]);

  // 9. Click Copy Invitation Code: the destination side is shown as "unknown".
  session.send({ type: 'initiated', invitationCode: 'EXA1.code', connectionId: 'c-1', expiresAt: '2026-11-25T14:00:00.000Z' });
  // The initiator sees when the code stops working, as the acceptor does.
  expect(session.state).toMatchObject({ step: 'invitation', destination: 'unknown', expires: '2026-11-25 14:00 UTC' });
  expect(session.state.notices).toEqual([
    notices.acceptOnOtherSide(remoteName),
    'Here you can copy the invitation code and send it over to your partner.',
    'The destination side is shown as "unknown" since this is a private side.',
    'Once your partner accepts the invitation, you can start synchronization.',
  ]);
  session.click('Copy invitation code');
  expect(session.effects).toEqual([{ type: 'copy_to_clipboard', text: 'EXA1.code' }]);

  // 10. Click Done.
  session.click('Done');
  expect(session.effects).toEqual([{ type: 'close' }, { type: 'refresh_connections' }]);
  expect(session.state.step).toBe('closed');
}

describe('the four connection guides, end to end', () => {
  test('Jira Cloud: private connection in Script mode', () => walkPrivateSeed(contexts.jiraCloud, 'acme-jira', 'partner-private', 'SUP', 'Next'));
  test('Azure DevOps: private connection in Script mode', () => walkPrivateSeed(contexts.azureDevOps, 'acme-ado', 'partner-private', 'ENG', 'Initiate'));
  test('Asana: private connection in Script mode', () => walkPrivateSeed(contexts.asana, 'acme-asana', 'partner-private', 'SUP', 'Next'));

  test('Jira on-premise: connection in Script mode through the Destination Instance URL', () => {
    // A Jira DC where Exalate's app is installed with no licence of any kind: this open edition needs none.
    const licenceCheck = "Licence: asked Jira's Manage apps about org.exalate.open.jira; it is installed with no licence, and this open edition needs none.";
    const session = new Session(startInitiateWizard({ local: { ...contexts.jiraServerNone.local, licenceCheck } }));
    // The guide's opening note: it doesn't matter which side initiates; the initiator becomes the source.
    expect(session.state.notices).toEqual([
      "It doesn't matter which side you start initiating the Connection from. The Exalate UI remains the same. If you are initiating the connection you become the source and the other side becomes the destination.",
    ]);
    // 3. Enter the Destination Instance URL; Exalate suggests modes based on the destination.
    session.type('Destination Instance URL', 'https://partner.atlassian.net/').click('Next');
    expect(session.effects).toEqual([{ type: 'inspect_destination', url: 'https://partner.atlassian.net' }]);
    expect(viewWizard(session.state).actions.find((action) => action.label === 'Next')?.enabled).toBe(false);
    session.send({ type: 'destination_inspected', destination: { tracker: 'jira-cloud', isPublic: true, modes: ['basic', 'visual', 'script'] } });

    // 4. Select the Configuration Mode, Script. 5. Click Next.
    expect(session.state.notices).toEqual([notices.suggestedModes, notices.jiraServerScriptPrerequisites, licenceCheck, notices.modeIsFinal]);
    session.send({ type: 'choose_mode', mode: 'script' }).click('Next');

    // 6. Enter the Connection Information. 7. Click Next.
    session
      .type('Local instance short name', 'acme-dc')
      .type('Remote instance short name', 'partner-cloud')
      .type('Connection name', 'DC to Cloud')
      .click('Next');
    expect(session.state.notices).toEqual([]);

    // 8. Select a project. 9. Click Initiate.
    session.send({ type: 'projects_loaded', projects }).send({ type: 'choose_project', key: 'ENG' }).click('Initiate');
    expect(session.effects).toEqual([
      {
        type: 'initiate',
        request: {
          destinationUrl: 'https://partner.atlassian.net',
          mode: 'script',
          localName: 'acme-dc',
          remoteName: 'partner-cloud',
          name: 'DC to Cloud',
          projectKey: 'ENG',
        },
      },
    ]);

    // 10. Click Copy invitation code; send it to the destination instance admin. 11. Click Done.
    session.send({ type: 'initiated', invitationCode: 'EXA1.dc', connectionId: 'c-2' });
    expect(session.state).toMatchObject({ step: 'invitation', destination: 'https://partner.atlassian.net' });
    expect(session.state.notices).toEqual([
      notices.acceptOnOtherSide('partner-cloud'),
      'You can send the invitation code to the destination instance admin.',
      'To finish setting up the connection, the partner needs to accept the connection invitation.',
      'When the other side accepts your invitation your connection will be activated. Refresh the Connections page to see the Connection status change.',
      notices.whatsNext,
    ]);
    session.click('Copy invitation code');
    expect(viewWizard(session.state).actions[0]?.label).toBe(labels.copied);
    session.click('Copied').click('Done');
    expect(session.effects).toEqual([{ type: 'close' }, { type: 'refresh_connections' }]);
  });

  test("What's next: the partner clicks Accept Invitation and pastes the code", () => {
    const session = new Session(startAcceptWizard(contexts.privateAzureDevOps));
    expect(viewWizard(session.state).dialogTitle).toBe('Accept invitation');
    session.type('Invitation code', 'EXA1.code\n').click('Next');
    expect(session.effects).toEqual([{ type: 'preview_invitation', invitationCode: 'EXA1.code' }]);
    session.send({ type: 'invitation_previewed', preview: samplePreview });
    expect(session.title).toBe('Invitation');
    session.click('Next');
    expect(session.title).toBe('Select a project for the incoming sync');
    session.send({ type: 'projects_loaded', projects }).send({ type: 'choose_project', key: 'SUP' }).click('Accept');
    expect(session.effects).toEqual([{ type: 'accept', request: { invitationCode: 'EXA1.code', projectKey: 'SUP' } }]);
    session.send({ type: 'accepted', connectionId: 'c-1' });
    expect(session.state).toMatchObject({ step: 'accepted', connectionName: samplePreview.connectionName });
    session.click('Done');
    expect(session.effects).toEqual([{ type: 'close' }, { type: 'refresh_connections' }]);
  });
});

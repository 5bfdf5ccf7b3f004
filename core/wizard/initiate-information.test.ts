import { notices } from './labels';
import { messages } from './messages';
import { at, checkTransitions, draftOf, events, walk, type TransitionRow } from './test-fixtures';
import type { WizardEvent } from './wizard-event';
import type { FieldErrors } from './wizard-state';

const typed =
  (...edits: WizardEvent[]) =>
  () =>
    walk(at.information(), edits);
const filled =
  (...edits: WizardEvent[]) =>
  () =>
    walk(at.filledInformation(), edits);
const information = draftOf(at.information());

describe('connection information: typing', () => {
  checkTransitions([
    {
      name: 'the local short name starts the proposed connection name',
      start: at.information,
      event: events.edit('localName', 'acme-jira'),
      state: { draft: { ...information, localName: 'acme-jira', connectionName: 'acme-jira_to_' } },
      effects: [],
    },
    {
      name: 'the remote short name completes it',
      start: typed(events.edit('localName', 'acme-jira')),
      event: events.edit('remoteName', 'partner-ado'),
      state: { draft: { ...information, localName: 'acme-jira', remoteName: 'partner-ado', connectionName: 'acme-jira_to_partner-ado' } },
      effects: [],
    },
    {
      name: 'the proposed name uses the short names without surrounding spaces',
      start: typed(events.edit('localName', ' acme ')),
      event: events.edit('remoteName', ' partner '),
      state: { draft: { ...information, localName: ' acme ', remoteName: ' partner ', connectionName: 'acme_to_partner' } },
      effects: [],
    },
    {
      name: 'emptying both short names empties the proposed name',
      start: typed(events.edit('localName', 'a')),
      event: events.edit('localName', ''),
      state: { draft: { ...information, connectionName: '' } },
      effects: [],
    },
    {
      name: 'typing a connection name makes it the admin’s own',
      start: filled(),
      event: events.edit('connectionName', 'Support escalations'),
      state: { draft: { ...draftOf(at.filledInformation()), connectionName: 'Support escalations', connectionNameEdited: true } },
      effects: [],
    },
    {
      name: 'after that, the short names no longer change it',
      start: filled(events.edit('connectionName', 'Support escalations')),
      event: events.edit('localName', 'acme-cloud'),
      state: { draft: { ...draftOf(at.filledInformation()), localName: 'acme-cloud', connectionName: 'Support escalations', connectionNameEdited: true } },
      effects: [],
    },
    {
      name: 'even when the admin emptied it',
      start: filled(events.edit('connectionName', '')),
      event: events.edit('remoteName', 'partner-asana'),
      state: { draft: { ...draftOf(at.filledInformation()), remoteName: 'partner-asana', connectionName: '', connectionNameEdited: true } },
      effects: [],
    },
    {
      name: 'the description is kept as typed',
      start: filled(),
      event: events.edit('description', 'Escalations from support'),
      state: { draft: { ...draftOf(at.filledInformation()), description: 'Escalations from support' } },
      effects: [],
    },
    { name: 'a field of another step is ignored', start: filled(), event: events.edit('destinationUrl', 'https://x.example'), unchanged: true, effects: [] },
    {
      name: 'typing clears only the message of that field',
      start: typed(events.next),
      event: events.edit('remoteName', 'p'),
      state: { fieldErrors: { localName: messages.localNameRequired } },
      effects: [],
    },
    {
      name: 'a short name that changes the proposed name clears its message too',
      start: typed(events.next),
      event: events.edit('localName', 'a'),
      state: { fieldErrors: { remoteName: messages.remoteNameRequired } },
      effects: [],
    },
    {
      name: 'an own connection name is not cleared by a short name',
      start: typed(events.edit('connectionName', ''), events.next),
      event: events.edit('localName', 'a'),
      state: { fieldErrors: { remoteName: messages.remoteNameRequired, connectionName: messages.connectionNameRequired } },
      effects: [],
    },
  ]);
});

describe('connection information: Next', () => {
  const longName = 'n'.repeat(101);
  /** Next after one edit of the filled-in step: the step stays, with exactly these messages. */
  const refusedAfter = (name: string, edit: WizardEvent, fieldErrors: FieldErrors): TransitionRow => ({
    name,
    start: filled(edit),
    event: events.next,
    state: { fieldErrors },
    effects: [],
  });
  checkTransitions([
    {
      name: 'nothing typed: one message per required field',
      start: at.information,
      event: events.next,
      state: {
        step: 'information',
        fieldErrors: { localName: messages.localNameRequired, remoteName: messages.remoteNameRequired, connectionName: messages.connectionNameRequired },
      },
      effects: [],
    },
    refusedAfter('a short name with a space', events.edit('localName', 'acme jira'), { localName: messages.shortNameInvalid }),
    refusedAfter('a short name with a dot', events.edit('remoteName', 'partner.ado'), { remoteName: messages.shortNameInvalid }),
    refusedAfter('a short name of 41 characters', events.edit('localName', 'a'.repeat(41)), { localName: messages.shortNameInvalid }),
    refusedAfter('two equal short names (any case)', events.edit('remoteName', 'ACME-JIRA'), { remoteName: messages.shortNamesMustDiffer }),
    refusedAfter('a connection name of 101 characters', events.edit('connectionName', longName), { connectionName: messages.connectionNameTooLong(101) }),
    refusedAfter('a connection name on two lines', events.edit('connectionName', 'Support\nescalations'), { connectionName: messages.connectionNameLineBreak }),
    refusedAfter('a connection name of spaces only', events.edit('connectionName', '   '), { connectionName: messages.connectionNameRequired }),
    refusedAfter('a description of 1001 characters', events.edit('description', 'd'.repeat(1001)), { description: messages.descriptionTooLong(1001) }),
    {
      name: 'valid information opens the project step and loads projects',
      start: filled(),
      event: events.next,
      state: { step: 'project', busy: false, projects: { status: 'loading' }, notices: [notices.publicPrivateNote], draft: draftOf(at.filledInformation()) },
      effects: [{ type: 'load_projects' }],
    },
    {
      name: 'the longest allowed values pass',
      start: filled(events.edit('localName', 'a'.repeat(40)), events.edit('connectionName', 'n'.repeat(100)), events.edit('description', 'd'.repeat(1000))),
      event: events.next,
      state: { step: 'project' },
      effects: [{ type: 'load_projects' }],
    },
    {
      name: 'previous goes back to the mode step with the mode kept',
      start: filled(),
      event: events.previous,
      state: { step: 'mode', draft: { ...draftOf(at.filledInformation()), mode: 'script' } },
      effects: [],
    },
    { name: 'cancel closes', start: filled(), event: events.cancel, state: { step: 'closed' }, effects: [{ type: 'close' }] },
    { name: 'initiate is ignored here', start: filled(), event: events.initiate, unchanged: true, effects: [] },
  ]);

  test('Previous and Next again keep everything typed', () => {
    const typedAll = walk(at.filledInformation(), [events.edit('connectionName', 'Escalations'), events.edit('description', 'Why')]);
    const roundTrip = walk(typedAll, [events.previous, events.previous, events.next, events.next]);
    expect(roundTrip).toMatchObject({ step: 'information' });
    expect(draftOf(roundTrip)).toEqual(draftOf(typedAll));
  });
});

// Shared by the wizard's tests only: contexts, sample answers, and states reached by walking the
// real transition function (never hand-built, so a fixture cannot drift from what the wizard does).
import { startAcceptWizard } from './accept-flow';
import { startInitiateWizard } from './initiate-flow';
import { transition } from './transition';
import type { WizardContext } from './wizard-context';
import type { WizardEffect } from './wizard-effect';
import type { DestinationDescription, WizardInvitationPreview, WizardEvent } from './wizard-event';
import type { InitiateDraft, WizardState } from './wizard-state';

export const contexts = {
  jiraCloud: { local: { tracker: 'jira-cloud', isPublic: true } },
  azureDevOps: { local: { tracker: 'azure-devops', isPublic: true } },
  asana: { local: { tracker: 'asana', isPublic: true } },
  jiraServerTrial: { local: { tracker: 'jira-server', isPublic: true, licence: 'trial' } },
  jiraServerPaid: { local: { tracker: 'jira-server', isPublic: true, licence: 'paid' } },
  jiraServerExpired: { local: { tracker: 'jira-server', isPublic: true, licence: 'expired' } },
  jiraServerNone: { local: { tracker: 'jira-server', isPublic: true, licence: 'none' } },
  jiraServerUnknownLicence: { local: { tracker: 'jira-server', isPublic: true } },
  jiraServerPrivate: { local: { tracker: 'jira-server', isPublic: false, licence: 'paid' } },
  privateAzureDevOps: { local: { tracker: 'azure-devops', isPublic: false } },
} as const satisfies Record<string, WizardContext>;

export const projects = [
  { key: 'SUP', name: 'Support' },
  { key: 'ENG', name: 'Engineering' },
] as const;

export const publicDestination: DestinationDescription = { tracker: 'azure-devops', isPublic: true, modes: ['basic', 'visual', 'script'] };

export const samplePreview: WizardInvitationPreview = {
  inviterName: 'acme-jira',
  destinationName: 'partner-ado',
  tracker: 'jira-cloud',
  instanceUrl: 'https://acme.atlassian.net',
  mode: 'script',
  connectionName: 'acme-jira_to_partner-ado',
  description: 'Support escalations',
  expiresAt: Date.UTC(2026, 10, 25, 14, 0),
};

export const sampleCode = 'EXA1.abcdefghijklmnop.checksum';

/** Applies events in order; returns the last state and every effect asked for on the way. */
export function run(start: WizardState, events: readonly WizardEvent[]): { state: WizardState; effects: WizardEffect[] } {
  let state = start;
  const effects: WizardEffect[] = [];
  for (const event of events) {
    const [next, emitted] = transition(state, event);
    state = next;
    effects.push(...emitted);
  }
  return { state, effects };
}

function walk(start: WizardState, events: readonly WizardEvent[]): WizardState {
  return run(start, events).state;
}

const edit = (field: Extract<WizardEvent, { type: 'edit_field' }>['field'], value: string): WizardEvent => ({ type: 'edit_field', field, value });

export const events = {
  next: { type: 'next' },
  previous: { type: 'previous' },
  cancel: { type: 'cancel' },
  initiate: { type: 'initiate' },
  accept: { type: 'accept' },
  copy: { type: 'copy' },
  done: { type: 'done' },
  reload: { type: 'reload_projects' },
  noUrl: { type: 'set_no_url', noUrl: true },
  edit,
  chooseMode: (mode: 'basic' | 'visual' | 'script'): WizardEvent => ({ type: 'choose_mode', mode }),
  chooseProject: (key: string): WizardEvent => ({ type: 'choose_project', key }),
  projectsLoaded: { type: 'projects_loaded', projects } as WizardEvent,
} as const satisfies Record<string, WizardEvent | ((...values: never[]) => WizardEvent)>;

export const at = {
  destination: (context: WizardContext = contexts.jiraCloud): WizardState => startInitiateWizard(context),
  inspecting: (url = 'https://partner.visualstudio.com', context: WizardContext = contexts.jiraCloud): WizardState =>
    walk(startInitiateWizard(context), [edit('destinationUrl', url), events.next]),
  privateMode: (context: WizardContext = contexts.jiraCloud): WizardState => walk(startInitiateWizard(context), [events.noUrl, events.next]),
  publicMode: (destination: DestinationDescription = publicDestination, context: WizardContext = contexts.jiraCloud): WizardState =>
    walk(at.inspecting('https://partner.visualstudio.com', context), [{ type: 'destination_inspected', destination }]),
  information: (context: WizardContext = contexts.jiraCloud): WizardState => walk(at.privateMode(context), [events.chooseMode('script'), events.next]),
  filledInformation: (context: WizardContext = contexts.jiraCloud): WizardState =>
    walk(at.information(context), [edit('localName', 'acme-jira'), edit('remoteName', 'partner-ado')]),
  projectLoading: (context: WizardContext = contexts.jiraCloud): WizardState => walk(at.filledInformation(context), [events.next]),
  projectLoaded: (context: WizardContext = contexts.jiraCloud): WizardState => walk(at.projectLoading(context), [events.projectsLoaded]),
  projectChosen: (context: WizardContext = contexts.jiraCloud): WizardState => walk(at.projectLoaded(context), [events.chooseProject('SUP')]),
  initiating: (context: WizardContext = contexts.jiraCloud): WizardState => walk(at.projectChosen(context), [events.initiate]),
  invitation: (context: WizardContext = contexts.jiraCloud): WizardState =>
    walk(at.initiating(context), [{ type: 'initiated', invitationCode: sampleCode, connectionId: 'connection-1' }]),
  code: (context: WizardContext = contexts.azureDevOps): WizardState => startAcceptWizard(context),
  previewing: (context: WizardContext = contexts.azureDevOps): WizardState =>
    walk(startAcceptWizard(context), [edit('invitationCode', sampleCode), events.next]),
  preview: (preview: WizardInvitationPreview = samplePreview, context: WizardContext = contexts.azureDevOps): WizardState =>
    walk(at.previewing(context), [{ type: 'invitation_previewed', preview }]),
  acceptProjectLoading: (context: WizardContext = contexts.azureDevOps): WizardState => walk(at.preview(samplePreview, context), [events.next]),
  acceptProjectLoaded: (context: WizardContext = contexts.azureDevOps): WizardState => walk(at.acceptProjectLoading(context), [events.projectsLoaded]),
  acceptProjectChosen: (context: WizardContext = contexts.azureDevOps): WizardState => walk(at.acceptProjectLoaded(context), [events.chooseProject('ENG')]),
  accepting: (context: WizardContext = contexts.azureDevOps): WizardState => walk(at.acceptProjectChosen(context), [events.accept]),
  accepted: (context: WizardContext = contexts.azureDevOps): WizardState => walk(at.accepting(context), [{ type: 'accepted', connectionId: 'connection-9' }]),
};

export { walk };

/** One row of a transition table: a start state, an event, and exactly what must come out. */
export interface TransitionRow {
  readonly name: string;
  readonly start: () => WizardState;
  readonly event: WizardEvent;
  /** Each listed field of the next state must equal this value exactly (toEqual per field). */
  readonly state?: Readonly<Record<string, unknown>>;
  /** The event does not apply: the very same state object comes back. */
  readonly unchanged?: true;
  readonly effects: readonly WizardEffect[];
}

/** Runs a table of rows; every row asserts exact field values and the exact effect list. */
export function checkTransitions(rows: readonly TransitionRow[]): void {
  test.each(rows.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    const start = row.start();
    const [next, effects] = transition(start, row.event);
    expect(effects).toEqual(row.effects);
    if (row.unchanged === true) expect(next).toBe(start);
    for (const [field, value] of Object.entries(row.state ?? {})) {
      expect({ field, value: (next as unknown as Record<string, unknown>)[field] }).toEqual({ field, value });
    }
  });
}

/**
 * The last step of either wizard, where the connection exists: Done and Cancel (the x) both close
 * the wizard and refresh the connection list so that it shows the connection.
 */
export function closingRefreshesRows(start: () => WizardState): TransitionRow[] {
  const buttons = [
    ['done', events.done],
    ['cancel (the x)', events.cancel],
  ] as const;
  return buttons.map(([button, event]): TransitionRow => ({
    name: `${button} closes and refreshes the connection list`,
    start,
    event,
    state: { step: 'closed' },
    effects: [{ type: 'close' }, { type: 'refresh_connections' }],
  }));
}

/** The initiate draft of a state; a test that asks for it on a step without one is wrong. */
export function draftOf(state: WizardState): InitiateDraft {
  if (state.flow === 'initiate' && 'draft' in state) return state.draft;
  throw new Error(`The ${state.flow} step "${state.step}" has no initiate draft.`);
}

import type { ConnectionMode } from '../connection/connection';
import { basicModeSetInWords } from '../rules/basic-mode-scripts';
import { trackerProfile, type TrackerKind } from '../trackers';

/**
 * The words a person reads in the wizards, taken from the four connection guides in
 * shared/seeds/ so that an admin following a guide finds the same button and field names in every
 * host (Forge Custom UI, Azure DevOps extension, web console). UIs render these; they never spell
 * their own. Where a guide capitalises a name ("Destination Instance URL", "Copy invitation code"),
 * the capitalisation is kept as the guide prints it.
 */
export const labels = {
  initiateConnection: 'Initiate Connection',
  acceptInvitation: 'Accept Invitation',
  destinationInstanceUrl: 'Destination Instance URL',
  noUrl: "I don't have a URL",
  basic: 'Basic',
  visual: 'Visual',
  script: 'Script',
  next: 'Next',
  previous: 'Previous',
  localInstanceShortName: 'Local instance short name',
  // The guides' form says "Remote"; their field table calls the same field "Destination instance short name".
  remoteInstanceShortName: 'Remote instance short name',
  connectionName: 'Connection name',
  description: 'Description',
  project: 'Project',
  /** Shown in the project picker while the live tracker is asked for its projects. */
  loadingProjects: 'Loading projects…',
  reloadProjects: 'Reload projects',
  initiate: 'Initiate',
  /** Jira Cloud's and Asana's guides say "Click Next." where the others say "Click Initiate." (see initiateActionLabel). */
  initiateAsNext: 'Next',
  /** The caption above the invitation code on the last step of Initiate Connection. */
  useFollowingCode: 'Use the following invitation code:',
  copyInvitationCode: 'Copy invitation code',
  copied: 'Copied',
  done: 'Done',
  invitationCode: 'Invitation code',
  accept: 'Accept',
  cancel: 'Cancel',
} as const;

/**
 * The button that initiates the connection on the project step, as each tracker's guide names it:
 * Azure DevOps and Jira on-premise say "8. Click Initiate.", Jira Cloud says "8. Click Next." and
 * Asana "9. Click Next.", so an admin with the guide open finds the button it names (the tracker's
 * profile says which).
 */
export function initiateActionLabel(tracker: TrackerKind): string {
  return trackerProfile(tracker).console.initiateButton === 'next' ? labels.initiateAsNext : labels.initiate;
}

export const modeLabels: Readonly<Record<ConnectionMode, string>> = {
  basic: labels.basic,
  visual: labels.visual,
  script: labels.script,
};

/**
 * One line under each mode on the mode step, so the admin knows what they choose before a choice
 * they cannot undo. Basic's set is the one its scripts are built from (core/rules/basic-mode-scripts.ts).
 */
export const modeExplanations: Readonly<Record<ConnectionMode, string>> = {
  basic: `A fixed set of fields syncs both ways (${basicModeSetInWords()}); nothing to configure.`,
  visual: 'A mapping table of fields and values that both sides approve; no code.',
  script: 'Outgoing and incoming scripts on each side decide what syncs and how; starts from scripts that sync the Basic set and more.',
};

/** The title of the dialog each wizard opens in ("Initiate connection x" in the guides' screenshots). */
export const dialogTitles = {
  initiate: 'Initiate connection',
  accept: 'Accept invitation',
} as const;

export const stepTitles = {
  unavailable: 'Initiate connection',
  destination: 'Destination instance',
  mode: 'Configuration mode',
  information: 'Connection information',
  project: 'Select a project for the incoming sync',
  invitation: 'Copy invitation code',
  code: 'Invitation code',
  preview: 'Invitation',
  accepted: 'Connection accepted',
  closed: '',
} as const;

/** The guides' "Field / Description" table, shown as help beside each field. */
export const fieldHelp = {
  destinationUrl:
    'The Destination Instance URL is the link to the instance you want to set up a connection with. You can directly enter the link of that instance or the Exalate URL from the General Settings tab in the Exalate admin panel.',
  noUrl: "If the destination instance is in a private network toggle I don't have a URL.",
  localName: 'A short name for your instance',
  remoteName: 'A short name for the destination instance',
  connectionName: 'Name of the connection',
  description: 'Description of the connection',
  invitationCode: 'Paste the invitation code you received from the admin who initiated the connection.',
} as const;

/** Notes the guides print between steps; the wizard shows them on the step where they apply. */
export const notices = {
  /** The private-connection guides open with this note. */
  publicAndPrivateSides:
    "For Private Connections: an instance you have access to is considered a public side; an instance you don't have access to is considered a private side: destination instance.",
  /** The public (Jira on-premise) guide opens with this note. */
  eitherSideInitiates:
    "It doesn't matter which side you start initiating the Connection from. The Exalate UI remains the same. If you are initiating the connection you become the source and the other side becomes the destination.",
  privateConnectionExplained:
    "The main difference between private and public connection types is whether the HTTP/HTTPS requests are initiated from one side or from both sides. In this case, HTTP/HTTPS requests are initiated from the destination's private side only.",
  suggestedModes: 'Exalate will suggest available Configuration Modes based on the destination instance.',
  privateModes: 'The destination instance is in a private network: it starts every request itself, and every mode works that way.',
  modeIsFinal: 'You cannot toggle between the different modes. To do so, you need to create a new Connection in Visual mode, Script mode, or Basic mode.',
  jiraServerScriptPrerequisites:
    'Before you set up a Connection in Script mode ensure that your instance is public, and that you are either in the Evaluation (trial) period or have a Paid license.',
  /** Said when the node could not tell what Jira's app manager holds; Script is offered all the same. */
  jiraServerLicenceUnread:
    "Licence: not checked (the node did not report what Jira's Manage apps holds for Exalate). This open edition needs no licence, so Script mode is offered; only an expired licence would stop it.",
  publicPrivateNote:
    "As this is a Public-Private connection and you don't have admin access to the other side, you can continue to configure on your end and then send an invitation to your partner.",
  sendToPartner: 'Here you can copy the invitation code and send it over to your partner.',
  unknownDestination: 'The destination side is shown as "unknown" since this is a private side.',
  sendToDestinationAdmin: 'You can send the invitation code to the destination instance admin.',
  startAfterAcceptance: 'Once your partner accepts the invitation, you can start synchronization.',
  partnerMustAccept: 'To finish setting up the connection, the partner needs to accept the connection invitation.',
  refreshAfterAcceptance:
    'When the other side accepts your invitation your connection will be activated. Refresh the Connections page to see the Connection status change.',
  whatsNext:
    'Go to the Connections tab in the Exalate Admin console on that platform and click the Accept Invitation button. Then paste the invitation code you have copied above.',
  copiedToClipboard: 'The invitation code is copied. Send it to your partner.',
  privateSideAccepts:
    'When the connection is set up on the Public source side, the Private side administrator should accept the invitation in the Private-Public connection.',
  acceptOnOtherSide: (remoteName: string): string => `On the "${remoteName}" side, you (or their application administrator) need to accept the invitation.`,
  connectionActive: (connectionName: string): string =>
    `The connection "${connectionName}" is active. The other side sees it after refreshing their Connections page, and you can start synchronization.`,
} as const;

/** Row names of the invitation preview on the Accept Invitation wizard. */
export const previewLabels = {
  invitedBy: 'Invited by',
  tracker: 'Tracker',
  instance: 'Instance',
  yourShortName: 'Short name for your instance',
  mode: 'Connection mode',
  connectionName: labels.connectionName,
  description: labels.description,
  expires: 'Invitation expires',
  noDescription: 'No description',
  unknownExpiry: 'unknown',
} as const;

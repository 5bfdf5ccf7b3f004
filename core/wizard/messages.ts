import type { ConnectionMode } from '../connection/connection';
import { trackerDisplayNames, trackerProfile, type TrackerKind } from '../trackers';
import { modeLabels } from './labels';

/** Limits a person is told about; the admin API applies the same ones. */
export const shortNameMaxLength = 40;
export const connectionNameMaxLength = 100;
export const descriptionMaxLength = 1000;

/**
 * Every validation and error message of the wizards. Each one says what to do next, because the
 * person reading it is an admin in the middle of a task, not a developer reading a log.
 */
export const messages = {
  localInstancePrivate:
    'This instance is in a private network, so it cannot initiate a connection: the other side would have no address to reach it. Ask the admin of the other (public) side to initiate the connection and send you the invitation code, then click Accept Invitation here.',

  destinationUrlRequired: 'Enter the Destination Instance URL, or turn on "I don\'t have a URL" if the destination instance is in a private network.',
  destinationUnreachable: (url: string): string =>
    `Exalate could not reach ${url}. Check the address, or turn on "I don't have a URL" if the destination instance is in a private network.`,
  destinationOffersNoMode: (url: string): string =>
    `The destination instance at ${url} offers no connection mode. Ask its admin to check that Exalate is installed and licensed there.`,

  modeRequired: 'Choose a connection mode to continue.',
  noModeAvailable: 'No connection mode is available for this connection. Read the reason under each mode, fix it, then start again.',
  modeNotOfferedHere: (mode: ConnectionMode): string => `${modeLabels[mode]} mode is not available on this instance yet.`,
  modeNotOffered: (mode: ConnectionMode, tracker: TrackerKind): string =>
    `The destination instance (${trackerDisplayNames[tracker]}) does not offer ${modeLabels[mode]} mode.`,
  scriptNeedsPublicJiraServer:
    'Script mode on Jira Server / Data Center needs this instance to be public (reachable from the other side). Make it reachable, or use Basic mode.',
  scriptNeedsLicenceExpired:
    'Script mode on Jira Server / Data Center needs an Evaluation (trial) or a Paid license, and the license Jira holds for Exalate on this instance has expired. Renew it, or remove it in Manage apps (this open edition needs none), then start again.',
  invitationModeRefused: (mode: ConnectionMode, reason: string): string =>
    `This invitation is for a connection in ${modeLabels[mode]} mode, which this instance cannot accept. ${reason}`,

  localNameRequired: 'Enter a short name for your instance, such as acme-jira.',
  remoteNameRequired: 'Enter a short name for the destination instance, such as partner-ado.',
  shortNameInvalid: `Use letters, digits, '-' or '_' (up to ${shortNameMaxLength} characters).`,
  shortNamesMustDiffer: 'Give the destination instance a short name different from yours, so each side can tell the two apart.',
  connectionNameRequired: 'Enter a name for the connection, such as acme-jira_to_partner-ado.',
  connectionNameTooLong: (length: number): string => `Shorten the connection name to ${connectionNameMaxLength} characters or fewer (it has ${length}).`,
  connectionNameLineBreak: 'Write the connection name on one line, without line breaks.',
  descriptionTooLong: (length: number): string => `Shorten the description to ${descriptionMaxLength} characters or fewer (it has ${length}).`,

  projectRequired: 'Select a project for the incoming sync.',
  projectsStillLoading: 'Wait for the projects to load, then select one.',
  noProjects: (tracker: TrackerKind): string =>
    `There is no project to receive the incoming sync. ${trackerProfile(tracker).words.projectAdvice}, then click Reload projects.`,
  projectsFailed: 'The projects could not be loaded. Click Reload projects to try again.',

  initiateFailed: 'The connection could not be initiated. Try again; if it keeps failing, check that the Exalate node is running.',
  copyFailed: 'Your browser did not allow copying. Select the invitation code and copy it yourself (Ctrl+C, or Cmd+C on a Mac).',

  invitationCodeRequired: 'Paste the invitation code you received from the admin who initiated the connection.',
  invitationInvalid: 'This invitation code could not be read. Copy it again from the message you received, in full, and paste it here.',
  acceptFailed: 'The invitation could not be accepted. Try again; if it keeps failing, ask the initiator for a new invitation code.',
} as const;

/**
 * Failure events carry text from elsewhere (a host, the node's admin API); a blank one would leave
 * the admin with nothing to act on, so the wizard's own message stands in for it.
 */
export function nonBlankMessage(message: string, fallback: string): string {
  return typeof message === 'string' && message.trim() !== '' ? message : fallback;
}

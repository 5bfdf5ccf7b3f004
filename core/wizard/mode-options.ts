import { connectionModes, type ConnectionMode } from '../connection/connection';
import { trackerProfile } from '../trackers';
import { modeLabels, notices } from './labels';
import { messages } from './messages';
import type { LocalInstance } from './wizard-context';
import type { DestinationDescription } from './wizard-event';

/** One choice on the mode step. An unavailable option says why, so the admin is not left guessing. */
export interface ModeOption {
  readonly mode: ConnectionMode;
  readonly label: string;
  readonly available: boolean;
  readonly reason?: string;
}

/**
 * Why this instance itself cannot run a mode, or null when it can. A mode the node does not run
 * yet is never offered. The Jira on-premise guide makes Script mode conditional on a public
 * instance and an Evaluation (trial) or Paid license. This product is open and sells no licence:
 * where Jira's app manager holds none for its app (not installed, or installed without one), or
 * could not be asked, no licence applies and Script mode is offered; only a licence that UPM holds
 * and reports expired is explained as the guide says (docs/decisions/2026-12-06-jira-server-licence-rule.md).
 * Visual mode works on every instance, public or private: its proposals and approvals travel over
 * the same signed exchange as the changes, which a private side reaches by its poll.
 */
export function localModeRefusal(local: LocalInstance, mode: ConnectionMode): string | null {
  if (local.modes !== undefined && !local.modes.includes(mode)) return messages.modeNotOfferedHere(mode);
  if (mode === 'script' && trackerProfile(local.tracker).console.scriptModeNeedsPublicLicensedInstance) {
    if (!local.isPublic) return messages.scriptNeedsPublicJiraServer;
    if (local.licence === 'expired') return messages.scriptNeedsLicenceExpired;
  }
  return null;
}

/**
 * A private destination ("I don't have a URL", or one that reports itself private) never receives
 * a request; every mode works without one, since the private side fetches what is queued for it.
 * An inspected destination offers only the modes it reported.
 */
function connectionRefusal(mode: ConnectionMode, destination: DestinationDescription | null): string | null {
  if (destination !== null && !destination.modes.includes(mode)) return messages.modeNotOffered(mode, destination.tracker);
  return null;
}

/** Basic, Visual and Script in that order; `destination` is null for a private destination. */
export function listModeOptions(local: LocalInstance, destination: DestinationDescription | null): readonly ModeOption[] {
  return connectionModes.map((mode): ModeOption => {
    const reason = localModeRefusal(local, mode) ?? connectionRefusal(mode, destination);
    const label = modeLabels[mode];
    return reason === null ? { mode, label, available: true } : { mode, label, available: false, reason };
  });
}

export function listModeNotices(local: LocalInstance, destination: DestinationDescription | null, options: readonly ModeOption[]): readonly string[] {
  const isPrivate = destination === null || !destination.isPublic;
  return [
    ...(options.some((option) => option.available) ? [] : [messages.noModeAvailable]),
    isPrivate ? notices.privateModes : notices.suggestedModes,
    ...(trackerProfile(local.tracker).console.scriptModeNeedsPublicLicensedInstance
      ? [notices.jiraServerScriptPrerequisites, local.licenceCheck ?? notices.jiraServerLicenceUnread]
      : []),
    notices.modeIsFinal,
  ];
}

import { ExalateError } from '../errors';
import { supportedModes, type NodeContext } from '../node/node-context';
import type { TrackerInstance } from '../ports/tracker';
import { trackerProfile } from '../trackers';
import type { ConnectionMode } from './connection';

/**
 * Whether this node can run a connection in `mode`. Jira Server/DC asks more of Script mode than
 * the others (Exalate's on-premise guide): the instance must be public, and a licence Jira holds for
 * the app must not have expired (this open edition needs none; see core/wizard/mode-options.ts).
 * Saying so here means the admin learns it before initiating.
 */
export function findModeProblem(context: NodeContext, instance: TrackerInstance, mode: ConnectionMode): ExalateError | undefined {
  if (!supportedModes.includes(mode)) {
    return new ExalateError('mode_unavailable', `${title(mode)} mode is not offered by this node yet. Choose Basic or Script mode.`);
  }
  const profile = trackerProfile(instance.tracker);
  if (mode === 'script' && profile.console.scriptModeNeedsPublicLicensedInstance) {
    if (context.settings.nodeUrl === null) {
      return new ExalateError(
        'licence_required',
        `Script mode on ${profile.displayName} needs a public instance. Give this node a public URL (NODE_URL) before you initiate or accept a Script connection.`,
      );
    }
    // Open edition: no licence is needed; only an expired one that Jira holds for the app stops Script.
    if (instance.licence === 'expired') {
      return new ExalateError(
        'licence_required',
        `Script mode on ${profile.displayName} needs an evaluation (trial) or paid licence, and the licence Jira holds for Exalate has expired${instance.licenceCheck === undefined ? '' : ` (${instance.licenceCheck})`}. Renew it, or remove it in Manage apps (this open edition needs none), then try again.`,
      );
    }
  }
  return undefined;
}

function title(mode: ConnectionMode): string {
  return mode.charAt(0).toUpperCase() + mode.slice(1);
}

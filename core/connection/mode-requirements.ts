import { ExalateError } from '../errors';
import { supportedModes, type NodeContext } from '../node/node-context';
import type { TrackerInstance } from '../ports/tracker';
import type { ConnectionMode } from './connection';

/**
 * Whether this node can run a connection in `mode`. Jira Server/DC asks more of Script mode than
 * the others (Exalate's on-premise guide): the instance must be public and the app must be in its
 * evaluation period or paid. Saying so here means the admin learns it before initiating.
 */
export function findModeProblem(context: NodeContext, instance: TrackerInstance, mode: ConnectionMode): ExalateError | undefined {
  if (!supportedModes.includes(mode)) {
    return new ExalateError('mode_unavailable', `${title(mode)} mode is not offered by this node. Choose Script mode.`);
  }
  if (instance.tracker === 'jira-server' && mode === 'script') {
    if (context.settings.nodeUrl === null) {
      return new ExalateError('licence_required', 'Script mode on Jira Server / Data Center needs a public instance. Give this node a public URL (NODE_URL) before you initiate or accept a Script connection.');
    }
    if (instance.licence !== 'trial' && instance.licence !== 'paid') {
      return new ExalateError('licence_required', `Script mode on Jira Server / Data Center needs an evaluation (trial) or paid licence; this instance's licence is ${instance.licence ?? 'missing'}. Start an evaluation or renew the licence in Manage apps, then try again.`);
    }
  }
  return undefined;
}

function title(mode: ConnectionMode): string {
  return mode.charAt(0).toUpperCase() + mode.slice(1);
}

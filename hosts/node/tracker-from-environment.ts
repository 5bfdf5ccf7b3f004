import { ExalateError, trackerKinds, trackerProfile, type TrackerKind } from '../../core';
import { defaultAsanaOAuthUrl, type AsanaOAuthApp } from '../asana/asana-oauth';
import { SwitchableTracker, type TrackerConnectionConfiguration } from './tracker-connection/switchable-tracker';

/** What a tracker's node reads from the environment beyond TRACKER, TRACKER_URL and TRACKER_AUTH. */
interface TrackerEnvironment {
  /** The address used when TRACKER_URL is left out: one only a tracker with one address for everyone has. */
  readonly defaultUrl: string | undefined;
  /** Its console sign-in's app, for a tracker whose console signs in with OAuth. */
  readonly signIn: (environment: NodeJS.ProcessEnv) => Pick<TrackerConnectionConfiguration, 'asanaOAuth' | 'asanaRedirectUri'>;
}

const nothingMore: TrackerEnvironment = { defaultUrl: undefined, signIn: () => ({}) };

/** Each tracker's settings from the environment; a new tracker does not compile until it has its entry. */
const trackerEnvironments: Readonly<Record<TrackerKind, TrackerEnvironment>> = {
  'jira-cloud': nothingMore,
  'jira-server': nothingMore,
  'azure-devops': nothingMore,
  asana: {
    defaultUrl: defaultAsanaOAuthUrl,
    signIn: (environment) => ({ asanaOAuth: asanaOAuthFromEnvironment(environment), asanaRedirectUri: environment['ASANA_REDIRECT_URI'] || undefined }),
  },
};

/**
 * TRACKER (jira-cloud, jira-server, azure-devops, asana), TRACKER_URL (Jira site, Azure DevOps
 * organization URL, Asana host) and TRACKER_AUTH (the Authorization header value) select the
 * tracker this node serves. Jira Server/DC and Asana nodes may start without TRACKER_AUTH (and Jira
 * without TRACKER_URL): their admin then connects the tracker in the console (General settings →
 * Tracker connection).
 * Asana's OAuth sign-in needs ASANA_CLIENT_ID and ASANA_CLIENT_SECRET (an app of Asana's developer
 * console), and takes ASANA_OAUTH_URL (https://app.asana.com) and ASANA_REDIRECT_URI (default
 * `{NODE_URL}/oauth/asana/callback`).
 */
export function trackerFromEnvironment(environment: NodeJS.ProcessEnv): SwitchableTracker {
  const kind = environment['TRACKER'];
  if (!kind || !(trackerKinds as readonly string[]).includes(kind)) {
    throw new ExalateError('invalid_request', `Set TRACKER to one of ${trackerKinds.join(', ')}.`);
  }
  const tracker = kind as TrackerKind;
  const settings = trackerEnvironments[tracker];
  const url = environment['TRACKER_URL'] || settings.defaultUrl;
  const authorization = environment['TRACKER_AUTH'] || undefined;
  // Credentials are either complete (URL and header) or, where the console connects the tracker
  // (its profile names a sign-in), left out.
  const connectedFromConsole = trackerProfile(tracker).console.signIn !== null;
  const incomplete = connectedFromConsole ? authorization !== undefined && !url : !url || !authorization;
  if (incomplete) {
    throw new ExalateError(
      'invalid_request',
      'Set TRACKER_URL (the tracker\'s base URL) and TRACKER_AUTH (the Authorization header value, e.g. "Bearer <token>").',
    );
  }
  return new SwitchableTracker({
    kind: tracker,
    environment: authorization === undefined || url === undefined ? undefined : { baseUrl: url, authorization },
    baseUrl: url,
    ...settings.signIn(environment),
  });
}

function asanaOAuthFromEnvironment(environment: NodeJS.ProcessEnv): AsanaOAuthApp | undefined {
  const clientId = environment['ASANA_CLIENT_ID'] || undefined;
  const clientSecret = environment['ASANA_CLIENT_SECRET'] || undefined;
  if (clientId === undefined && clientSecret === undefined) return undefined;
  if (clientId === undefined || clientSecret === undefined) {
    throw new ExalateError(
      'invalid_request',
      'Set both ASANA_CLIENT_ID and ASANA_CLIENT_SECRET (Asana developer console → My apps → your app → OAuth), or neither.',
    );
  }
  return { clientId, clientSecret, oauthUrl: environment['ASANA_OAUTH_URL'] || defaultAsanaOAuthUrl };
}

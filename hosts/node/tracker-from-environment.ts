import { ExalateError, trackerKinds, type TrackerItemOperations, type TrackerKind, type TrackerV1 } from '../../core';
import { AsanaAdapter } from '../asana/adapter';
import { AzureDevOpsAdapter } from '../azure-devops/adapter';
import { JiraCloudAdapter } from '../jira-cloud/adapter';
import { JiraServerAdapter } from '../jira-server/adapter';

const adapters: Readonly<Record<TrackerKind, (baseUrl: string, authorization: string) => TrackerV1 & TrackerItemOperations>> = {
  'jira-cloud': (baseUrl, authorization) => new JiraCloudAdapter({ baseUrl, authorization }),
  'jira-server': (baseUrl, authorization) => new JiraServerAdapter({ baseUrl, authorization }),
  'azure-devops': (baseUrl, authorization) => new AzureDevOpsAdapter({ baseUrl, authorization }),
  asana: (baseUrl, authorization) => new AsanaAdapter({ baseUrl, authorization }),
};

/**
 * TRACKER (jira-cloud, jira-server, azure-devops, asana), TRACKER_URL (Jira site, Azure DevOps
 * organization URL, Asana host) and TRACKER_AUTH (the Authorization header value) select the
 * tracker this node serves.
 */
export function trackerFromEnvironment(environment: NodeJS.ProcessEnv): TrackerV1 & TrackerItemOperations {
  const kind = environment['TRACKER'];
  const url = environment['TRACKER_URL'];
  const authorization = environment['TRACKER_AUTH'];
  if (!kind || !(trackerKinds as readonly string[]).includes(kind)) {
    throw new ExalateError('invalid_request', `Set TRACKER to one of ${trackerKinds.join(', ')}.`);
  }
  if (!url || !authorization) {
    throw new ExalateError('invalid_request', 'Set TRACKER_URL (the tracker\'s base URL) and TRACKER_AUTH (the Authorization header value, e.g. "Bearer <token>").');
  }
  return adapters[kind as TrackerKind](url, authorization);
}

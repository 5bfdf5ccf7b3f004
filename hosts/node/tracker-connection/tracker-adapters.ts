import {
  ExalateError,
  type CreateChangeIntake,
  type TrackerBatchCapability,
  type TrackerItemOperations,
  type TrackerKind,
  type TrackerV1,
} from '../../../core';
import { AsanaAdapter } from '../../asana/adapter';
import { createAsanaChangeIntake } from '../../asana/change-intake';
import { AzureDevOpsAdapter } from '../../azure-devops/adapter';
import { createAzureDevOpsChangeIntake } from '../../azure-devops/change-intake';
import { JiraCloudAdapter } from '../../jira-cloud/adapter';
import { createJiraCloudChangeIntake } from '../../jira-cloud/change-intake';
import { JiraServerAdapter } from '../../jira-server/adapter';
import { createJiraServerChangeIntake } from '../../jira-server/change-intake';

export type TrackerAdapter = TrackerV1 & TrackerItemOperations & TrackerBatchCapability;

/** What an adapter is built from: the tracker's base URL and the Authorization header value. */
export interface TrackerCredentials {
  readonly baseUrl: string;
  /** A fixed header value, or one given per request (Asana OAuth access tokens, refreshed hourly). */
  readonly authorization: string | (() => Promise<string>);
  /** Asana: the workspace whose projects the node offers. */
  readonly workspaceGid?: string | undefined;
}

export type CreateTrackerAdapter = (credentials: TrackerCredentials) => TrackerAdapter;

function fixed(credentials: TrackerCredentials, tracker: string): string {
  if (typeof credentials.authorization === 'string') return credentials.authorization;
  throw new ExalateError('internal', `${tracker} takes a fixed Authorization value; refreshing credentials are an Asana OAuth feature.`);
}

/** The real adapters, one per tracker, as the node builds them outside the sandbox. */
export const trackerAdapterFactories: Readonly<Record<TrackerKind, CreateTrackerAdapter>> = {
  'jira-cloud': (credentials) => new JiraCloudAdapter({ baseUrl: credentials.baseUrl, authorization: fixed(credentials, 'Jira Cloud') }),
  'jira-server': (credentials) => new JiraServerAdapter({ baseUrl: credentials.baseUrl, authorization: credentials.authorization }),
  'azure-devops': (credentials) => new AzureDevOpsAdapter({ baseUrl: credentials.baseUrl, authorization: fixed(credentials, 'Azure DevOps') }),
  asana: (credentials) => new AsanaAdapter({ baseUrl: credentials.baseUrl, authorization: credentials.authorization, workspaceGid: credentials.workspaceGid }),
};

/** How each tracker tells the node of changes (hosts/<tracker>/change-intake.ts): whatever adapter serves the node, fakes included. */
export const changeIntakeFactories: Readonly<Record<TrackerKind, CreateChangeIntake>> = {
  'jira-cloud': createJiraCloudChangeIntake,
  'jira-server': createJiraServerChangeIntake,
  'azure-devops': createAzureDevOpsChangeIntake,
  asana: createAsanaChangeIntake,
};

import { azureDevOpsErrorBody, type AzureDevOpsErrorBody } from './azure-devops-error-body';

/** A refusal the emulator answers with: the HTTP status and the VssServiceException body. */
export interface EmulatorFailure {
  readonly status: number;
  readonly body: AzureDevOpsErrorBody;
}

export type EmulatorOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: EmulatorFailure };

const assemblies: Readonly<Record<string, string>> = {
  VssServiceException: 'Microsoft.VisualStudio.Services.Common',
  VssPropertyValidationException: 'Microsoft.VisualStudio.Services.Common',
  VssRequestContentTypeNotSupportedException: 'Microsoft.VisualStudio.Services.WebApi',
  RuleValidationException: 'Microsoft.TeamFoundation.WorkItemTracking.Server',
  WorkItemUnauthorizedAccessException: 'Microsoft.TeamFoundation.WorkItemTracking.Server',
  WorkItemTypeNotFoundException: 'Microsoft.TeamFoundation.WorkItemTracking.Server',
  WorkItemRevisionMismatchException: 'Microsoft.TeamFoundation.WorkItemTracking.Server',
  WorkItemLinkInvalidException: 'Microsoft.TeamFoundation.WorkItemTracking.Server',
  WorkItemTrackingQueryException: 'Microsoft.TeamFoundation.WorkItemTracking.Server',
  FieldNotFoundException: 'Microsoft.TeamFoundation.WorkItemTracking.Server',
  ProjectDoesNotExistWithNameException: 'Microsoft.TeamFoundation.Core.WebApi',
  CommentNotFoundException: 'Microsoft.TeamFoundation.WorkItemTracking.Server',
  AttachmentNotFoundException: 'Microsoft.TeamFoundation.WorkItemTracking.Server',
  SubscriptionInputException: 'Microsoft.VisualStudio.Services.ServiceHooks.WebApi',
  SubscriptionNotFoundException: 'Microsoft.VisualStudio.Services.ServiceHooks.WebApi',
  RequestBlockedException: 'Microsoft.VisualStudio.Services.WebApi',
};

export function failure(status: number, typeKey: string, message: string): EmulatorFailure {
  return { status, body: azureDevOpsErrorBody({ typeKey, assembly: assemblies[typeKey] ?? 'Microsoft.VisualStudio.Services.Common', message }) };
}

export function refused<T>(status: number, typeKey: string, message: string): EmulatorOutcome<T> {
  return { ok: false, failure: failure(status, typeKey, message) };
}

export function succeeded<T>(value: T): EmulatorOutcome<T> {
  return { ok: true, value };
}

/** `TF401232` is what Azure DevOps answers for a work item id that does not exist (or cannot be seen). */
export function workItemNotFound(id: number | string): EmulatorFailure {
  return failure(404, 'WorkItemUnauthorizedAccessException', `TF401232: Work item ${id} does not exist, or you do not have permissions to read it.`);
}

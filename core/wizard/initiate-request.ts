import { unknownDestination } from '../connection/connection';
import { normaliseDestinationUrl } from './field-validation';
import type { InitiateRequest } from './wizard-effect';
import type { InitiateDraft } from './wizard-state';

/** null for a private destination, as the admin API expects. */
export function requestDestinationUrl(draft: InitiateDraft): string | null {
  if (draft.noUrl) return null;
  const url = normaliseDestinationUrl(draft.destinationUrl);
  return url.ok ? url.value : draft.destinationUrl.trim();
}

/** What the invitation step and the connection list show as the other side: its URL or "unknown". */
export function displayDestination(draft: InitiateDraft): string {
  return requestDestinationUrl(draft) ?? unknownDestination;
}

/** The body of `POST /connections/initiate`, built from what the admin typed, trimmed. */
export function buildInitiateRequest(draft: InitiateDraft, mode: InitiateRequest['mode'], projectKey: string): InitiateRequest {
  const request: InitiateRequest = {
    destinationUrl: requestDestinationUrl(draft),
    mode,
    localName: draft.localName.trim(),
    remoteName: draft.remoteName.trim(),
    name: draft.connectionName.trim(),
    projectKey,
  };
  const description = draft.description.trim();
  // The API treats a missing description as none; an empty string would be stored as one.
  return description === '' ? request : { ...request, description };
}

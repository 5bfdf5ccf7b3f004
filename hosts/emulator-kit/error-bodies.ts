/**
 * The error bodies each tracker really sends, in one place so the emulators cannot drift apart.
 * A client that parses a real tracker's errors parses these.
 */

/**
 * Jira's ErrorCollection: `components.schemas.ErrorCollection` in the Jira Cloud platform v3
 * document. Jira Server/DC REST v2 answers with the same resource (`{ errorMessages, errors }`).
 */
export interface JiraErrorCollection {
  readonly errorMessages: readonly string[];
  readonly errors: Readonly<Record<string, string>>;
}

export function jiraErrorCollection(errorMessages: readonly string[], errors: Readonly<Record<string, string>> = {}): JiraErrorCollection {
  return { errorMessages, errors };
}

/**
 * Azure DevOps' error envelope: the serialized VssServiceException (`$id`, `innerException`,
 * `message`, `typeName`, `typeKey`, `errorCode`, `eventId`). The 7.1 Swagger documents do not
 * describe error bodies; this is the shape the service sends and the .NET client deserialises.
 */
export interface AzureDevOpsErrorBody {
  readonly $id: '1';
  readonly innerException: null;
  readonly message: string;
  readonly typeName: string;
  readonly typeKey: string;
  readonly errorCode: 0;
  readonly eventId: 3000;
}

export interface AzureDevOpsErrorDescription {
  /** Exception class name, e.g. `VssVersionNotSpecifiedException`. */
  readonly typeKey: string;
  /** Namespace and assembly the class lives in, e.g. `Microsoft.VisualStudio.Services.WebApi`. */
  readonly assembly: string;
  readonly message: string;
}

export function azureDevOpsErrorBody(description: AzureDevOpsErrorDescription): AzureDevOpsErrorBody {
  return {
    $id: '1',
    innerException: null,
    message: description.message,
    typeName: `${description.assembly}.${description.typeKey}, ${description.assembly}`,
    typeKey: description.typeKey,
    errorCode: 0,
    eventId: 3000,
  };
}

/** Asana's ErrorResponse (`components.schemas.ErrorResponse` in asana.yaml): `{ errors: [{ message, help }] }`. */
export interface AsanaErrorBody {
  readonly errors: readonly { readonly message: string; readonly help: string }[];
}

const asanaHelp = 'For more information on API status codes and how to handle them, read the docs on errors: https://developers.asana.com/docs/errors';

export function asanaErrorBody(message: string): AsanaErrorBody {
  return { errors: [{ message, help: asanaHelp }] };
}

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

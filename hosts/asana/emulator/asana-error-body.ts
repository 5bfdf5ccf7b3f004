/** Asana's ErrorResponse (`components.schemas.ErrorResponse` in asana.yaml): `{ errors: [{ message, help }] }`. */
export interface AsanaErrorBody {
  readonly errors: readonly { readonly message: string; readonly help: string }[];
}

const asanaHelp = 'For more information on API status codes and how to handle them, read the docs on errors: https://developers.asana.com/docs/errors';

export function asanaErrorBody(message: string): AsanaErrorBody {
  return { errors: [{ message, help: asanaHelp }] };
}

import { messages } from './messages';
import { validateConnectionName, validateDescription, validateShortName } from './field-validation';
import type { WizardField } from './wizard-event';
import type { FieldErrors, InitiateDraft } from './wizard-state';

export type InformationField = 'localName' | 'remoteName' | 'connectionName' | 'description';

export const informationFields: readonly InformationField[] = ['localName', 'remoteName', 'connectionName', 'description'];

export function isInformationField(field: WizardField): field is InformationField {
  return (informationFields as readonly string[]).includes(field);
}

/** The name Exalate proposes, `<local>_to_<remote>`; empty until a short name is typed. */
export function deriveConnectionName(localName: string, remoteName: string): string {
  const local = localName.trim();
  const remote = remoteName.trim();
  return local === '' && remote === '' ? '' : `${local}_to_${remote}`;
}

/**
 * Applies one keystroke to the connection information. The connection name follows the short
 * names until the admin types into it; from then on it is theirs and never overwritten.
 */
export function editInformation(draft: InitiateDraft, field: InformationField, value: string): InitiateDraft {
  const edited: InitiateDraft =
    field === 'connectionName'
      ? { ...draft, connectionName: value, connectionNameEdited: true }
      : field === 'localName'
        ? { ...draft, localName: value }
        : field === 'remoteName'
          ? { ...draft, remoteName: value }
          : { ...draft, description: value };
  return edited.connectionNameEdited ? edited : { ...edited, connectionName: deriveConnectionName(edited.localName, edited.remoteName) };
}

/** One message per field in trouble; an empty object means the step may be left with Next. */
export function validateInformation(draft: InitiateDraft): FieldErrors {
  const errors: Partial<Record<InformationField, string>> = {};
  const localName = validateShortName(draft.localName, messages.localNameRequired);
  const remoteName = validateShortName(draft.remoteName, messages.remoteNameRequired);
  const connectionName = validateConnectionName(draft.connectionName);
  const description = validateDescription(draft.description);
  if (localName !== null) errors.localName = localName;
  if (remoteName !== null) errors.remoteName = remoteName;
  else if (localName === null && draft.localName.trim().toLowerCase() === draft.remoteName.trim().toLowerCase()) {
    // Both sides show these names side by side; two equal names make every later screen ambiguous.
    errors.remoteName = messages.shortNamesMustDiffer;
  }
  if (connectionName !== null) errors.connectionName = connectionName;
  if (description !== null) errors.description = description;
  return errors;
}

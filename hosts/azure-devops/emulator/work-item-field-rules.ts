import type { AzureDevOpsEmulatorState } from './azure-devops-emulator-state';
import { refused, succeeded, type EmulatorOutcome } from './emulator-failure';
import { identityFields, readOnlyFields, workItemStates } from './work-item-records';

/** What the rules need to know about the work item a value is written to. */
export interface FieldContext {
  readonly state: AzureDevOpsEmulatorState;
  readonly projectName: string;
}

/** Friendly names in rule errors, as Azure DevOps words them ("Rule Error for field Title"). */
const friendlyNames: Readonly<Record<string, string>> = {
  'System.Title': 'Title',
  'System.State': 'State',
  'System.AssignedTo': 'Assigned To',
  'Microsoft.VSTS.Common.Priority': 'Priority',
  'System.AreaPath': 'Area Path',
  'System.IterationPath': 'Iteration Path',
};

const referenceNamePattern = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)+$/;

function ruleError(field: string, codes: string): EmulatorOutcome<never> {
  return refused(400, 'RuleValidationException', `TF401320: Rule Error for field ${friendlyNames[field] ?? field}. Error code: ${codes}.`);
}

/**
 * Checks and normalises one value written through a JSON Patch `add`/`replace`, the way the
 * process rules of an Agile project would. Returns the value to store (undefined clears it).
 */
export function normaliseFieldValue(field: string, value: unknown, context: FieldContext): EmulatorOutcome<unknown> {
  if (!referenceNamePattern.test(field)) return refused(400, 'FieldNotFoundException', `TF51535: Cannot find field ${field}.`);
  if (readOnlyFields.has(field)) return refused(400, 'RuleValidationException', `TF401326: Invalid field status 'ReadOnly' for field '${field}'.`);
  if (value === null || value === undefined) return succeeded(undefined);

  if (identityFields.has(field)) {
    if (typeof value !== 'string') return ruleError(field, 'ValidIdentity');
    if (value.trim() === '') return succeeded(undefined);
    // Accepts "email", "Display Name <email>" and a display name, as the service resolves identities.
    const email = /<([^>]+)>\s*$/.exec(value)?.[1] ?? value;
    const user =
      context.state.findUserByEmail(email) ?? context.state.users.find((candidate) => candidate.displayName.toLowerCase() === value.trim().toLowerCase());
    if (user === undefined)
      return refused(
        400,
        'RuleValidationException',
        `TF401320: Rule Error for field ${friendlyNames[field] ?? field}. Error code: ValidIdentity. The identity value '${value}' is an unknown identity.`,
      );
    return succeeded(user.email);
  }

  switch (field) {
    case 'System.Title':
      if (typeof value !== 'string' || value.trim() === '') return ruleError(field, 'Required, InvalidEmpty');
      if (value.length > 255) return ruleError(field, 'InvalidTooLong');
      return succeeded(value);
    case 'System.State':
      if (typeof value !== 'string' || !workItemStates.some((state) => state === value)) return ruleError(field, 'LimitedToValues, AllowsOldValue');
      return succeeded(value);
    case 'Microsoft.VSTS.Common.Priority': {
      const priority = typeof value === 'string' ? Number(value) : value;
      if (typeof priority !== 'number' || !Number.isInteger(priority) || priority < 1 || priority > 4) return ruleError(field, 'LimitedToValues');
      return succeeded(priority);
    }
    case 'System.Tags': {
      if (typeof value !== 'string')
        return refused(400, 'VssPropertyValidationException', 'The value for field System.Tags must be a string of tags separated by semicolons.');
      // Azure DevOps keeps tags unique (case-insensitively) and answers them sorted, "; "-separated.
      const tags = [
        ...new Map(
          value
            .split(';')
            .map((tag) => tag.trim())
            .filter((tag) => tag !== '')
            .map((tag) => [tag.toLowerCase(), tag]),
        ).values(),
      ];
      return succeeded(tags.length === 0 ? undefined : tags.sort((left, right) => left.localeCompare(right)).join('; '));
    }
    case 'System.AreaPath':
    case 'System.IterationPath': {
      // Classification paths start with the project name: "Fabrikam Fiber\\Web".
      if (typeof value !== 'string' || !(value === context.projectName || value.startsWith(`${context.projectName}\\`))) {
        return refused(400, 'RuleValidationException', `TF401347: Invalid tree name given for work item, field '${field}'.`);
      }
      return succeeded(value);
    }
    default:
      return typeof value === 'object'
        ? refused(400, 'VssPropertyValidationException', `The value for field ${field} must be a string, number or boolean.`)
        : succeeded(value);
  }
}

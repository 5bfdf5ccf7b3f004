import { z } from 'zod';
import { connectionModes } from '../connection/connection';
import { validateConnectionName, validateDescription, validateShortName } from '../wizard/field-validation';
import { messages } from '../wizard/messages';

// Strict schemas for what the admin API owns: an unknown field is a mistake worth reporting.
// Field rules and their words come from the wizard, so the API refuses exactly what the wizard
// would, in the same words.
function checkedBy(validate: (value: string) => string | null) {
  return z
    .string()
    .max(10_000)
    .superRefine((value, context) => {
      const problem = validate(value);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    })
    .transform((value) => value.trim());
}

export const initiateRequestSchema = z
  .strictObject({
    destinationUrl: z.string().max(2000).nullable(),
    mode: z.enum(connectionModes),
    localName: checkedBy((value) => validateShortName(value, messages.localNameRequired)),
    remoteName: checkedBy((value) => validateShortName(value, messages.remoteNameRequired)),
    name: checkedBy(validateConnectionName),
    description: checkedBy(validateDescription).optional(),
    projectKey: z.string().trim().min(1, messages.projectRequired).max(200),
  })
  .refine((request) => request.localName.toLowerCase() !== request.remoteName.toLowerCase(), { message: messages.shortNamesMustDiffer, path: ['remoteName'] });

export const acceptRequestSchema = z.strictObject({
  // Generous on purpose: an oversized code is refused by the code reader with its own message.
  invitationCode: z.string().max(64 * 1024),
  projectKey: z.string().trim().min(1, messages.projectRequired).max(200),
});

export const inspectDestinationRequestSchema = z.strictObject({ url: z.string().max(2000) });
export const previewInvitationRequestSchema = z.strictObject({ invitationCode: z.string().max(64 * 1024) });
export const emptyRequestSchema = z.union([z.strictObject({}), z.undefined(), z.null()]);

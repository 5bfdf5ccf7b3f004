import { z } from 'zod';
import { connectionModes } from '../connection/connection';

// Strict schemas for what the admin API owns: an unknown field is a mistake worth reporting.
const shortName = z
  .string()
  .trim()
  .min(1, 'Enter a short name.')
  .max(40, 'Use at most 40 characters.')
  .regex(/^[A-Za-z0-9_-]+$/, "Use letters, digits, '-' or '_'.");

export const initiateRequestSchema = z.strictObject({
  destinationUrl: z.string().max(2000).nullable(),
  mode: z.enum(connectionModes),
  localName: shortName,
  remoteName: shortName,
  name: z.string().trim().min(1, 'Enter a connection name.').max(100).regex(/^[^\r\n]*$/, 'Use one line.'),
  description: z.string().max(1000).optional(),
  projectKey: z.string().trim().min(1, 'Choose a project for incoming sync.').max(200),
});

export const acceptRequestSchema = z.strictObject({
  // Generous on purpose: an oversized code is refused by the code reader with its own message.
  invitationCode: z.string().max(64 * 1024),
  projectKey: z.string().trim().min(1, 'Choose a project for incoming sync.').max(200),
});

export const inspectDestinationRequestSchema = z.strictObject({ url: z.string().max(2000) });
export const previewInvitationRequestSchema = z.strictObject({ invitationCode: z.string().max(64 * 1024) });
export const emptyRequestSchema = z.union([z.strictObject({}), z.undefined(), z.null()]);

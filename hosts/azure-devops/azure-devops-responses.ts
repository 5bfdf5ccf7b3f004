import { z } from 'zod';

/**
 * What the Azure DevOps adapter reads. Tolerant: unknown fields pass through and only what the
 * adapter uses is required. Names follow `definitions` of azure-devops-core.7.1.json.
 */

/** TeamProjectReference, inside the `{ count, value }` wrapper Azure DevOps puts around every list. */
export const projectListSchema = z.looseObject({
  count: z.number().int().nonnegative(),
  value: z.array(z.looseObject({ id: z.string(), name: z.string(), state: z.string().optional() })),
});

/** connectionData: who the token belongs to and which deployment answers. */
export const connectionDataSchema = z.looseObject({
  deploymentType: z.string().optional(),
  instanceId: z.string().optional(),
  authenticatedUser: z.looseObject({ providerDisplayName: z.string().optional() }).optional(),
});

/** The serialized VssServiceException Azure DevOps answers errors with. */
export const vssErrorSchema = z.looseObject({
  message: z.string().optional(),
  typeKey: z.string().optional(),
});

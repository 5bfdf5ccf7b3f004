import { z } from 'zod';

/**
 * What the Jira Cloud adapter reads from REST v3 responses. Tolerant on purpose: Jira adds fields
 * without notice, so unknown fields pass through and only what the adapter uses is required.
 * Names follow `components.schemas` of the Jira Cloud platform v3 document.
 */

/** ServerInformation (`GET /rest/api/3/serverInfo`). */
export const serverInformationSchema = z.looseObject({
  baseUrl: z.string(),
  version: z.string(),
  deploymentType: z.string().optional(),
  serverTitle: z.string().optional(),
});

/** Project, as project search lists it. */
export const projectSchema = z.looseObject({
  id: z.string(),
  key: z.string(),
  name: z.string(),
});

/** PageBeanProject (`GET /rest/api/3/project/search`). */
export const projectPageSchema = z.looseObject({
  startAt: z.number().int().nonnegative(),
  maxResults: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().optional(),
  isLast: z.boolean().optional(),
  values: z.array(projectSchema),
});

// Issues, comments, users, search pages and ErrorCollection are shared with Server/DC: hosts/jira-rest.

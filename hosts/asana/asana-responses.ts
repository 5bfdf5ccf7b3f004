import { z } from 'zod';

/**
 * What the Asana adapter reads. Tolerant: unknown fields pass through and only what the adapter
 * uses is required. Names follow `components.schemas` of asana.yaml.
 */

/** `GET /users/me` with opt_fields=name,email (UserResponse inside `data`). */
export const currentUserSchema = z.looseObject({
  data: z.looseObject({ gid: z.string(), name: z.string().optional(), email: z.string().optional() }),
});

/** A compact named resource asked for with opt_fields=name (WorkspaceCompact, ProjectCompact). */
export const namedResourceSchema = z.looseObject({ gid: z.string(), name: z.string() });

export type NamedResource = z.infer<typeof namedResourceSchema>;

/** A list page: `data` plus `next_page` (NextPage: null on the last page, absent when unpaginated). */
export const namedResourcePageSchema = z.looseObject({
  data: z.array(namedResourceSchema),
  next_page: z.looseObject({ offset: z.string() }).nullable().optional(),
});

/** ErrorResponse, the body of Asana's 4xx and 5xx answers. */
export const errorResponseSchema = z.looseObject({
  errors: z.array(z.looseObject({ message: z.string().optional() })).optional(),
});

import { z } from 'zod';

// Strict, like every schema of the admin API: an unknown field is a mistake worth reporting.

export const saveTrackerTokenRequestSchema = z.strictObject({
  baseUrl: z.string().trim().min(1, 'Enter the Jira base URL, such as https://jira.example.com (with any context path, such as /jira).').max(2000),
  // Jira DC personal access tokens are 44 characters; the limit only stops abuse.
  token: z.string().trim().min(1, 'Enter a personal access token (in Jira: your profile → Personal Access Tokens).').max(2000),
});

export const startSignInRequestSchema = z.union([
  z.strictObject({
    /** The console page to come back to after signing in (same origin as the node). */
    returnTo: z.string().max(2000).optional(),
  }),
  z.undefined(),
  z.null(),
]);

export const chooseWorkspaceRequestSchema = z.strictObject({
  gid: z
    .string()
    .trim()
    .regex(/^\d{1,30}$/, 'Choose a workspace from the list (its gid is a number).'),
});

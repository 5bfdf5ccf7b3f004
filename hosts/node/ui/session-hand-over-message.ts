import { z } from 'zod';

/**
 * What the end of Jira's entry (hosts/node/jira-server-entry/session-hand-over-page.ts) posts to the
 * issue panel that opened it: the console session for that issue's panel. Checked with zod, as any
 * message a window receives may come from elsewhere.
 */
export const sessionHandOverMessageType = 'exalate-jira-server-session';

export const sessionHandOverMessageSchema = z.object({
  type: z.literal(sessionHandOverMessageType),
  issueKey: z.string().min(1),
  session: z.string().startsWith('jds1.'),
});

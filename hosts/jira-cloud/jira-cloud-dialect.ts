import { adfToRichText, richTextToAdf } from '../../core/rich-text/adf';
import type { TrackerHttpClient } from '../tracker-http';
import { jiraTokenSearchPageSchema, type JiraDialect } from '../jira-rest';

/**
 * What is Cloud about Jira Cloud REST v3: rich text is ADF, people are accountIds (emails may be
 * hidden by privacy settings), search is the enhanced `GET /rest/api/3/search/jql` paged by
 * `nextPageToken` (the old `/rest/api/3/search` was removed in 2025), and attachment content comes
 * from `/rest/api/3/attachment/content/{id}` (`redirect=false` answers with the bytes instead of a
 * 303 to the media service).
 */
export const jiraCloudDialect: JiraDialect = {
  tracker: 'jira-cloud',
  trackerName: 'Jira Cloud',
  advice: {
    unauthorized:
      "Create a new API token at https://id.atlassian.com/manage-profile/security/api-tokens for the account the node works as, and save it with that account's email in this node's Jira Cloud settings.",
    forbiddenAdvice:
      "Give the node's account the Browse projects permission on the projects to sync, and Edit issues, Transition issues, Add comments and Create attachments on those it writes to.",
    checkAddress: 'Check that the Jira site URL is the address you open Jira at, such as https://your-domain.atlassian.net, and that this machine can open it.',
    rateLimitAdvice: 'Jira Cloud limits requests per site and per issue; the node slows down by itself.',
    outageAdvice: 'If it keeps happening, check https://jira-software.status.atlassian.com.',
  },
  api: '/rest/api/3',
  readText: (value) => adfToRichText(value),
  writeText: (document, mentions) =>
    richTextToAdf(document, { accountIdOf: (mention) => (mention.email === undefined ? undefined : mentions.get(mention.email.toLowerCase())?.id) }),
  readUser: (user) => ({ id: user.accountId ?? '', email: user.emailAddress ?? null, displayName: user.displayName ?? user.accountId ?? '' }),
  userReference: (user) => ({ accountId: user.id }),
  userSearchQuery: (email) => ({ query: email }),
  jqlSearch: 'enhanced',
  async searchPage(client: TrackerHttpClient, jql, cursor, limit) {
    // Jira Cloud returns at most 5,000 ids, or 100 issues with fields, per page.
    const page = await client.json(
      {
        path: '/rest/api/3/search/jql',
        query: { jql, maxResults: Math.min(Math.max(limit, 1), 100), fields: 'created', nextPageToken: cursor ?? undefined },
        action: 'search issues with JQL',
      },
      jiraTokenSearchPageSchema,
    );
    const token = page.nextPageToken ?? null;
    return { keys: page.issues.map((issue) => issue.key ?? issue.id), nextCursor: page.isLast === true ? null : token };
  },
  downloadAttachment: (client, attachmentId) =>
    client.bytes({
      path: `/rest/api/3/attachment/content/${encodeURIComponent(attachmentId)}`,
      query: { redirect: false },
      action: `download attachment ${attachmentId}`,
    }),
};

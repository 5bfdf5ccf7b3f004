import { ExalateError } from '../../core';
import { richTextToWikiMarkup, wikiMarkupToRichText } from '../../core/rich-text/wiki-markup';
import type { TrackerHttpClient } from '../tracker-http';
import { jiraAttachmentSchema, jiraOffsetSearchPageSchema, type JiraDialect } from '../jira-rest';

/**
 * What is Server/DC about Jira REST v2: rich text is wiki markup, people are usernames (`name`,
 * which issue fields take as `{ name }`; the port's user id is the username), search is
 * `GET /rest/api/2/search` paged by startAt with a total, and attachment content comes from the
 * `content` URL of the attachment (the `/secure/attachment/{id}/{filename}` servlet).
 */
export const jiraServerDialect: JiraDialect = {
  tracker: 'jira-server',
  trackerName: 'Jira',
  advice: {
    unauthorized:
      "Create a new personal access token in Jira (your profile → Personal Access Tokens, Jira 8.14 or later) and save it in this node's Jira Server settings.",
    forbiddenAdvice:
      "Give the token's user the Browse projects permission on the projects to sync, and Edit issues, Transition issues, Add comments and Create attachments on those it writes to.",
    // A single sign-on gateway that redirects REST calls to its login page produces the "not Jira" answers.
    checkAddress:
      'Check the Jira base URL (including any context path such as /jira), that this machine can open it, and that single sign-on does not redirect REST calls with a personal access token to a login page.',
    rateLimitAdvice: "A Jira administrator can exempt the node's user under System → Rate limiting.",
    outageAdvice: "If it keeps happening, look at Jira's atlassian-jira.log.",
  },
  api: '/rest/api/2',
  readText: (value) => wikiMarkupToRichText(typeof value === 'string' ? value : ''),
  writeText: (document, mentions) =>
    richTextToWikiMarkup(document, { usernameOf: (mention) => (mention.email === undefined ? undefined : mentions.get(mention.email.toLowerCase())?.id) }),
  readUser: (user) => ({ id: user.name ?? user.key ?? '', email: user.emailAddress ?? null, displayName: user.displayName ?? user.name ?? '' }),
  userReference: (user) => ({ name: user.id }),
  // Server/DC's `username` matches usernames, display names and email addresses.
  userSearchQuery: (email) => ({ username: email }),
  jqlSearch: 'offset',
  async searchPage(client: TrackerHttpClient, jql, cursor, limit) {
    const startAt = cursor === null ? 0 : Number(cursor);
    if (!Number.isInteger(startAt) || startAt < 0)
      throw new ExalateError('invalid_request', `"${cursor}" is not a Jira search cursor; pass back the nextCursor of the previous page.`);
    const page = await client.json(
      {
        path: '/rest/api/2/search',
        query: { jql, startAt, maxResults: Math.min(Math.max(limit, 1), 100), fields: 'created' },
        action: 'search issues with JQL',
      },
      jiraOffsetSearchPageSchema,
    );
    const next = page.startAt + page.issues.length;
    return { keys: page.issues.map((issue) => issue.key), nextCursor: page.issues.length > 0 && next < page.total ? String(next) : null };
  },
  async downloadAttachment(client, attachmentId) {
    const attachment = await client.json(
      { path: `/rest/api/2/attachment/${encodeURIComponent(attachmentId)}`, action: `read attachment ${attachmentId}` },
      jiraAttachmentSchema,
    );
    // `content` is absolute and built from Jira's configured base URL, which may not be the address
    // the node uses: only its path is kept.
    const servlet = `/secure/attachment/${encodeURIComponent(attachmentId)}/${encodeURIComponent(attachment.filename)}`;
    const contentPath =
      attachment.content === undefined ? servlet : new URL(attachment.content).pathname.replace(new URL(client.baseUrl).pathname.replace(/\/+$/, ''), '');
    return client.bytes({ path: contentPath.startsWith('/secure/attachment/') ? contentPath : servlet, action: `download attachment ${attachmentId}` });
  },
};

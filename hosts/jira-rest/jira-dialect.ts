import type { ItemSearchPage, RichText, TrackerUser } from '../../core';
import type { TrackerHttpClient, TrackerMessages } from '../tracker-http';
import type { JiraUser } from './jira-rest-responses';

/** People a document mentions, by email, as the tracker knows them (found before writing). */
export type MentionDirectory = ReadonlyMap<string, TrackerUser>;

/**
 * Where Jira Cloud (REST v3) and Jira Server/DC (REST v2) differ, so that one set of item
 * operations serves both. Everything else (paths under the API root, field names, transitions,
 * comments, attachments, ErrorCollection) is the same resource in both.
 */
export interface JiraDialect {
  readonly tracker: 'jira-cloud' | 'jira-server';
  /** How messages name the tracker: "Jira Cloud", "Jira". */
  readonly trackerName: string;
  /** What an admin is told to do when a call fails: where credentials come from, which permissions, where to look. */
  readonly advice: Pick<TrackerMessages, 'unauthorized' | 'forbiddenAdvice' | 'checkAddress' | 'rateLimitAdvice' | 'outageAdvice'>;
  /** `/rest/api/3` or `/rest/api/2`. */
  readonly api: string;
  /** Rich text as Jira sent it (ADF on v3, wiki markup on v2) to the neutral model. */
  readText(value: unknown): RichText;
  /** The neutral model to what Jira takes (ADF document on v3, wiki markup string on v2). */
  writeText(document: RichText, mentions: MentionDirectory): unknown;
  /** A person as the port sees them; the id is what `userReference` takes back. */
  readUser(user: JiraUser): TrackerUser;
  /** How an issue field names a person: `{ accountId }` on Cloud, `{ name }` on Server/DC. */
  userReference(user: TrackerUser): Readonly<Record<string, string>>;
  /** The query of `user/search` for an email: Cloud `query`, Server/DC `username` (which matches emails too). */
  userSearchQuery(email: string): Readonly<Record<string, string>>;
  /**
   * Which JQL search the site offers. `enhanced`: Cloud's `search/jql`, paged by nextPageToken and
   * eventually consistent (it may miss a change made a moment ago, except in the issues a POST
   * names in `reconcileIssues`). `offset`: Server/DC's `search`, paged by startAt with a total.
   */
  readonly jqlSearch: 'enhanced' | 'offset';
  /** One page of keys for a JQL query: Cloud enhanced search (tokens), Server/DC search (offsets). */
  searchPage(client: TrackerHttpClient, jql: string, cursor: string | null, limit: number): Promise<ItemSearchPage>;
  /** The bytes of an attachment. */
  downloadAttachment(client: TrackerHttpClient, attachmentId: string): Promise<Uint8Array>;
}

import { plainTextOf, type TrackerItem, type TrackerKind } from '../../../core';
import { escapeHtml } from './html';

// What the item pages share: the context each page is drawn from, and the comments list several
// pages show. Its own module, so the pages and the registry listing them (item-pages.ts) import it
// and not one another.

/** What every item page gets: the item, the way back, the edit controls, and the instance's node. */
export interface ItemPageContext {
  readonly instanceId: string;
  readonly instanceTitle: string;
  readonly tracker: TrackerKind;
  readonly item: TrackerItem;
  /** The sandbox page listing the item's project. */
  readonly projectPage: string;
  /** The form controls that change the summary and the status and add a comment (renderEditControls). */
  readonly editControls: string;
  /** A line saying what the last edit did, or null. */
  readonly notice: string | null;
  readonly adminApi: string;
  readonly adminToken: string;
}

/** Renders one item as its host shows it (Jira's issue view, Azure DevOps' work item form, Asana's task pane), with Exalate's surface inside. */
export type ItemPageRenderer = (context: ItemPageContext) => string;

/** The comments as text, newest last, for pages that show them. */
export function renderComments(item: TrackerItem): string {
  if (item.comments.length === 0) return '<p>No comments yet.</p>';
  return `<ol class="item-comments">${item.comments.map((comment) => `<li><strong>${escapeHtml(comment.author?.displayName ?? 'Someone')}</strong>: ${escapeHtml(plainTextOf(comment.body))}</li>`).join('')}</ol>`;
}

import type { TrackerItem, TrackerKind } from '../../../core';
import { renderAsanaTaskPage } from './asana-item-page';
import { azureDevOpsItemPage } from './azure-devops-item-page';
import { escapeHtml } from './html';
import { renderComments, type ItemPageContext, type ItemPageRenderer } from './item-page-context';
import { jiraCloudItemPage } from './jira-cloud-item-page';
import { jiraServerItemPage } from './jira-server-item-page';

/**
 * The item page of each tracker, registered here with one line each; a tracker without one shows
 * the plain page. `/sandbox.json` publishes each instance's item page as `itemPage`.
 */
const itemPageRenderers: Partial<Record<TrackerKind, ItemPageRenderer>> = {
  'jira-cloud': jiraCloudItemPage,
  asana: renderAsanaTaskPage,
  'azure-devops': azureDevOpsItemPage,
  'jira-server': jiraServerItemPage,
};

export function renderItemPage(context: ItemPageContext): string {
  return (itemPageRenderers[context.tracker] ?? plainItemPage)(context);
}

/**
 * Change the summary, change the status, add a comment: plain forms posting to the sandbox, which
 * writes through the tracker's REST API as a person would, so the change events flow as usual.
 */
export function renderEditControls(itemPage: string, item: TrackerItem): string {
  const action = (path: string) => escapeHtml(`${itemPage}/${path}`);
  return `<section class="item-edit" aria-label="Edit this item">
  <form method="post" action="${action('summary')}"><label for="edit-summary">Summary</label> <input id="edit-summary" name="summary" required maxlength="255" value="${escapeHtml(item.summary)}"> <button type="submit">Save summary</button></form>
  <form method="post" action="${action('status')}"><label for="edit-status">Status</label> <input id="edit-status" name="status" required maxlength="100" value="${escapeHtml(item.status)}"> <button type="submit">Change status</button></form>
  <form method="post" action="${action('comments')}"><label for="edit-comment">Comment</label> <textarea id="edit-comment" name="comment" required maxlength="10000" rows="2"></textarea> <button type="submit">Add comment</button></form>
</section>`;
}

/** The page of a tracker whose host view the sandbox does not draw (yet): the item and its edit controls. */
function plainItemPage(context: ItemPageContext): string {
  const { item } = context;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${escapeHtml(item.key)}: ${escapeHtml(item.summary)} - ${escapeHtml(context.instanceTitle)}</title>
<style>body{font:14px/1.5 system-ui,sans-serif;margin:24px 32px;color:#172b4d}form{margin:8px 0}label{display:inline-block;min-width:90px;font-weight:600}a{color:#0c66e4}</style></head>
<body><main><p><a href="${escapeHtml(context.projectPage)}">← ${escapeHtml(context.instanceTitle)}: project ${escapeHtml(item.projectKey)}</a></p>
<h1>${escapeHtml(item.key)}: ${escapeHtml(item.summary)}</h1>
${context.notice ? `<p role="status">${escapeHtml(context.notice)}</p>` : ''}
<p>Status: <strong>${escapeHtml(item.status)}</strong> · Type: ${escapeHtml(item.type)}</p>
${context.editControls}
<h2>Comments</h2>${renderComments(item)}</main></body></html>`;
}

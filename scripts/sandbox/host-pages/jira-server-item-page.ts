import { plainTextOf } from '../../../core';
import { renderIssuePanelTemplate } from '../../../manifests/jira-server/plugin-descriptor';
import { adminBasePath } from '../../../hosts/node/node-routes';
import { escapeHtml } from './html';
import { renderComments, type ItemPageContext } from './item-page-context';
import { jiraDataCenterPage, type JiraDataCenterSite } from './jira-server-pages';

/** Where the sandbox mounts an instance's Jira DC pages (create-sandbox.ts), signed in as its administrator. */
const jiraDataCenterSite = (context: ItemPageContext): JiraDataCenterSite => ({
  base: `/${context.instanceId}/jira`,
  title: context.instanceTitle,
  userName: 'Jira Administrator',
});

const styles = `<style>
  .issue-header { background: #fff; padding: 16px 24px 8px; border-bottom: 1px solid #dfe1e6; }
  .issue-header .breadcrumbs { margin: 0 0 4px; color: #5e6c84; }
  .issue-header h1 { font-size: 24px; font-weight: 500; margin: 0 0 12px; }
  .issue-toolbar { display: flex; gap: 4px; flex-wrap: wrap; }
  .issue-toolbar a { display: inline-block; background: #f4f5f7; color: #42526e; border-radius: 3px; padding: 4px 10px; text-decoration: none; }
  .issue-body { display: flex; gap: 24px; padding: 16px 24px; align-items: flex-start; }
  .issue-body .main-column { flex: 1; min-width: 0; background: #fff; padding: 0 0 16px; }
  .issue-body aside { width: 400px; flex: none; }
  .module { margin-bottom: 16px; }
  .module h2 { font-size: 14px; font-weight: 600; color: #172b4d; margin: 0 0 8px; padding-bottom: 4px; border-bottom: 1px solid #dfe1e6; }
  .property-list { display: grid; grid-template-columns: 120px 1fr; gap: 4px 12px; margin: 0; }
  .property-list dt { color: #5e6c84; }
  .property-list dd { margin: 0; }
  .item-edit form { display: flex; gap: 8px; align-items: center; margin: 8px 0; }
  .item-edit label { width: 90px; color: #5e6c84; }
  .item-edit input, .item-edit textarea { flex: 1; max-width: 420px; border: 1px solid #dfe1e6; border-radius: 3px; padding: 4px 6px; font: inherit; background: #fafbfc; }
  .item-edit button { height: 30px; border: 0; border-radius: 3px; background: #f4f5f7; color: #42526e; padding: 0 10px; font: inherit; cursor: pointer; }
  .item-edit button:focus-visible, .item-edit input:focus-visible, .item-edit textarea:focus-visible { outline: 2px solid #4c9aff; outline-offset: 1px; }
  .web-panel { background: #fff; border: 1px solid #dfe1e6; border-radius: 3px; }
  .web-panel h2 { font-size: 14px; font-weight: 600; margin: 0; padding: 8px 12px; border-bottom: 1px solid #dfe1e6; }
  .web-panel iframe { display: block; }
  .notice { background: #e3fcef; padding: 6px 10px; border-radius: 3px; }
</style>`;

/**
 * A Jira Data Center issue as Jira shows it (the issue view: breadcrumbs, summary, the operations bar,
 * Details, Description and Activity on the left, People and Dates on the right) with the Exalate
 * plugin's web panel at `atl.jira.view.issue.right.context`: its velocity view, as `npm run package`
 * writes it, with `$issue.key` filled in, framing the node's item surface page. The sandbox's own
 * edit controls sit in Details, so a person changes the issue as in Jira.
 */
export function jiraServerItemPage(context: ItemPageContext): string {
  const site = jiraDataCenterSite(context);
  const { item } = context;
  const nodeUrl = context.adminApi.slice(0, -adminBasePath.length);
  // Jira renders the panel's velocity template with the issue in `$issue`; `$!{issue.key}` is its key.
  const panel = renderIssuePanelTemplate(nodeUrl)
    .split('\n')
    .filter((line) => !line.startsWith('##'))
    .join('\n')
    .replace('$!{issue.key}', escapeHtml(encodeURIComponent(item.key)));
  const body = `${styles}<main style="padding:0;background:#f4f5f7">
<div class="issue-header">
  <p class="breadcrumbs"><a href="${escapeHtml(context.projectPage)}">${escapeHtml(item.projectKey)}</a> / <a href="${escapeHtml(context.projectPage)}" aria-current="page">${escapeHtml(item.key)}</a></p>
  <h1 id="issue-summary">${escapeHtml(item.summary)}</h1>
  <nav class="issue-toolbar" aria-label="Issue operations"><a href="#edit-summary">Edit</a><a href="#edit-comment">Comment</a><a href="#edit-status">Workflow</a></nav>
</div>
<div class="issue-body">
  <div class="main-column">
    ${context.notice ? `<p class="notice" role="status">${escapeHtml(context.notice)}</p>` : ''}
    <section class="module" aria-labelledby="details-title"><h2 id="details-title">Details</h2>
      <dl class="property-list"><dt>Type</dt><dd>${escapeHtml(item.type)}</dd><dt>Status</dt><dd id="issue-status">${escapeHtml(item.status)}</dd><dt>Priority</dt><dd>${escapeHtml(item.priority ?? 'None')}</dd></dl>
      ${context.editControls}
    </section>
    <section class="module" aria-labelledby="description-title"><h2 id="description-title">Description</h2><p>${escapeHtml(plainTextOf(item.description)) || 'Click to add description'}</p></section>
    <section class="module" aria-labelledby="activity-title"><h2 id="activity-title">Activity</h2>${renderComments(item)}</section>
  </div>
  <aside aria-label="Issue side panels">
    <section class="module" aria-labelledby="people-title"><h2 id="people-title">People</h2><dl class="property-list"><dt>Assignee</dt><dd>Unassigned</dd><dt>Reporter</dt><dd>Jira Administrator</dd></dl></section>
    <section class="module" aria-labelledby="dates-title"><h2 id="dates-title">Dates</h2><dl class="property-list"><dt>Updated</dt><dd>${escapeHtml(item.updated)}</dd></dl></section>
    <section class="web-panel" aria-labelledby="exalate-panel-title"><h2 id="exalate-panel-title">Exalate</h2>${panel}</section>
  </aside>
</div></main>`;
  return jiraDataCenterPage(site, `[${item.key}] ${item.summary}`, body);
}

import { plainTextOf } from '../../../core';
import { escapeHtml } from './html';
import { renderComments, type ItemPageContext } from './item-page-context';
import { page, type JiraSite } from './jira-pages';

/** Where the sandbox mounts an instance's Jira Cloud pages (instance-host-pages.ts). */
export const jiraCloudSite = (instanceId: string): JiraSite => ({ base: `/${instanceId}/jira`, siteName: 'acme' });

const styles = `<style>
  .issue { display: flex; gap: 32px; padding: 16px 40px; align-items: flex-start; }
  .issue .main { flex: 1; min-width: 0; }
  .issue aside { width: 380px; flex: none; }
  .breadcrumbs { color: #44546f; margin: 0 0 8px; }
  .issue h1 { font-size: 24px; font-weight: 500; margin: 0 0 12px; }
  .toolbar { display: flex; gap: 8px; position: relative; margin-bottom: 16px; }
  .toolbar .menu { right: auto; left: 0; top: 36px; width: 200px; }
  .toolbar button.more, .issue form button, .issue dialog button { height: 32px; border: 0; border-radius: 3px; background: #091e420f; color: #172b4d; padding: 0 10px; font: inherit; cursor: pointer; }
  .toolbar button.more:focus-visible, .issue form button:focus-visible { outline: 2px solid #388bff; outline-offset: 2px; }
  .menu button[role=menuitem] { display: block; width: 100%; text-align: left; background: none; border: 0; padding: 8px 16px; font: inherit; color: #172b4d; cursor: pointer; }
  .menu button[role=menuitem]:focus { background: #f1f2f4; outline: none; box-shadow: inset 2px 0 0 #0c66e4; }
  .item-edit form { display: flex; gap: 8px; align-items: center; margin: 8px 0; }
  .item-edit label { width: 90px; font-weight: 600; color: #44546f; }
  .item-edit input, .item-edit textarea { flex: 1; max-width: 420px; border: 2px solid #dcdfe4; border-radius: 3px; padding: 4px 6px; font: inherit; }
  .panel { border: 1px solid #dcdfe4; border-radius: 3px; }
  .panel h2 { font-size: 14px; margin: 0; padding: 10px 12px; border-bottom: 1px solid #dcdfe4; }
  .panel iframe { height: 460px; }
  .details dt { color: #44546f; font-size: 12px; font-weight: 600; margin-top: 8px; }
  .details dd { margin: 0; }
  dialog { border: 0; border-radius: 4px; padding: 0; width: 600px; max-width: 90vw; box-shadow: 0 8px 12px #091e4226, 0 0 1px #091e424f; }
  dialog::backdrop { background: #091e427d; }
  dialog iframe { height: min(720px, 88vh); }
  .notice { background: #dcfff1; padding: 6px 10px; border-radius: 3px; }
</style>`;

/**
 * A Jira Cloud issue as Jira shows it: the issue's summary, fields, description and comments, its
 * ••• menu with the app's issue action "Exalate" (opening its Custom UI in Jira's modal), and the
 * issue context panel "Exalate" on the right, each running the Custom UI that `npm run package`
 * ships (static/item) through the bridge shim. The sandbox's own edit controls sit in the issue's
 * fields, so a person changes the issue as in Jira.
 */
export function jiraCloudItemPage(context: ItemPageContext): string {
  const site = jiraCloudSite(context.instanceId);
  const { item } = context;
  const app = (moduleKey: string) => escapeHtml(`${site.base}/forge/exalate-item/index.html?moduleKey=${moduleKey}&issueKey=${encodeURIComponent(item.key)}`);
  const body = `${styles}<div class="issue"><main class="main">
  <p class="breadcrumbs"><a href="${escapeHtml(context.projectPage)}">Projects / ${escapeHtml(item.projectKey)}</a> / ${escapeHtml(item.key)}</p>
  <h1 id="issue-summary">${escapeHtml(item.summary)}</h1>
  <div class="toolbar">
    <button class="more" type="button" aria-label="More actions" aria-haspopup="menu" aria-expanded="false" aria-controls="issue-actions" data-menu-button>•••</button>
    <div class="menu" id="issue-actions" role="menu" aria-label="More actions" hidden><button type="button" role="menuitem" data-open-action>Exalate</button></div>
  </div>
  ${context.notice ? `<p class="notice" role="status">${escapeHtml(context.notice)}</p>` : ''}
  ${context.editControls}
  <h2>Description</h2><p>${escapeHtml(plainTextOf(item.description)) || 'Add a description…'}</p>
  <h2>Activity</h2>${renderComments(item)}
</main>
<aside>
  <dl class="details"><dt>Status</dt><dd id="issue-status">${escapeHtml(item.status)}</dd><dt>Type</dt><dd>${escapeHtml(item.type)}</dd><dt>Priority</dt><dd>${escapeHtml(item.priority ?? 'None')}</dd></dl>
  <section class="panel" aria-labelledby="exalate-panel-title"><h2 id="exalate-panel-title">Exalate</h2><iframe title="Exalate" src="${app('exalate-issue-panel')}"></iframe></section>
</aside></div>
<dialog id="exalate-action" aria-label="Exalate"><iframe title="Exalate this issue" data-source="${app('exalate-issue-action')}"></iframe></dialog>
<script>
  // Jira opens an issue action's Custom UI in its modal and closes it on view.close() (the shim posts it here).
  const dialog = document.getElementById('exalate-action');
  const frame = dialog.querySelector('iframe');
  const opener = document.querySelector('[data-menu-button]');
  document.querySelector('[data-open-action]').addEventListener('click', () => {
    document.getElementById('issue-actions').hidden = true;
    opener.setAttribute('aria-expanded', 'false');
    frame.src = frame.dataset.source;
    dialog.showModal();
    frame.addEventListener('load', () => frame.focus(), { once: true });
  });
  const close = () => { if (dialog.open) dialog.close(); frame.src = 'about:blank'; opener.focus(); };
  dialog.addEventListener('cancel', (event) => { event.preventDefault(); close(); });
  window.addEventListener('message', (event) => { if (event.origin === location.origin && event.data && event.data.type === 'exalate-forge-close') close(); });
</script>`;
  return page(site, `${item.key}: ${item.summary}`, body);
}

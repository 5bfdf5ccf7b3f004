import { plainTextOf } from '../../../core';
import { itemSurfaceWords } from '../../../hosts/console-kit/item-surface-words';
import { appComponentPaths } from '../../../hosts/asana/app-components/app-component-addresses';
import { appComponentRequestLifetimeMs } from '../../../hosts/asana/emulator/app-component-calls';
import { asanaSampleOAuthClient } from '../../../hosts/asana/emulator';
import { adminBasePath } from '../../../hosts/node/node-routes';
import { escapeHtml } from './html';
import { renderComments, type ItemPageContext } from './item-page-context';

const words = itemSurfaceWords('asana');

/**
 * Asana's task pane, as the sandbox draws it: the task's name, fields, description and comments,
 * its edit controls, and below them the task's apps, where Asana shows Exalate as Asana shows every
 * app component: a widget card per Exalate attachment, and the Exalate entry point opening the
 * modal form. The page plays Asana's web app: it asks the instance's node (its app server) for the
 * widget and the form exactly as Asana does, each request signed with the sandbox app's client
 * secret (HMAC-SHA256 over the query string or the body's `data`, with an `expires_at` a minute
 * ahead), and draws the answers natively. Attachments are kept in this browser, as Asana keeps them
 * on the task.
 */
export function renderAsanaTaskPage(context: ItemPageContext): string {
  const { item } = context;
  const appServer = context.adminApi.endsWith(adminBasePath) ? context.adminApi.slice(0, -adminBasePath.length) : context.adminApi;
  const settings = {
    appServer,
    clientSecret: asanaSampleOAuthClient.clientSecret,
    task: item.key,
    storageKey: `exalate-sandbox-asana-attachments:${context.instanceId}:${item.key}`,
    lifetimeMs: appComponentRequestLifetimeMs,
    paths: appComponentPaths,
    words: { refresh: words.refresh, cancel: words.cancel, noTwins: words.noTwins, submit: 'Submit', loading: words.loading, neverSynced: words.neverSynced },
  };
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>${escapeHtml(item.summary)} - ${escapeHtml(context.instanceTitle)}</title>
<style>${styles}</style></head>
<body>
<header class="topbar"><a class="brand" href="${escapeHtml(context.projectPage)}">asana</a><nav aria-label="Task"><a href="${escapeHtml(context.projectPage)}">← Project ${escapeHtml(item.projectKey)}</a></nav></header>
<main class="pane" aria-labelledby="task-name">
  <div class="toolbar"><span class="complete" aria-hidden="true">✓</span> <span class="task-id">Task ${escapeHtml(item.key)}</span></div>
  <h1 id="task-name">${escapeHtml(item.summary)}</h1>
  ${context.notice ? `<p role="status" class="notice">${escapeHtml(context.notice)}</p>` : ''}
  <dl class="fields">
    <dt>Assignee</dt><dd>${escapeHtml(item.assignee?.displayName ?? 'No assignee')}</dd>
    <dt>Projects</dt><dd><span class="chip">${escapeHtml(item.projectKey)}</span></dd>
    <dt>Status</dt><dd>${escapeHtml(item.status)}</dd>
    <dt>Description</dt><dd>${escapeHtml(plainTextOf(item.description) || 'What is this task about?')}</dd>
  </dl>
  <section class="apps" aria-labelledby="apps-heading">
    <div class="apps-head"><h2 id="apps-heading">Apps</h2>
      <button type="button" id="exalate-entry" class="entry" aria-haspopup="dialog">${escapeHtml(words.actionLabel)}</button>
      <button type="button" id="widgets-refresh" class="subtle">${escapeHtml(words.refresh)}</button></div>
    <p id="app-status" role="status" class="app-status"></p>
    <div id="widgets" aria-live="polite"></div>
  </section>
  <section class="edit" aria-labelledby="edit-heading"><h2 id="edit-heading">Edit</h2>${context.editControls}</section>
  <section aria-labelledby="comments-heading"><h2 id="comments-heading">Comments</h2>${renderComments(item)}</section>
</main>
<dialog id="exalate-dialog" aria-labelledby="form-title"><form id="exalate-form" method="dialog" novalidate><h2 id="form-title">${escapeHtml(words.dialogTitle)}</h2><div id="form-fields"></div><p id="form-error" class="error" role="alert"></p>
<div class="actions"><button type="button" id="form-cancel" class="subtle">${escapeHtml(words.cancel)}</button> <button type="submit" id="form-submit" class="primary">Submit</button></div></form></dialog>
<script type="application/json" id="asana-settings">${JSON.stringify(settings).replace(/</g, '\\u003c')}</script>
<script>${pageScript}</script>
</body></html>`;
}

const styles = `
body{margin:0;font:14px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,sans-serif;color:#1e1f21;background:#f9f8f8}
.topbar{display:flex;align-items:center;gap:24px;padding:10px 24px;background:#2e2e30;color:#fff}.topbar a{color:#fff}.brand{font-weight:700;font-size:18px;text-decoration:none;letter-spacing:.5px}
.pane{max-width:760px;margin:24px auto;background:#fff;border:1px solid #e0e0e0;border-radius:8px;padding:20px 28px}
.toolbar{color:#6d6e6f;font-size:13px}.complete{display:inline-block;border:1px solid #6d6e6f;border-radius:4px;padding:0 6px}
h1{font-size:24px;font-weight:500;margin:12px 0}h2{font-size:16px;font-weight:500;margin:20px 0 8px}
.fields{display:grid;grid-template-columns:120px 1fr;gap:8px 16px;margin:0}.fields dt{color:#6d6e6f}.fields dd{margin:0}
.chip{background:#edeae9;border-radius:12px;padding:1px 8px}.notice,.app-status{color:#1e6e4a}
.apps-head{display:flex;align-items:center;gap:12px}.apps-head h2{margin-right:auto}
button{font:inherit;border-radius:6px;padding:5px 12px;cursor:pointer}button:focus-visible,a:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:2px solid #4573d2;outline-offset:2px}
.primary,.entry{background:#4573d2;border:1px solid #4573d2;color:#fff}.primary:disabled{background:#c5cbd8;border-color:#c5cbd8;color:#3d4046;cursor:not-allowed}.subtle{background:#fff;border:1px solid #cfcbcb;color:#1e1f21}
.widget{border:1px solid #e0e0e0;border-radius:8px;padding:12px 16px;margin:12px 0;box-shadow:0 1px 2px rgba(0,0,0,.06)}
.widget h3{margin:0;font-size:15px;font-weight:600}.widget h3 a{color:#1e1f21}.widget .subtitle{color:#6d6e6f;font-size:12px;margin:2px 0 8px}
.widget dl{display:grid;grid-template-columns:120px 1fr;gap:4px 12px;margin:0}.widget dt{color:#6d6e6f}.widget dd{margin:0}.widget .footer{color:#6d6e6f;font-size:12px;border-top:1px solid #edeae9;margin-top:10px;padding-top:6px}
.pill{border-radius:10px;padding:1px 8px;font-size:12px;font-weight:600}.pill-green{background:#c7f0d9;color:#0d5c36}.pill-blue{background:#d6e4fb;color:#123f8a}.pill-red{background:#fbd3d3;color:#8a1414}.pill-cool-gray,.pill-none{background:#e6e8ec;color:#3d4046}
dialog{border:none;border-radius:8px;padding:24px 28px;width:min(520px,90vw);box-shadow:0 8px 32px rgba(0,0,0,.3)}dialog::backdrop{background:rgba(30,31,33,.5)}
dialog fieldset{border:none;padding:0;margin:12px 0}dialog legend,dialog label.field{font-weight:600;display:block;margin:12px 0 4px}dialog .option{display:block;margin:4px 0}dialog .sub{color:#6d6e6f;font-size:12px;margin-left:4px}
dialog select,dialog input[type=text]{font:inherit;width:100%;box-sizing:border-box;padding:6px 8px;border:1px solid #cfcbcb;border-radius:6px}
.error{color:#b3261e}.actions{display:flex;justify-content:flex-end;gap:8px;margin-top:16px}.static-header{font-weight:600}
.edit form{margin:8px 0}.edit label{display:inline-block;min-width:90px;font-weight:600}
`;

/** The page's own script: Asana's side of the app components, in the browser. */
const pageScript = `(() => {
const settings = JSON.parse(document.getElementById('asana-settings').textContent);
// As the console kit's formatSyncedAt: "2026-11-23 09:41" in the browser's time zone.
const formatSyncedAt = (iso) => { const date = new Date(iso); if (Number.isNaN(date.getTime())) return iso; const pad = (value) => String(value).padStart(2, '0'); return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate()) + ' ' + pad(date.getHours()) + ':' + pad(date.getMinutes()); };
const widgets = document.getElementById('widgets');
const appStatus = document.getElementById('app-status');
const dialog = document.getElementById('exalate-dialog');
const formFields = document.getElementById('form-fields');
const formError = document.getElementById('form-error');
const submitButton = document.getElementById('form-submit');
let form = null;
const encoder = new TextEncoder();
const keyPromise = crypto.subtle.importKey('raw', encoder.encode(settings.clientSecret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
async function sign(text) {
  const signature = await crypto.subtle.sign('HMAC', await keyPromise, encoder.encode(text));
  return [...new Uint8Array(signature)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
const base = { workspace: 'sandbox-workspace', user: 'sandbox-user', task: settings.task };
async function call(method, url, fields) {
  const all = { ...base, ...fields, expires_at: new Date(Date.now() + settings.lifetimeMs).toISOString() };
  if (method === 'GET') {
    const query = new URLSearchParams(Object.entries(all).map(([name, value]) => [name, String(value)])).toString();
    const response = await fetch(url + '?' + query, { headers: { 'x-asana-request-signature': await sign(query) } });
    return { status: response.status, body: await response.json().catch(() => null) };
  }
  const data = JSON.stringify(all);
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-asana-request-signature': await sign(data) }, body: JSON.stringify({ data }) });
  return { status: response.status, body: await response.json().catch(() => null) };
}
const attachments = () => JSON.parse(localStorage.getItem(settings.storageKey) || '[]');
function attach(resource) {
  const list = attachments().filter((each) => each.url !== resource.resource_url);
  list.push({ name: resource.resource_name, url: resource.resource_url, gid: String(Date.now()) });
  localStorage.setItem(settings.storageKey, JSON.stringify(list));
}
const element = (tag, attributes = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value === true ? '' : String(value));
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
};
function widgetCard(attachment, answer) {
  const card = element('article', { class: 'widget', 'aria-label': 'Exalate widget' });
  if (answer.status !== 200 || !answer.body || !answer.body.metadata) {
    card.append(element('p', { class: 'error' }, (answer.body && answer.body.error) || ('The app answered HTTP ' + answer.status + '.')));
    return card;
  }
  const metadata = answer.body.metadata;
  card.append(element('h3', {}, element('a', { href: attachment.url }, metadata.title)));
  if (metadata.subtitle) card.append(element('p', { class: 'subtitle' }, metadata.subtitle));
  const list = element('dl');
  for (const field of metadata.fields) {
    const value = field.type === 'pill' ? element('span', { class: 'pill pill-' + field.color }, field.text) : field.type === 'datetime_with_icon' ? element('time', { datetime: field.datetime, title: field.datetime }, formatSyncedAt(field.datetime)) : field.text;
    list.append(element('dt', {}, field.name), element('dd', {}, value));
  }
  card.append(list);
  const footer = metadata.footer;
  if (footer) card.append(element('p', { class: 'footer' }, footer.footer_type === 'custom_text' ? footer.text : 'Updated ' + formatSyncedAt(footer.last_updated_at || footer.created_at)));
  return card;
}
async function renderWidgets() {
  const list = attachments();
  if (list.length === 0) { widgets.replaceChildren(element('p', {}, settings.words.noTwins)); return; }
  const cards = [];
  for (const attachment of list) {
    const answer = await call('GET', settings.appServer + settings.paths.widgetMetadata, { resource_url: attachment.url, attachment: attachment.gid });
    cards.push(widgetCard(attachment, answer));
  }
  widgets.replaceChildren(...cards);
}
function valuesOf() {
  const values = {};
  for (const field of (form && form.metadata.fields) || []) {
    if (field.type === 'radio_button') { const checked = formFields.querySelector('input[name="' + field.id + '"]:checked'); if (checked) values[field.id] = checked.value; }
    else if (field.type === 'dropdown' || field.type === 'single_line_text') { const input = document.getElementById('field-' + field.id); if (input) values[field.id] = input.value; }
  }
  return values;
}
function renderForm(answer, focusId) {
  form = answer;
  formError.textContent = '';
  document.getElementById('form-title').textContent = form.metadata.title;
  const nodes = [];
  for (const field of form.metadata.fields) {
    const errorId = field.error ? 'error-' + field.id : undefined;
    const error = field.error ? element('p', { class: 'error', id: errorId }, field.error) : null;
    if (field.type === 'static_text') nodes.push(element('p', { class: field.style === 'header' ? 'static-header' : '' }, field.name));
    else if (field.type === 'radio_button') {
      // The group the person is moving through stays the same element: redrawing it would pull focus from under the arrow keys.
      const kept = formFields.querySelector('fieldset[data-field-id="' + field.id + '"]');
      if (kept && kept.getAttribute('data-options') === JSON.stringify(field.options)) {
        if (errorId) kept.setAttribute('aria-describedby', errorId); else kept.removeAttribute('aria-describedby');
        for (const radio of kept.querySelectorAll('input[type=radio]')) radio.checked = radio.value === field.value;
        nodes.push(kept, error);
        continue;
      }
      const set = element('fieldset', { 'aria-describedby': errorId, 'data-field-id': field.id, 'data-options': JSON.stringify(field.options) }, element('legend', {}, field.name));
      for (const option of field.options) {
        const id = 'field-' + field.id + '-' + option.id;
        set.append(element('label', { class: 'option', for: id }, element('input', { type: 'radio', id, name: field.id, value: option.id, checked: field.value === option.id, required: field.is_required, 'data-watched': field.is_watched }), ' ' + option.label, option.sub_label ? element('span', { class: 'sub' }, '— ' + option.sub_label) : null));
      }
      nodes.push(set, error);
    } else if (field.type === 'dropdown') {
      const select = element('select', { id: 'field-' + field.id, required: field.is_required, 'aria-describedby': errorId, 'data-watched': field.is_watched });
      for (const option of field.options) select.append(element('option', { value: option.id, selected: field.value === option.id }, option.label));
      nodes.push(element('label', { class: 'field', for: 'field-' + field.id }, field.name), select, error);
    } else if (field.type === 'single_line_text') {
      nodes.push(element('label', { class: 'field', for: 'field-' + field.id }, field.name), element('input', { type: 'text', id: 'field-' + field.id, value: field.value || '', placeholder: field.placeholder, required: field.is_required, 'aria-describedby': errorId, 'aria-invalid': field.error ? 'true' : undefined, 'data-watched': field.is_watched }), error);
    }
  }
  // In place, around a kept radio group: moving the focused element out of the page, even for a moment, would drop focus.
  const wanted = nodes.filter(Boolean);
  for (const child of [...formFields.children]) if (!wanted.includes(child)) child.remove();
  let previous = null;
  for (const node of wanted) {
    if (node.parentNode !== formFields || node.previousSibling !== previous) formFields.insertBefore(node, previous ? previous.nextSibling : formFields.firstChild);
    previous = node;
  }
  submitButton.disabled = !form.metadata.on_submit_callback;
  // After a change the person keeps their place; a new form (or one with an error) puts focus on what needs them.
  if (focusId && formFields.contains(document.activeElement)) return;
  const focus = formFields.querySelector('[aria-invalid="true"]') || formFields.querySelector('input:checked, select, input');
  if (focus) focus.focus();
}
// Only the answer to the latest change is drawn: arrowing through the radios sends one change per radio.
let changes = 0;
formFields.addEventListener('change', async (event) => {
  const target = event.target;
  if (!target.hasAttribute('data-watched') || !form || !form.metadata.on_change_callback) return;
  const changed = target.name || target.id.replace(/^field-/, '');
  const mine = ++changes;
  formFields.setAttribute('aria-busy', 'true');
  const answer = await call('POST', form.metadata.on_change_callback, { changed_field: changed, values: valuesOf() });
  if (mine !== changes) return;
  formFields.removeAttribute('aria-busy');
  if (answer.body && answer.body.metadata) renderForm(answer.body, changed); else formError.textContent = (answer.body && answer.body.error) || 'The app answered HTTP ' + answer.status + '.';
});
document.getElementById('exalate-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!form || !form.metadata.on_submit_callback) return;
  submitButton.disabled = true;
  const answer = await call('POST', form.metadata.on_submit_callback, { values: valuesOf() });
  if (answer.status === 200 && answer.body && answer.body.resource_url) {
    attach(answer.body);
    dialog.close();
    appStatus.textContent = answer.body.resource_name + ' is attached to this task.';
    document.getElementById('exalate-entry').focus();
    await renderWidgets();
    return;
  }
  if (answer.body && answer.body.metadata) renderForm(answer.body);
  else { submitButton.disabled = false; formError.textContent = (answer.body && answer.body.error) || 'The app answered HTTP ' + answer.status + '.'; }
});
document.getElementById('form-cancel').addEventListener('click', () => { dialog.close(); document.getElementById('exalate-entry').focus(); });
document.getElementById('exalate-entry').addEventListener('click', async () => {
  formFields.replaceChildren(element('p', {}, settings.words.loading));
  dialog.showModal();
  const answer = await call('GET', settings.appServer + settings.paths.formMetadata, {});
  if (answer.status === 200 && answer.body) renderForm(answer.body); else formError.textContent = (answer.body && answer.body.error) || 'The app answered HTTP ' + answer.status + '.';
});
document.getElementById('widgets-refresh').addEventListener('click', () => renderWidgets());
renderWidgets();
})();`;

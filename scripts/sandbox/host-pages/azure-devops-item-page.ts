import { plainTextOf } from '../../../core';
import { sandboxInstances } from '../sandbox-instances';
import { azureDevOpsOrganization } from '../sandbox-trackers';
import { azureDevOpsPage, type AzureDevOpsOrganization } from './azure-devops-pages';
import { escapeHtml, menuButtonScript } from './html';
import type { ItemPageContext } from './item-page-context';

/**
 * Azure DevOps' work item form as the sandbox shows it (the item page of an Azure DevOps
 * instance): the project's navigation, the form's header (type, id, title, State, the ⋯ menu with
 * the extension's "Exalate" action), its fields, the sandbox's edit controls, and the contributed
 * group "Exalate" in the form's right-hand column, whose iframe holds the unmodified group bundle.
 * The organization's SDK shim answers the bundles as the form would (the work item form service,
 * the host page layout service's dialog), and the node URL and app token come from the
 * organization's pages as the hub's do. Only Azure DevOps' chrome is imitated.
 */
export function azureDevOpsItemPage(context: ItemPageContext): string {
  const definition = sandboxInstances.find((candidate) => candidate.id === context.instanceId);
  const organization: AzureDevOpsOrganization = {
    base: `/${context.instanceId}/${azureDevOpsOrganization}`,
    name: azureDevOpsOrganization,
    isServer: definition?.public === false,
  };
  return azureDevOpsWorkItemPage(organization, context);
}

/** The colour bar Azure DevOps draws beside each work item type's name (Agile, Scrum and Basic processes). */
const typeColours: Readonly<Record<string, string>> = {
  Bug: '#cc293d',
  Task: '#f2cb1d',
  'User Story': '#009ccc',
  'Product Backlog Item': '#009ccc',
  Feature: '#773b93',
  Epic: '#ff7b00',
  Issue: '#b4009e',
};

const formStyles = `
  .project-nav li a { padding-left: 16px; }
  .project-nav .sub a { padding-left: 36px; }
  main.work-item { padding: 0; background: #fff; display: flex; flex-direction: column; }
  .form-header { padding: 12px 20px 8px; border-left: 6px solid var(--type-colour); border-bottom: 1px solid #eaeaea; }
  .form-header .kind { font-size: 12px; font-weight: 600; text-transform: uppercase; color: rgba(0,0,0,.62); letter-spacing: .02em; }
  .form-header h1 { font-size: 20px; font-weight: 600; margin: 4px 0 10px; }
  .form-header .row { display: flex; align-items: center; gap: 24px; flex-wrap: wrap; }
  .field-inline { display: flex; gap: 8px; align-items: baseline; }
  .field-inline dt, .fields dt { color: rgba(0,0,0,.62); font-size: 12px; }
  .field-inline dd, .fields dd { margin: 0; }
  .toolbar { margin-left: auto; position: relative; display: flex; gap: 8px; }
  .toolbar button { font: inherit; border: 1px solid transparent; background: transparent; border-radius: 2px; padding: 5px 10px; cursor: pointer; }
  .toolbar .primary { background: #0078d4; color: #fff; }
  .toolbar button:hover { background: rgba(0,0,0,.06); }
  .toolbar .primary:hover { background: #106ebe; }
  .toolbar .menu { position: absolute; right: 0; top: 34px; min-width: 220px; background: #fff; box-shadow: 0 6px 12px rgba(0,0,0,.18), 0 0 1px rgba(0,0,0,.3); border-radius: 4px; padding: 4px 0; z-index: 10; }
  .toolbar .menu button { display: block; width: 100%; text-align: left; padding: 8px 16px; border-radius: 0; }
  .toolbar .menu button:focus { background: rgba(0,0,0,.06); outline: none; box-shadow: inset 3px 0 0 #0078d4; }
  .toolbar .menu hr { border: 0; border-top: 1px solid #eaeaea; margin: 4px 0; }
  .form-body { display: grid; grid-template-columns: minmax(0, 2fr) minmax(320px, 1fr); gap: 24px; padding: 16px 20px 32px; overflow: auto; flex: 1; }
  .form-body section h2 { font-size: 14px; font-weight: 600; margin: 0 0 8px; padding-bottom: 4px; border-bottom: 1px solid #eaeaea; }
  .form-body section { margin-bottom: 24px; }
  .description { white-space: pre-wrap; overflow-wrap: anywhere; }
  .fields { display: grid; grid-template-columns: max-content 1fr; gap: 6px 16px; margin: 0; }
  .comments { list-style: none; margin: 0; padding: 0; }
  .comments li { padding: 8px 0; border-bottom: 1px solid #f0f0f0; }
  .comments .who { font-weight: 600; }
  .exalate-group iframe { height: 320px; border: 1px solid #eaeaea; }
  .form-notice { margin: 8px 20px 0; padding: 8px 12px; background: #dff6dd; border-radius: 2px; }
  .item-edit form { margin: 0 0 8px; display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
  .item-edit label { min-width: 80px; font-weight: 600; }
  .item-edit input, .item-edit textarea { font: inherit; border: 1px solid #c8c8c8; border-radius: 2px; padding: 4px 8px; min-width: 260px; }
  .item-edit button { font: inherit; border: 1px solid #c8c8c8; background: #fff; border-radius: 2px; padding: 4px 12px; cursor: pointer; }
  .dialog-backdrop { position: fixed; inset: 0; background: rgba(0,0,0,.4); display: flex; align-items: center; justify-content: center; z-index: 100; }
  .dialog { background: #fff; width: 640px; max-width: calc(100vw - 32px); border-radius: 4px; box-shadow: 0 25px 50px rgba(0,0,0,.22); display: flex; flex-direction: column; }
  .dialog header { display: flex; align-items: center; padding: 16px 20px 8px; }
  .dialog header h2 { font-size: 20px; font-weight: 600; margin: 0; }
  .dialog header button { margin-left: auto; border: 0; background: transparent; font-size: 18px; cursor: pointer; width: 32px; height: 32px; border-radius: 2px; }
  .dialog header button:hover { background: rgba(0,0,0,.06); }
  .dialog iframe { height: 440px; }
`;

/** The project's navigation: Boards → Work items is where the form is opened from. */
function projectNavigation(organization: AzureDevOpsOrganization, project: string, projectPage: string): string {
  const boards = ['Work items', 'Boards', 'Backlogs', 'Sprints', 'Queries'];
  return `<nav class="project-nav" aria-label="Project ${escapeHtml(project)}"><div class="org"><div class="tile" aria-hidden="true">${escapeHtml(project.charAt(0).toUpperCase())}</div>${escapeHtml(project)}</div>
  <ul><li><a href="${organization.base}">Overview</a></li><li><a href="${organization.base}">Boards</a></li>
  ${boards.map((title) => `<li class="sub"><a href="${title === 'Work items' ? escapeHtml(projectPage) : organization.base}"${title === 'Work items' ? ' aria-current="page"' : ''}>${escapeHtml(title)}</a></li>`).join('')}
  <li><a href="${organization.base}">Repos</a></li><li><a href="${organization.base}">Pipelines</a></li></ul>
  <div class="bottom"><a href="${organization.base}/_settings/">⚙ ${organization.isServer ? 'Collection' : 'Organization'} settings</a></div></nav>`;
}

/** The form of one work item, with Exalate's group and the ⋯ menu's Exalate action. */
function azureDevOpsWorkItemPage(organization: AzureDevOpsOrganization, context: ItemPageContext): string {
  const { item } = context;
  const apps = `${organization.base}/_apps/exalate/work-item`;
  const colour = typeColours[item.type] ?? '#009ccc';
  const field = (name: string, value: string) => `<dt>${escapeHtml(name)}</dt><dd>${escapeHtml(value)}</dd>`;
  const comments =
    item.comments.length === 0
      ? '<p>No comments yet.</p>'
      : `<ul class="comments">${item.comments.map((comment) => `<li><span class="who">${escapeHtml(comment.author?.displayName ?? 'Someone')}</span> · ${escapeHtml(comment.created.slice(0, 10))}<div class="description">${escapeHtml(plainTextOf(comment.body))}</div></li>`).join('')}</ul>`;
  return azureDevOpsPage(
    organization,
    `${item.type} ${item.key}: ${item.summary} - Boards`,
    `${escapeHtml(item.projectKey)} / Boards / <b>Work items</b>`,
    `${projectNavigation(organization, item.projectKey, context.projectPage)}<main class="work-item" style="--type-colour: ${colour}">
  <div class="form-header"><div class="kind">${escapeHtml(item.type)} ${escapeHtml(item.key)}</div><h1 id="work-item-title">${escapeHtml(item.summary)}</h1>
    <div class="row"><dl class="field-inline">${field('State', item.status)}</dl><dl class="field-inline">${field('Assigned To', item.assignee?.displayName ?? 'Unassigned')}</dl>
      <div class="toolbar">
        <button type="button" aria-label="More actions" aria-haspopup="menu" aria-expanded="false" aria-controls="work-item-menu" data-menu-button>⋯</button>
        <div class="menu" id="work-item-menu" role="menu" aria-label="More actions" hidden>
          <button type="button" role="menuitem" data-exalate-action>Exalate</button><hr>
          <button type="button" role="menuitem" data-copy-link>Copy link</button>
        </div></div></div></div>
  ${context.notice ? `<p class="form-notice" role="status">${escapeHtml(context.notice)}</p>` : ''}
  <div class="form-body"><div>
    <section aria-labelledby="edit-heading"><h2 id="edit-heading">Edit</h2>${context.editControls}</section>
    <section aria-labelledby="description-heading"><h2 id="description-heading">Description</h2><div class="description">${escapeHtml(plainTextOf(item.description)) || '<em>No description.</em>'}</div></section>
    <section aria-labelledby="discussion-heading"><h2 id="discussion-heading">Discussion</h2>${comments}</section>
  </div><div>
    <section aria-labelledby="details-heading"><h2 id="details-heading">Details</h2><dl class="fields">${field('Area', item.projectKey)}${field('Priority', item.priority ?? '')}${field('Tags', item.labels.join('; '))}</dl></section>
    <section class="exalate-group" aria-labelledby="exalate-heading"><h2 id="exalate-heading">Exalate</h2><iframe id="work-item-group-frame" title="Exalate" allow="clipboard-write" data-src="${escapeHtml(`${apps}/group/group.html`)}"></iframe></section>
  </div></div></main>
  <script src="${escapeHtml(`${organization.base}/_apps/sdk-shim.js`)}" data-organization="${escapeHtml(organization.name)}" data-host-api="${escapeHtml(`${organization.base}/_host`)}" data-is-hosted="${organization.isServer ? 'false' : 'true'}"
    data-work-item-id="${escapeHtml(item.key)}" data-project="${escapeHtml(item.projectKey)}" data-action-src="${escapeHtml(`${apps}/action/action.html`)}" data-dialog-src="${escapeHtml(`${apps}/dialog/dialog.html`)}"></script>${menuButtonScript}`,
    formStyles,
  );
}

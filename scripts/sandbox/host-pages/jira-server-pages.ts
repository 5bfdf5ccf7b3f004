import type { AdminSectionLink } from '../../../manifests/jira-server/plugin-descriptor';
import { escapeHtml, menuButtonScript } from './html';

/**
 * Jira Data Center's administration as the sandbox shows it: the header with its Administration (⚙)
 * menu, and Manage apps with the administration sidebar, where the Exalate section is the one the
 * packaged plugin descriptor adds (`admin_plugins_menu`, its web-items' labels and links, from
 * manifests/jira-server/plugin-descriptor.ts). Only Jira's chrome is imitated; the links go where the
 * plugin's links go, to the node.
 */
export interface JiraDataCenterSite {
  /** Where this Jira's pages live in the sandbox, e.g. /jira-server/jira. */
  readonly base: string;
  readonly title: string;
  /** The signed-in person, shown in the header. */
  readonly userName: string;
}

const styles = `
  body { margin: 0; font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", sans-serif; color: #172b4d; background: #f4f5f7; font-size: 14px; }
  a { color: #0052cc; }
  a:focus-visible, button:focus-visible { outline: 2px solid #4c9aff; outline-offset: 2px; }
  header.aui-header { height: 48px; background: #0747a6; color: #fff; display: flex; align-items: center; gap: 16px; padding: 0 12px; position: relative; }
  header .logo { color: #fff; font-weight: 600; font-size: 16px; text-decoration: none; }
  header nav a { color: #deebff; text-decoration: none; padding: 6px 8px; border-radius: 3px; }
  header .right { margin-left: auto; display: flex; gap: 8px; align-items: center; }
  header button { background: transparent; color: #fff; border: 0; border-radius: 3px; height: 32px; min-width: 32px; font-size: 18px; cursor: pointer; }
  header button[aria-expanded="true"], header button:hover { background: #0052cc; }
  .avatar { width: 24px; height: 24px; border-radius: 50%; background: #6554c0; color: #fff; font-size: 11px; display: flex; align-items: center; justify-content: center; }
  .menu { position: absolute; right: 44px; top: 44px; width: 240px; background: #fff; border-radius: 3px; box-shadow: 0 4px 8px -2px #091e4240, 0 0 1px #091e424f; padding: 4px 0; z-index: 10; }
  .menu h2 { font-size: 11px; color: #5e6c84; text-transform: uppercase; margin: 8px 12px 4px; }
  .menu a { display: block; padding: 6px 12px; color: #172b4d; text-decoration: none; }
  .menu a:hover, .menu a:focus { background: #ebecf0; outline: none; }
  .admin-title { background: #fff; border-bottom: 1px solid #dfe1e6; padding: 16px 24px; }
  .admin-title h1 { margin: 0; font-size: 24px; font-weight: 500; }
  .layout { display: flex; min-height: calc(100vh - 120px); }
  nav.aui-navgroup { width: 220px; flex: none; background: #f4f5f7; border-right: 1px solid #dfe1e6; padding: 12px 8px; box-sizing: border-box; }
  nav.aui-navgroup h3 { font-size: 12px; color: #5e6c84; text-transform: uppercase; margin: 16px 8px 4px; }
  nav.aui-navgroup ul { list-style: none; margin: 0; padding: 0; }
  nav.aui-navgroup a { display: block; padding: 6px 10px; color: #172b4d; text-decoration: none; border-radius: 3px; }
  nav.aui-navgroup a:hover { background: #ebecf0; }
  nav.aui-navgroup a[aria-current="page"] { background: #deebff; color: #0052cc; font-weight: 500; }
  main { flex: 1; min-width: 0; background: #fff; padding: 20px 32px; }
  main h2 { font-size: 20px; font-weight: 500; margin: 0 0 16px; }
  table { border-collapse: collapse; width: 100%; max-width: 860px; }
  th, td { text-align: left; padding: 8px; border-bottom: 1px solid #dfe1e6; }
  th { color: #5e6c84; font-size: 12px; }
  .lozenge { font-size: 11px; font-weight: 700; text-transform: uppercase; background: #e3fcef; color: #006644; padding: 1px 4px; border-radius: 3px; }
`;

function header(site: JiraDataCenterSite): string {
  const administration = [
    ['Applications', 'applications'],
    ['Projects', 'projects'],
    ['Issues', 'issues'],
    ['Manage apps', 'manage-apps'],
    ['User management', 'user-management'],
    ['System', 'system'],
  ]
    .map(([title, path]) => `<a role="menuitem" href="${site.base}${path === 'manage-apps' ? '/plugins/servlet/upm' : `/secure/admin/${path}`}">${title}</a>`)
    .join('');
  const initials = site.userName
    .split(/\s+/)
    .map((word) => word.charAt(0))
    .join('')
    .slice(0, 2)
    .toUpperCase();
  return `<header class="aui-header">
  <a class="logo" href="${site.base}/secure/Dashboard.jspa">Jira</a>
  <nav aria-label="Jira"><a href="${site.base}/secure/Dashboard.jspa">Dashboards</a> <a href="${site.base}/secure/BrowseProjects.jspa">Projects</a></nav>
  <div class="right">
    <button type="button" aria-label="Administration" aria-haspopup="menu" aria-expanded="false" aria-controls="admin-menu" data-menu-button>⚙</button>
    <div class="avatar" role="img" aria-label="Your profile: ${escapeHtml(site.userName)}">${escapeHtml(initials)}</div>
  </div>
  <div class="menu" id="admin-menu" role="menu" aria-label="Administration" hidden><h2>Jira administration</h2>${administration}</div>
</header>`;
}

/** A page of this Jira: its header (with the Administration menu) above `body`. */
export function jiraDataCenterPage(site: JiraDataCenterSite, title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${escapeHtml(title)} - ${escapeHtml(site.title)}</title><style>${styles}</style></head>
<body>${header(site)}${body}${menuButtonScript}</body></html>`;
}

/** Jira's dashboard: where an administrator starts, with the Administration menu in the header. */
export function jiraDataCenterDashboard(site: JiraDataCenterSite): string {
  return jiraDataCenterPage(
    site,
    'System dashboard',
    `<main><h2>System dashboard</h2><p>Open <strong>Administration (⚙) → Manage apps</strong> to manage Exalate.</p></main>`,
  );
}

/** An administration page the sandbox does not emulate, so a wrong turn still says where to go. */
export function jiraDataCenterOtherAdminPage(site: JiraDataCenterSite, section: string): string {
  return jiraDataCenterPage(
    site,
    'Administration',
    `<main><h2>${escapeHtml(section)}</h2><p>The sandbox's Jira has only the administration Exalate needs. <a href="${site.base}/plugins/servlet/upm">Go to Manage apps</a>.</p></main>`,
  );
}

/**
 * Administration → Manage apps: the apps sidebar (`admin_plugins_menu`) with UPM's own items and the
 * Exalate section of the installed plugin, and the list of user-installed apps.
 */
export function jiraDataCenterManageApps(site: JiraDataCenterSite, exalate: readonly AdminSectionLink[], pluginKey: string): string {
  const links = exalate.map((link) => `<li><a id="${escapeHtml(link.key)}" href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></li>`).join('');
  return jiraDataCenterPage(
    site,
    'Manage apps',
    `<div class="admin-title"><h1>Administration</h1></div>
<div class="layout">
  <nav class="aui-navgroup" aria-label="Manage apps">
    <h3 id="upm-section">Atlassian Marketplace</h3>
    <ul aria-labelledby="upm-section"><li><a href="${site.base}/plugins/servlet/upm/marketplace">Find new apps</a></li><li><a href="${site.base}/plugins/servlet/upm" aria-current="page">Manage apps</a></li></ul>
    <h3 id="exalate-section">Exalate</h3>
    <ul aria-labelledby="exalate-section">${links}</ul>
  </nav>
  <main><h2>Manage apps</h2>
    <table><thead><tr><th scope="col">User-installed apps</th><th scope="col">Key</th><th scope="col">Status</th></tr></thead>
    <tbody><tr><td>Exalate (open edition)</td><td><code>${escapeHtml(pluginKey)}</code></td><td><span class="lozenge">Enabled</span></td></tr></tbody></table>
  </main>
</div>`,
  );
}

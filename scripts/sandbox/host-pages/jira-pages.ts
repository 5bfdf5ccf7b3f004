import { consolePages, type ConsolePage } from '../../../hosts/console-kit/console-words';
import { escapeHtml, menuButtonScript } from './html';

/**
 * Jira Cloud's pages around the Exalate admin page, as the sandbox shows them: the top bar with
 * its Settings menu, Settings → Apps with the app's sub-pages in the sidebar, and the admin page
 * itself, whose iframe holds the unmodified Custom UI bundle. Only Jira's chrome is imitated. The
 * app's sub-pages are the consoles' pages (consolePages), in their order.
 */

export interface JiraSite {
  /** Where this Jira's pages live in the sandbox, e.g. /jira-cloud/jira. */
  readonly base: string;
  readonly siteName: string;
}

const styles = `
  body { margin: 0; font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", sans-serif; color: #172b4d; background: #fff; font-size: 14px; }
  a { color: #0c66e4; }
  .top { height: 56px; display: flex; align-items: center; gap: 16px; padding: 0 16px; border-bottom: 1px solid #dcdfe4; box-sizing: border-box; position: relative; }
  .logo { display: flex; align-items: center; gap: 8px; font-weight: 600; color: #0c66e4; font-size: 16px; text-decoration: none; }
  .logo .mark { width: 24px; height: 24px; background: #0c66e4; border-radius: 4px; transform: rotate(45deg) scale(.7); }
  .search { margin-left: 24px; width: 320px; height: 32px; border: 1px solid #8590a2; border-radius: 4px; color: #44546f; display: flex; align-items: center; padding: 0 8px; box-sizing: border-box; }
  .top .right { margin-left: auto; display: flex; gap: 8px; align-items: center; }
  .icon-button { width: 32px; height: 32px; border: 0; border-radius: 50%; background: transparent; color: #44546f; font-size: 18px; cursor: pointer; display: flex; align-items: center; justify-content: center; }
  .icon-button:hover, .icon-button[aria-expanded="true"] { background: #e9f2ff; color: #0c66e4; }
  .icon-button:focus-visible, a:focus-visible { outline: 2px solid #388bff; outline-offset: 2px; }
  .avatar { width: 24px; height: 24px; border-radius: 50%; background: #6e5dc6; color: #fff; font-size: 11px; display: flex; align-items: center; justify-content: center; }
  .menu { position: absolute; right: 48px; top: 52px; width: 280px; background: #fff; border-radius: 4px; box-shadow: 0 8px 12px #091e4226, 0 0 1px #091e424f; padding: 8px 0; z-index: 10; }
  .menu h2 { font-size: 11px; font-weight: 700; color: #44546f; text-transform: uppercase; margin: 8px 16px 4px; }
  .menu a { display: block; padding: 8px 16px; color: #172b4d; text-decoration: none; }
  .menu a:hover, .menu a:focus { background: #f1f2f4; outline: none; box-shadow: inset 2px 0 0 #0c66e4; }
  .menu a small { display: block; color: #44546f; font-size: 12px; }
  .layout { display: flex; height: calc(100vh - 56px); }
  nav.sidebar { width: 240px; flex: none; border-right: 1px solid #dcdfe4; padding: 16px 8px; box-sizing: border-box; overflow: auto; }
  nav.sidebar .back { display: block; color: #44546f; padding: 6px 8px; text-decoration: none; }
  nav.sidebar h2 { font-size: 20px; margin: 12px 8px 16px; font-weight: 600; }
  nav.sidebar h3 { font-size: 11px; font-weight: 700; color: #44546f; text-transform: uppercase; margin: 16px 8px 4px; }
  nav.sidebar ul { list-style: none; margin: 0; padding: 0; }
  nav.sidebar li a { display: block; padding: 8px 8px 8px 12px; color: #44546f; text-decoration: none; border-radius: 3px; }
  nav.sidebar li a:hover { background: #f1f2f4; }
  nav.sidebar li a[aria-current="page"] { background: #e9f2ff; color: #0c66e4; font-weight: 500; box-shadow: inset 2px 0 0 #0c66e4; }
  nav.sidebar li.app a { padding-left: 24px; }
  main { flex: 1; min-width: 0; overflow: auto; }
  main.content { padding: 24px 40px; }
  main h1 { font-size: 24px; font-weight: 500; margin: 0 0 16px; }
  iframe { border: 0; width: 100%; height: 100%; display: block; }
  table { border-collapse: collapse; width: 100%; max-width: 900px; }
  th, td { text-align: left; padding: 10px 8px; border-bottom: 1px solid #dcdfe4; }
  th { color: #44546f; font-size: 12px; }
  .lozenge { font-size: 11px; font-weight: 700; text-transform: uppercase; background: #dcfff1; color: #216e4e; padding: 1px 4px; border-radius: 3px; }
`;

function topBar(site: JiraSite): string {
  const settings = [
    ['system', 'System', 'Manage your general configuration, global permissions, look and feel'],
    ['products', 'Products', 'Manage product access and integrations'],
    ['projects', 'Projects', 'Manage project settings, categories, and more'],
    ['issues', 'Issues', 'Configure issue types, workflows, screens, fields, and more'],
    ['apps', 'Apps', 'Add and manage Jira Marketplace apps'],
  ]
    .map(([path, title, hint]) => `<a role="menuitem" href="${site.base}/settings/${path}">${title}<small>${hint}</small></a>`)
    .join('');
  return `<header class="top">
  <a class="logo" href="${site.base}/your-work"><span class="mark" aria-hidden="true"></span>Jira</a>
  <div class="search" aria-hidden="true">Search</div>
  <div class="right">
    <button class="icon-button" type="button" aria-label="Settings" aria-haspopup="menu" aria-expanded="false" aria-controls="settings-menu" data-menu-button>⚙</button>
    <div class="avatar" aria-label="Your profile: Alex Admin" role="img">AA</div>
  </div>
  <div class="menu" id="settings-menu" role="menu" aria-label="Settings" hidden><h2>Jira settings</h2>${settings}</div>
</header>`;
}

/** A page in Jira's chrome: the top bar with its Settings menu, then `body`. */
export function page(site: JiraSite, title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${escapeHtml(title)} - ${escapeHtml(site.siteName)} - Jira</title><style>${styles}</style></head>
<body>${topBar(site)}${body}${menuButtonScript}</body></html>`;
}

function appsSidebar(site: JiraSite, current: ConsolePage | 'manage-apps'): string {
  const link = (href: string, title: string, selected: boolean, app = false) =>
    `<li${app ? ' class="app"' : ''}><a href="${href}"${selected ? ' aria-current="page"' : ''}>${title}</a></li>`;
  const exalate = consolePages.map(({ route, title }) => link(`${site.base}/settings/apps/exalate/${route}`, title, route === current, true)).join('');
  return `<nav class="sidebar" aria-label="Apps settings"><a class="back" href="${site.base}/your-work">← Back to Jira</a><h2>Apps</h2>
  <ul>${link(`${site.base}/settings/apps`, 'Manage apps', current === 'manage-apps')}</ul>
  <h3 id="exalate-pages">Exalate</h3><ul aria-labelledby="exalate-pages">${exalate}</ul></nav>`;
}

/** Jira's start page: where an admin begins, with the Settings menu in the top bar. */
export function jiraHomePage(site: JiraSite): string {
  return page(site, 'Your work', `<main class="content"><h1>Your work</h1><p>Open <strong>Settings → Apps</strong> to manage Exalate.</p></main>`);
}

/** A Jira settings page the sandbox does not emulate, so a wrong turn still says where to go. */
export function jiraOtherSettingsPage(site: JiraSite, section: string): string {
  return page(
    site,
    'Settings',
    `<main class="content"><h1>${escapeHtml(section)}</h1><p>The sandbox's Jira has only the settings Exalate needs. <a href="${site.base}/settings/apps">Go to Apps</a>.</p></main>`,
  );
}

/** Settings → Apps: Manage apps, with Exalate installed and its pages in the sidebar. */
export function jiraManageAppsPage(site: JiraSite): string {
  return page(
    site,
    'Manage apps',
    `<div class="layout">${appsSidebar(site, 'manage-apps')}<main class="content"><h1>Manage apps</h1>
  <table><thead><tr><th scope="col">App</th><th scope="col">Vendor</th><th scope="col">Status</th></tr></thead>
  <tbody><tr><td><a href="${site.base}/settings/apps/exalate/connections">Exalate</a></td><td>idalko-tools</td><td><span class="lozenge">Enabled</span></td></tr></tbody></table></main></div>`,
  );
}

/** Settings → Apps → Exalate → one of its pages: the Custom UI in Jira's iframe. */
export function jiraExalatePage(site: JiraSite, route: ConsolePage, iframeSource: string): string {
  const title = consolePages.find((page) => page.route === route)?.title ?? 'Exalate';
  return page(
    site,
    `Exalate: ${title}`,
    `<div class="layout">${appsSidebar(site, route)}<main><iframe title="Exalate" allow="clipboard-write" src="${escapeHtml(iframeSource)}"></iframe></main></div>`,
  );
}

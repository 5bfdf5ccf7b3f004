import { escapeHtml } from './html';

/**
 * Azure DevOps' pages around the Exalate hub, as the sandbox shows them: the organization's start
 * page with Organization settings, the settings pages with Extensions, and
 * `_settings/idalko-tools.exalate.adnode`, whose iframe holds the unmodified hub bundle. The hub is
 * contributed to `ms.vss-web.collection-admin-hub-group`, so it is listed in the settings'
 * navigation under Extensions. Only Azure DevOps' chrome is imitated.
 */
export const exalateHubRoute = 'idalko-tools.exalate.adnode';

export interface AzureDevOpsOrganization {
  /** Where this organization's pages live in the sandbox, e.g. /azure-devops/acme. */
  readonly base: string;
  readonly name: string;
  /** Azure DevOps Server (on premises) rather than Services: its collection says so. */
  readonly isServer: boolean;
}

const styles = `
  body { margin: 0; font-family: "Segoe UI", "Segoe UI Web (West European)", -apple-system, BlinkMacSystemFont, Roboto, "Helvetica Neue", sans-serif; color: rgba(0,0,0,.9); background: #f8f8f8; font-size: 14px; }
  a { color: #0062ad; }
  a:focus-visible, button:focus-visible { outline: 2px solid #0078d4; outline-offset: 1px; }
  .top { height: 48px; display: flex; align-items: center; gap: 12px; padding: 0 16px; background: #fff; border-bottom: 1px solid #eaeaea; box-sizing: border-box; }
  .brand { display: flex; align-items: center; gap: 8px; color: #0062ad; font-weight: 600; text-decoration: none; }
  .brand .mark { width: 20px; height: 20px; background: linear-gradient(135deg, #0078d4, #00bcf2); border-radius: 3px; }
  .crumb { color: rgba(0,0,0,.62); }
  .crumb b { color: rgba(0,0,0,.9); font-weight: 600; }
  .top .right { margin-left: auto; display: flex; align-items: center; gap: 12px; }
  .avatar { width: 28px; height: 28px; border-radius: 50%; background: #8764b8; color: #fff; font-size: 12px; display: flex; align-items: center; justify-content: center; }
  .layout { display: flex; height: calc(100vh - 48px); }
  nav { width: 260px; flex: none; background: #eaeaea; padding: 12px 0; box-sizing: border-box; overflow: auto; display: flex; flex-direction: column; }
  nav .org { display: flex; align-items: center; gap: 10px; padding: 4px 16px 12px; font-weight: 600; }
  nav .org .tile { width: 32px; height: 32px; background: #0078d4; color: #fff; border-radius: 2px; display: flex; align-items: center; justify-content: center; }
  nav h2 { padding: 4px 16px 8px; font-size: 16px; font-weight: 600; margin: 0; }
  nav h3 { padding: 14px 16px 4px; font-weight: 600; font-size: 14px; margin: 0; }
  nav ul { list-style: none; margin: 0; padding: 0; }
  nav li a { display: block; padding: 7px 16px 7px 28px; color: rgba(0,0,0,.9); text-decoration: none; }
  nav li a:hover { background: rgba(0,0,0,.04); }
  nav li a[aria-current="page"] { background: rgba(0,0,0,.08); font-weight: 600; box-shadow: inset 3px 0 0 #0078d4; }
  nav .bottom { margin-top: auto; padding: 8px 16px; border-top: 1px solid #d6d6d6; }
  nav .bottom a { color: rgba(0,0,0,.9); text-decoration: none; display: block; padding: 6px 0; }
  main { flex: 1; min-width: 0; overflow: auto; }
  main.content { padding: 24px 32px; }
  main h1 { font-size: 20px; font-weight: 600; margin: 0 0 16px; }
  .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 16px; max-width: 1000px; }
  .card { background: #fff; border-radius: 4px; box-shadow: 0 1px 2px rgba(0,0,0,.14); padding: 16px; }
  .card h2 { font-size: 15px; margin: 0 0 4px; }
  .card p { margin: 0; color: rgba(0,0,0,.62); }
  iframe { border: 0; width: 100%; height: 100%; display: block; background: #fff; }
`;

const generalPages = ['Overview', 'Projects', 'Users', 'Billing', 'Auditing', 'Global notifications', 'Usage', 'Extensions'] as const;

const slug = (title: string) => title.toLowerCase().replace(/\s+/g, '-');

function topBar(organization: AzureDevOpsOrganization, crumb: string): string {
  return `<header class="top"><a class="brand" href="${organization.base}"><span class="mark" aria-hidden="true"></span>${organization.isServer ? 'Azure DevOps Server' : 'Azure DevOps'}</a>
  <span class="crumb">${escapeHtml(organization.name)} / ${crumb}</span><div class="right"><div class="avatar" role="img" aria-label="Your profile: Alex Admin">AA</div></div></header>`;
}

function page(organization: AzureDevOpsOrganization, title: string, crumb: string, body: string, pageStyles = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${escapeHtml(title)}</title><style>${styles}${pageStyles}</style></head>
<body>${topBar(organization, crumb)}<div class="layout">${body}</div></body></html>`;
}

/** Azure DevOps' chrome (its top bar, the layout under it) around another page of the organization: the work item form. */
export const azureDevOpsPage = page;

/** Organization settings' navigation, Extensions → Exalate included. */
function settingsNavigation(organization: AzureDevOpsOrganization, current: string): string {
  const link = (route: string, title: string) =>
    `<li><a href="${organization.base}/_settings/${route}"${route === current ? ' aria-current="page"' : ''}>${escapeHtml(title)}</a></li>`;
  const kind = organization.isServer ? 'Collection' : 'Organization';
  return `<nav aria-label="${kind} settings"><div class="org"><div class="tile" aria-hidden="true">${escapeHtml(organization.name.charAt(0).toUpperCase())}</div>${escapeHtml(organization.name)}</div><h2>${kind} Settings</h2>
  <h3 id="nav-general">General</h3><ul aria-labelledby="nav-general">${generalPages.map((title) => link(slug(title), title)).join('')}</ul>
  <h3 id="nav-security">Security</h3><ul aria-labelledby="nav-security">${link('policies', 'Policies')}${link('permissions', 'Permissions')}</ul>
  <h3 id="nav-boards">Boards</h3><ul aria-labelledby="nav-boards">${link('process', 'Process')}</ul>
  <h3 id="nav-extensions">Extensions</h3><ul aria-labelledby="nav-extensions">${link(exalateHubRoute, 'Exalate')}</ul></nav>`;
}

/** The organization's start page: its projects, and Organization settings at the bottom of the navigation. */
export function azureDevOpsHomePage(organization: AzureDevOpsOrganization, projects: readonly string[]): string {
  const kind = organization.isServer ? 'Collection' : 'Organization';
  const cards = projects.map((project) => `<div class="card"><h2>${escapeHtml(project)}</h2><p>Boards, work items</p></div>`).join('');
  return page(
    organization,
    `Projects - Home`,
    '<b>Projects</b>',
    `<nav aria-label="${kind}"><div class="org"><div class="tile" aria-hidden="true">${escapeHtml(organization.name.charAt(0).toUpperCase())}</div>${escapeHtml(organization.name)}</div>
  <ul><li><a href="${organization.base}" aria-current="page">Projects</a></li></ul>
  <div class="bottom"><a href="${organization.base}/_settings/">⚙ ${kind} settings</a></div></nav>
  <main class="content"><h1>Projects</h1><div class="cards">${cards}</div></main>`,
  );
}

/** A settings page: Extensions lists Exalate; the others only point the way. */
export function azureDevOpsSettingsPage(organization: AzureDevOpsOrganization, route: string): string {
  const title = generalPages.find((candidate) => slug(candidate) === route) ?? (route === '' ? 'Overview' : route);
  const current = route === '' ? 'overview' : route;
  const content =
    current === 'extensions'
      ? `<h1>Extensions</h1><div class="cards"><div class="card"><h2><a href="${organization.base}/_settings/${exalateHubRoute}">Exalate</a></h2><p>idalko-tools · Installed</p></div></div>`
      : `<h1>${escapeHtml(title)}</h1><p>The sandbox's Azure DevOps has only the settings Exalate needs: <a href="${organization.base}/_settings/extensions">Extensions</a>.</p>`;
  return page(
    organization,
    `${title} - Settings`,
    `<b>Settings</b> / ${escapeHtml(title)}`,
    `${settingsNavigation(organization, current)}<main class="content">${content}</main>`,
  );
}

/** `_settings/idalko-tools.exalate.adnode`: the hub, loaded by the SDK shim once it listens. */
export function azureDevOpsHubPage(
  organization: AzureDevOpsOrganization,
  hub: { readonly source: string; readonly shimScript: string; readonly hostApi: string },
): string {
  return page(
    organization,
    'Exalate - Settings',
    '<b>Settings</b> / Exalate',
    `${settingsNavigation(organization, exalateHubRoute)}<main><iframe id="hub-frame" title="Exalate" allow="clipboard-write" data-src="${escapeHtml(hub.source)}"></iframe></main>
  <script src="${escapeHtml(hub.shimScript)}" data-organization="${escapeHtml(organization.name)}" data-host-api="${escapeHtml(hub.hostApi)}" data-is-hosted="${organization.isServer ? 'false' : 'true'}"></script>`,
  );
}

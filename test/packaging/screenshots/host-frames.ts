/**
 * The pages around the extension iframes in the screenshots: Jira Cloud's Settings → Apps
 * sidebar with the admin page's sub-pages, and Azure DevOps' Organization settings with
 * Extensions → Exalate. Only the chrome is imitated; the iframes hold the real bundles.
 */
const jiraPages = [
  ['connections', 'Connections'],
  ['triggers', 'Triggers'],
  ['sync-queue', 'Sync queue'],
  ['errors', 'Errors'],
  ['general-settings', 'General settings'],
] as const;

export function jiraFrame(route: string, iframeSource: string): string {
  const items = jiraPages
    .map(([page, title]) => `<a class="item${page === route ? ' selected' : ''}" href="?route=${page}">${title}</a>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Exalate - Apps - Jira</title><style>
  body { margin: 0; font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", sans-serif; color: #172b4d; background: #fff; }
  .top { height: 56px; display: flex; align-items: center; gap: 16px; padding: 0 16px; border-bottom: 1px solid #dfe1e6; box-sizing: border-box; }
  .logo { display: flex; align-items: center; gap: 8px; font-weight: 600; color: #0c66e4; font-size: 16px; }
  .logo span.mark { width: 24px; height: 24px; background: #0c66e4; border-radius: 4px; transform: rotate(45deg) scale(.7); }
  .search { margin-left: 24px; width: 320px; height: 32px; border: 1px solid #8590a2; border-radius: 4px; color: #626f86; font-size: 14px; display: flex; align-items: center; padding: 0 8px; box-sizing: border-box; }
  .top .right { margin-left: auto; display: flex; gap: 12px; align-items: center; }
  .avatar { width: 24px; height: 24px; border-radius: 50%; background: #6e5dc6; color: #fff; font-size: 11px; display: flex; align-items: center; justify-content: center; }
  .layout { display: flex; height: calc(100vh - 56px); }
  nav { width: 240px; flex: none; border-right: 1px solid #dfe1e6; padding: 16px 8px; box-sizing: border-box; background: #fff; }
  nav .back { font-size: 14px; color: #44546f; padding: 6px 8px; }
  nav h2 { font-size: 20px; margin: 12px 8px 16px; font-weight: 600; }
  nav .section { font-size: 11px; font-weight: 700; color: #626f86; text-transform: uppercase; margin: 16px 8px 4px; }
  nav .item { display: block; padding: 8px 8px 8px 12px; color: #44546f; text-decoration: none; font-size: 14px; border-radius: 3px; }
  nav .item.selected { background: #e9f2ff; color: #0c66e4; font-weight: 500; box-shadow: inset 2px 0 0 #0c66e4; }
  nav .item.app { padding-left: 24px; }
  main { flex: 1; min-width: 0; }
  iframe { border: 0; width: 100%; height: 100%; display: block; }
  </style></head><body>
  <div class="top"><div class="logo"><span class="mark"></span>Jira</div><div class="search">Search</div><div class="right"><span>Settings</span><div class="avatar">AA</div></div></div>
  <div class="layout"><nav aria-label="Apps settings"><div class="back">← Back to Jira</div><h2>Apps</h2>
  <a class="item" href="#">Explore apps</a><a class="item" href="#">Manage apps</a><a class="item" href="#">Connected apps</a>
  <div class="section">Exalate</div>${items.replaceAll('class="item', 'class="item app')}</nav>
  <main><iframe title="Exalate" allow="clipboard-write" src="${iframeSource}"></iframe></main></div>
  </body></html>`;
}

export function azureDevOpsFrame(hubSource: string, stub: { readonly script: string; readonly appToken: string; readonly nodeUrl: string | null }): string {
  const general = ['Overview', 'Projects', 'Users', 'Billing', 'Auditing', 'Global notifications', 'Usage', 'Extensions', 'Microsoft Entra'];
  const security = ['Policies', 'Permissions'];
  const boards = ['Process'];
  const list = (items: readonly string[]) => items.map((item) => `<a class="item" href="#">${item}</a>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Exalate - Settings</title><style>
  body { margin: 0; font-family: "Segoe UI", "Segoe UI Web (West European)", -apple-system, BlinkMacSystemFont, Roboto, "Helvetica Neue", sans-serif; color: rgba(0,0,0,.9); background: #f8f8f8; }
  .top { height: 48px; display: flex; align-items: center; gap: 12px; padding: 0 16px; background: #fff; border-bottom: 1px solid #eaeaea; box-sizing: border-box; font-size: 14px; }
  .brand { display: flex; align-items: center; gap: 8px; color: #0078d4; font-weight: 600; }
  .brand .mark { width: 20px; height: 20px; background: linear-gradient(135deg, #0078d4, #00bcf2); border-radius: 3px; }
  .crumb { color: rgba(0,0,0,.55); }
  .crumb b { color: rgba(0,0,0,.9); font-weight: 600; }
  .top .right { margin-left: auto; display: flex; align-items: center; gap: 12px; }
  .avatar { width: 28px; height: 28px; border-radius: 50%; background: #8764b8; color: #fff; font-size: 12px; display: flex; align-items: center; justify-content: center; }
  .layout { display: flex; height: calc(100vh - 48px); }
  nav { width: 260px; flex: none; background: #eaeaea; padding: 12px 0; box-sizing: border-box; overflow: auto; font-size: 14px; }
  nav .org { display: flex; align-items: center; gap: 10px; padding: 4px 16px 12px; font-weight: 600; }
  nav .org .tile { width: 32px; height: 32px; background: #0078d4; color: #fff; border-radius: 2px; display: flex; align-items: center; justify-content: center; }
  nav .title { padding: 4px 16px 8px; font-size: 16px; font-weight: 600; }
  nav .section { padding: 14px 16px 4px; font-weight: 600; font-size: 14px; color: rgba(0,0,0,.9); }
  nav .item { display: block; padding: 7px 16px 7px 28px; color: rgba(0,0,0,.9); text-decoration: none; }
  nav .item.selected { background: rgba(0,0,0,.08); font-weight: 600; box-shadow: inset 3px 0 0 #0078d4; }
  main { flex: 1; min-width: 0; background: #f8f8f8; }
  iframe { border: 0; width: 100%; height: 100%; display: block; }
  </style></head><body>
  <div class="top"><div class="brand"><span class="mark"></span>Azure DevOps</div><span class="crumb">acme / <b>Settings</b> / Exalate</span><div class="right"><span>⚙</span><div class="avatar">AA</div></div></div>
  <div class="layout"><nav aria-label="Organization settings"><div class="org"><div class="tile">A</div>acme</div><div class="title">Organization Settings</div>
  <div class="section">General</div>${list(general)}<div class="section">Security</div>${list(security)}<div class="section">Boards</div>${list(boards)}
  <div class="section">Extensions</div><a class="item selected" href="#">Exalate</a></nav>
  <main><iframe id="hub-frame" title="Exalate" allow="clipboard-write" data-src="${hubSource}"></iframe></main></div>
  <script src="${stub.script}" data-app-token="${stub.appToken}"${stub.nodeUrl === null ? '' : ` data-node-url="${stub.nodeUrl}"`}></script>
  </body></html>`;
}

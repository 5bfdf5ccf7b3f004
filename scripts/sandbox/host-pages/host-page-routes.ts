import { build } from 'esbuild';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { extname, join } from 'node:path';
import { exalateHubRoute, azureDevOpsHomePage, azureDevOpsHubPage, azureDevOpsSettingsPage, type AzureDevOpsOrganization } from './azure-devops-pages';
import { consolePages, type ConsolePage } from '../../../hosts/console-kit/console-words';
import { applyConsolePagePolicy, originOf, type ConsolePagePolicy } from '../../../hosts/node/ui/console-page-policy';
import { hostAppFiles, type HostApp } from './host-app-bundles';
import { escapeHtml } from './html';
import { issueSandboxAppToken } from './sandbox-app-token';
import { jiraExalatePage, jiraHomePage, jiraManageAppsPage, jiraOtherSettingsPage, type JiraSite } from './jira-pages';

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.eot': 'application/vnd.ms-fontobject',
};

const shims = new Map<string, Promise<string>>();

/** The shims are TypeScript; bundled for the browser on first use, like the apps. */
function shimScript(file: string): Promise<string> {
  let script = shims.get(file);
  if (script === undefined) {
    script = build({
      entryPoints: [join(__dirname, file)],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'es2020',
      minify: true,
      logLevel: 'warning',
    }).then((result) => result.outputFiles[0]?.text ?? '');
    shims.set(file, script);
  }
  return script;
}

/**
 * The app's page is framed by the host page around it, which the sandbox serves from its own
 * origin; no other page may frame it ('self' is exactly that origin, however the sandbox was opened).
 */
function framedAppPolicy(apiAddress: string): ConsolePagePolicy {
  return { frameAncestors: ["'self'"], connectOrigins: originOf(apiAddress) };
}

async function sendAppFile(
  reply: FastifyReply,
  app: HostApp,
  name: string,
  policy: ConsolePagePolicy,
  rewrite?: (html: string) => string,
): Promise<FastifyReply> {
  const content = (await hostAppFiles(app)).get(name);
  if (content === undefined) return reply.code(404).type('text/plain').send(`${name} is not part of the app`);
  const type = contentTypes[extname(name)] ?? 'application/octet-stream';
  if (extname(name) === '.html') applyConsolePagePolicy(reply, policy);
  const body = rewrite ? rewrite(Buffer.from(content).toString('utf8')) : Buffer.from(content);
  return reply.type(type).header('cache-control', 'no-cache').send(body);
}

/** The host's own pages are the top of the window, as Jira's and Azure DevOps' are: never framed. */
const html = (reply: FastifyReply, page: string) =>
  reply.header('content-security-policy', "frame-ancestors 'none'").header('x-frame-options', 'DENY').type('text/html; charset=utf-8').send(page);

export interface JiraCloudHostOptions {
  readonly site: JiraSite;
  readonly adminApi: string;
  readonly adminToken: string;
}

/**
 * Jira Cloud as an admin meets Exalate in it (mounted at `site.base`): `/your-work`, the Settings
 * menu, `/settings/apps`, and `/settings/apps/exalate/{page}` with the Custom UI in its iframe at
 * `/forge/exalate/index.html`, talking through the bridge shim to the instance's node.
 */
export function jiraCloudHostRoutes({ site, adminApi, adminToken }: JiraCloudHostOptions): FastifyPluginAsync {
  const isAdminPage = (page: string): page is ConsolePage => consolePages.some(({ route }) => route === page);
  return async (app) => {
    app.get('/', async (_request, reply) => reply.redirect(`${site.base}/your-work`));
    app.get('/your-work', async (_request, reply) => html(reply, jiraHomePage(site)));
    app.get('/settings/apps', async (_request, reply) => html(reply, jiraManageAppsPage(site)));
    app.get<{ Params: { page: string } }>('/settings/apps/exalate/:page', async (request, reply) => {
      const { page } = request.params;
      if (!isAdminPage(page)) return reply.redirect(`${site.base}/settings/apps/exalate/connections`);
      return html(reply, jiraExalatePage(site, page, `${site.base}/forge/exalate/index.html?route=/${page}`));
    });
    app.get<{ Params: { section: string } }>('/settings/:section', async (request, reply) => html(reply, jiraOtherSettingsPage(site, request.params.section)));
    app.get('/forge/bridge-shim.js', async (_request, reply) => reply.type(contentTypes['.js'] ?? '').send(await shimScript('forge-bridge-shim.ts')));
    // The issue panel's and issue action's Custom UI, told its module and issue as Forge tells it (view.getContext()).
    app.get<{ Params: { file: string }; Querystring: { moduleKey?: string; issueKey?: string } }>('/forge/exalate-item/:file', async (request, reply) => {
      const moduleKey = request.query.moduleKey === 'exalate-issue-action' ? 'exalate-issue-action' : 'exalate-issue-panel';
      const issueKey = escapeHtml((request.query.issueKey ?? '').slice(0, 200));
      return sendAppFile(reply, 'jiraCloudItem', request.params.file, framedAppPolicy(adminApi), (page) =>
        page.replace(
          '<script src="item.js">',
          `<script src="${site.base}/forge/bridge-shim.js" data-admin-api="${adminApi}" data-admin-token="${adminToken}" data-site-url="${site.base}" data-module-key="${moduleKey}" data-issue-key="${issueKey}"></script>\n    <script src="item.js">`,
        ),
      );
    });
    app.get<{ Params: { file: string } }>('/forge/exalate/:file', async (request, reply) =>
      sendAppFile(reply, 'jiraCloudConsole', request.params.file, framedAppPolicy(adminApi), (page) =>
        page.replace(
          '<script src="console.js">',
          `<script src="${site.base}/forge/bridge-shim.js" data-admin-api="${adminApi}" data-admin-token="${adminToken}" data-site-url="${site.base}"></script>\n    <script src="console.js">`,
        ),
      ),
    );
  };
}

export interface AzureDevOpsHostOptions {
  readonly organization: AzureDevOpsOrganization;
  /** The node URL the organization's admin saved in the hub (the extension data service); null: not yet. */
  readonly nodeUrl: string | null;
  /** The organization's projects, for its start page. */
  readonly listProjects: () => Promise<readonly string[]>;
}

/** The work item's pages (group, action, dialog) by the name in their URL. */
const workItemApps: Readonly<Record<string, HostApp>> = {
  group: 'azureDevOpsWorkItemGroup',
  action: 'azureDevOpsWorkItemAction',
  dialog: 'azureDevOpsWorkItemDialog',
};

/**
 * An Azure DevOps organization as an admin meets Exalate in it (mounted at `organization.base`):
 * the start page, `/_settings/…` with Extensions, and `/_settings/idalko-tools.exalate.adnode`
 * with the hub in its iframe. `/_host/…` plays Azure DevOps' services for the SDK shim: the app
 * token, and the extension data service (kept in memory, one store per organization).
 */
export function azureDevOpsHostRoutes({ organization, nodeUrl, listProjects }: AzureDevOpsHostOptions): FastifyPluginAsync {
  const extensionData = new Map<string, unknown>(nodeUrl === null ? [] : [['exalate-node-url', nodeUrl]]);
  return async (app) => {
    app.get('/', async (_request, reply) => html(reply, azureDevOpsHomePage(organization, await listProjects())));
    app.get('/_settings', async (_request, reply) => reply.redirect(`${organization.base}/_settings/`));
    app.get('/_settings/', async (_request, reply) => html(reply, azureDevOpsSettingsPage(organization, '')));
    app.get<{ Params: { route: string } }>('/_settings/:route', async (request, reply) =>
      request.params.route === exalateHubRoute
        ? html(
            reply,
            azureDevOpsHubPage(organization, {
              source: `${organization.base}/_apps/exalate/hub.html`,
              shimScript: `${organization.base}/_apps/sdk-shim.js`,
              hostApi: `${organization.base}/_host`,
            }),
          )
        : html(reply, azureDevOpsSettingsPage(organization, request.params.route)),
    );
    app.get<{ Params: { app: string; file: string } }>('/_apps/exalate/work-item/:app/:file', async (request, reply) => {
      const workItemApp = Object.hasOwn(workItemApps, request.params.app) ? workItemApps[request.params.app] : undefined;
      if (workItemApp === undefined) return reply.code(404).type('text/plain').send(`${request.params.app} is not part of the extension`);
      return sendAppFile(reply, workItemApp, request.params.file, framedAppPolicy(nodeUrl ?? ''));
    });
    app.get('/_apps/sdk-shim.js', async (_request, reply) => reply.type(contentTypes['.js'] ?? '').send(await shimScript('azure-devops-sdk-shim.ts')));
    app.get<{ Params: { file: string } }>('/_apps/exalate/:file', async (request, reply) =>
      sendAppFile(reply, 'azureDevOpsHub', request.params.file, framedAppPolicy(nodeUrl ?? '')),
    );
    app.post('/_host/app-token', async () => ({ token: issueSandboxAppToken({ userId: 'sandbox-admin', organization: organization.name }) }));
    app.get<{ Params: { key: string } }>('/_host/extension-data/:key', async (request) => ({ value: extensionData.get(request.params.key) ?? null }));
    app.put<{ Params: { key: string }; Body: { value?: unknown } }>('/_host/extension-data/:key', async (request) => {
      extensionData.set(request.params.key, request.body.value ?? null);
      return { value: extensionData.get(request.params.key) };
    });
  };
}

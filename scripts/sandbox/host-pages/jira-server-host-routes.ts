import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { adminSectionLinks } from '../../../manifests/jira-server/plugin-descriptor';
import { exalateJiraServerAppKey } from '../../../hosts/jira-server/app-key';
import { jiraDataCenterDashboard, jiraDataCenterManageApps, jiraDataCenterOtherAdminPage, type JiraDataCenterSite } from './jira-server-pages';

export interface JiraServerHostOptions {
  readonly site: JiraDataCenterSite;
  /** The node the sandbox's plugin was "packaged" with: the admin section's links go there. */
  readonly nodeUrl: string;
  /** The Jira session of the signed-in administrator, and the path Jira's cookie covers (site and REST API). */
  readonly session: { readonly value: string; readonly cookiePath: string };
}

/**
 * Jira Data Center's own pages around Exalate (mounted at `site.base`): the dashboard and Manage apps
 * (`/plugins/servlet/upm`), with the Exalate section built from the plugin descriptor `npm run package`
 * writes. The browser is signed in to this Jira as its administrator: every page sets Jira's session
 * cookie, which Jira's OAuth 2.0 provider reads when Exalate asks who is coming.
 */
export function jiraServerHostRoutes({ site, nodeUrl, session }: JiraServerHostOptions): FastifyPluginAsync {
  const html = (reply: FastifyReply, body: string) =>
    reply
      .header('set-cookie', `JSESSIONID=${session.value}; Path=${session.cookiePath}; HttpOnly; SameSite=Lax`)
      .header('content-security-policy', "frame-ancestors 'none'")
      .header('x-frame-options', 'DENY')
      .type('text/html; charset=utf-8')
      .send(body);
  return async (app) => {
    app.get('/', async (_request, reply) => reply.redirect(`${site.base}/secure/Dashboard.jspa`));
    app.get('/secure/Dashboard.jspa', async (_request, reply) => html(reply, jiraDataCenterDashboard(site)));
    app.get('/plugins/servlet/upm', async (_request, reply) =>
      html(reply, jiraDataCenterManageApps(site, adminSectionLinks(nodeUrl), exalateJiraServerAppKey)),
    );
    app.get<{ Params: { section: string } }>('/secure/admin/:section', async (request, reply) =>
      html(reply, jiraDataCenterOtherAdminPage(site, request.params.section)),
    );
  };
}

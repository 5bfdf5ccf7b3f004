import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { NodeContext } from '../../../core';
import { jiraServerEntryPath, jiraServerItemSurfacePath } from '../../jira-server/plugin-addresses';
import { applyConsolePagePolicy } from '../ui/console-page-policy';
import { consoleFavicon, consoleStylesheet, escapeHtml, nodePageBundle } from '../ui/console-routes';
import { servesJiraServerPlugin } from './serves-jira-server-plugin';

/**
 * `GET {node}/jira-server/item?issueKey=ENG-1`: the page the Jira DC plugin's issue panel frames
 * (manifests/jira-server/plugin-descriptor.ts, `atl.jira.view.issue.right.context`), with the
 * issue's Exalate surface in the node console's look, plus its script and stylesheet beside it.
 * Jira shows it in a frame, so the page lets exactly the Jira site the node serves frame it
 * (CSP `frame-ancestors`, W3C CSP Level 3); any other site framing it is refused by the browser.
 * The page carries no session: the admin signs in through Jira's entry in a window of its own
 * (jira-server-item-app.tsx), and the admin API checks that session on every call.
 */
export const jiraServerItemSurfaceScriptPath = `${jiraServerItemSurfacePath}.js`;
export const jiraServerItemSurfaceStylesheetPath = `${jiraServerItemSurfacePath}.css`;

/** A Jira issue key as Jira makes them: the project key (a letter, then letters, digits or _), a dash, a number. */
export const jiraIssueKeySchema = z.string().regex(/^[A-Z][A-Z0-9_]{0,254}-[1-9][0-9]{0,17}$/);

const querySchema = z.looseObject({ issueKey: jiraIssueKeySchema });

/** How long the Jira site's origin is kept before it is read again (the node may be pointed at another Jira). */
const jiraOriginLifetimeMs = 60_000;

/**
 * `canEnter`: whether the node has Jira's incoming application link (JIRA_SERVER_OAUTH_CLIENT_ID and
 * _SECRET); without it the panel says so instead of offering a sign-in that cannot work.
 */
export function registerJiraServerItemSurfaceRoutes(app: FastifyInstance, context: NodeContext, canEnter: boolean): void {
  if (!servesJiraServerPlugin[context.tracker.kind]) return;
  const nodePath = app.prefix;
  let jiraOrigin: { readonly value: string; readonly readAt: number } | undefined;
  const readJiraOrigin = async (): Promise<string> => {
    const now = context.clock.now();
    if (jiraOrigin !== undefined && now - jiraOrigin.readAt < jiraOriginLifetimeMs) return jiraOrigin.value;
    const value = new URL((await context.tracker.describeInstance()).url).origin;
    jiraOrigin = { value, readAt: now };
    return value;
  };

  app.get(jiraServerItemSurfacePath, async (request, reply) => {
    let frameAncestor: string;
    try {
      frameAncestor = await readJiraOrigin();
    } catch (error) {
      return sendProblem(
        reply,
        503,
        `The node cannot reach Jira to learn which site may show this panel (${error instanceof Error ? error.message : String(error)}). Ask whoever runs the node to connect it to Jira (General settings → Tracker connection, or TRACKER_URL and TRACKER_AUTH).`,
        [],
      );
    }
    const query = querySchema.safeParse(request.query);
    if (!query.success)
      return sendProblem(
        reply,
        400,
        'This page shows Exalate on one Jira issue, and its address names none (or a malformed key). Open an issue in Jira and look at its Exalate panel; the address ends in ?issueKey= and the issue key, such as ENG-1.',
        [frameAncestor],
      );
    const issueKey = query.data.issueKey;
    const configuration = JSON.stringify({
      issueKey,
      adminApi: `${nodePath}/api/v1`,
      entryUrl: canEnter ? `${nodePath}${jiraServerEntryPath}?page=item&issueKey=${encodeURIComponent(issueKey)}` : null,
    }).replace(/</g, '\\u003c');
    const configurationScript = `window.exalateItemSurface = ${configuration};`;
    return applyConsolePagePolicy(reply, { inlineScripts: [configurationScript], frameAncestors: [frameAncestor] })
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="en" data-tracker="jira-server"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Exalate · ${escapeHtml(issueKey)}</title>
<link rel="icon" href="${consoleFavicon}">
<link rel="stylesheet" href="${nodePath}${jiraServerItemSurfaceStylesheetPath}"></head>
<body class="item-surface-page"><main id="root" aria-label="Exalate on ${escapeHtml(issueKey)}"></main>
<script>${configurationScript}</script>
<script src="${nodePath}${jiraServerItemSurfaceScriptPath}"></script></body></html>`);
  });
  app.get(jiraServerItemSurfaceStylesheetPath, async (_request, reply) =>
    reply
      .type('text/css; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(await consoleStylesheet()),
  );
  app.get(jiraServerItemSurfaceScriptPath, async (_request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(await nodePageBundle('jira-server-item', 'jira-server-item-app.tsx')),
  );
}

function sendProblem(reply: FastifyReply, status: number, message: string, frameAncestors: readonly string[]): FastifyReply {
  return applyConsolePagePolicy(reply.code(status), { frameAncestors })
    .type('text/html; charset=utf-8')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Exalate</title></head><body><main><h1>Exalate</h1><p>${escapeHtml(message)}</p></main></body></html>`,
    );
}

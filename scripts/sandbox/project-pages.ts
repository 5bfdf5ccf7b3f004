import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { TrackerItem, TrackerItemOperations, TrackerV1 } from '../../core';
import { richTextFromPlain } from '../../core';
import { escapeHtml } from './host-pages/html';
import { renderEditControls, renderItemPage } from './host-pages/item-pages';
import type { SandboxInstanceDefinition } from './sandbox-instances';

export interface ProjectPagesOptions {
  readonly definition: SandboxInstanceDefinition;
  readonly baseUrl: string;
  /** The adapter the instance's node uses: every write goes through the tracker's REST API, so its change events flow. */
  readonly tracker: TrackerV1 & TrackerItemOperations;
  readonly adminApi: string;
  readonly adminToken: string;
  /** The emulated tracker's base URL (trackerApi): an item's address in the tracker leads to its item page. */
  readonly trackerApi: string;
}

/**
 * Where each tracker opens an item, after its base URL: the same addresses the item surface links
 * a remote item to (core/sync/remote-item-url.ts).
 */
const itemAddresses: Readonly<Record<SandboxInstanceDefinition['tracker'], string>> = {
  'jira-cloud': '/browse/:key',
  'jira-server': '/browse/:key',
  'azure-devops': '/_workitems/edit/:key',
  asana: '/0/0/:key',
};

/** Items listed on a project page: the newest this many. */
const listedItems = 50;
const anyTime = '1970-01-01T00:00:00.000Z';

/** `{key}` stands for the item's key: the `itemPage` of `/sandbox.json`. */
export const itemPageTemplate = (baseUrl: string, instanceId: string) => `${baseUrl}/${instanceId}/items/{key}`;
export const projectsPage = (baseUrl: string, instanceId: string) => `${baseUrl}/${instanceId}/projects`;

/**
 * A newcomer's way to try sync in the browser alone, for one emulated tracker (mounted at
 * `/{instance}`): `projects` lists its projects, `projects/{key}` its items with a form to create
 * one, and `items/{key}` shows an item as its host would, with controls to change the summary and
 * the status and add a comment. Forms post back here and the sandbox writes through the tracker's
 * adapter; a post from another site is refused.
 */
export function projectPages(options: ProjectPagesOptions): FastifyPluginAsync {
  const { definition, baseUrl, tracker } = options;
  const projectPage = (projectKey: string) => `${baseUrl}/${definition.id}/projects/${encodeURIComponent(projectKey)}`;
  const itemPage = (key: string) => `${baseUrl}/${definition.id}/items/${encodeURIComponent(key)}`;
  return async (app) => {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) =>
      done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    app.addHook('preHandler', async (request, reply) => {
      if (request.method === 'POST' && !isSameOrigin(request, baseUrl))
        return reply.code(403).type('text/plain').send('Forms of the sandbox are accepted from its own pages only.');
      return undefined;
    });

    // The emulator serves the tracker's API only; a person following an item's address lands on its item page.
    const trackerPath = new URL(options.trackerApi).pathname.slice(`/${definition.id}`.length);
    app.get<{ Params: { key: string } }>(`${trackerPath}${itemAddresses[definition.tracker]}`, async (request, reply) =>
      reply.redirect(itemPage(request.params.key)),
    );

    app.get('/projects', async (_request, reply) => {
      const projects = await tracker.listProjects();
      const rows = projects
        .map((project) => `<li><a href="${escapeHtml(projectPage(project.key))}">${escapeHtml(project.name)}</a> <code>${escapeHtml(project.key)}</code></li>`)
        .join('');
      return html(
        reply,
        sandboxPage(
          `${definition.title}: projects`,
          `<p><a href="/">← Exalate sandbox</a></p><h1>${escapeHtml(definition.title)}: projects</h1><ul>${rows}</ul>`,
        ),
      );
    });

    app.get<{ Params: { projectKey: string }; Querystring: { notice?: string } }>('/projects/:projectKey', async (request, reply) => {
      const { projectKey } = request.params;
      const project = (await tracker.listProjects()).find((candidate) => candidate.key === projectKey);
      if (!project)
        return html(
          reply.code(404),
          sandboxPage(
            'No such project',
            `<h1>No project ${escapeHtml(projectKey)}</h1><p><a href="${escapeHtml(projectsPage(baseUrl, definition.id))}">See the projects</a>.</p>`,
          ),
        );
      const items = await newestItems(tracker, projectKey);
      const rows = items
        .map(
          (item) =>
            `<tr><td><a href="${escapeHtml(itemPage(item.key))}">${escapeHtml(item.key)}</a></td><td>${escapeHtml(item.summary)}</td><td>${escapeHtml(item.status)}</td></tr>`,
        )
        .join('');
      return html(
        reply,
        sandboxPage(
          `${project.name} - ${definition.title}`,
          `<p><a href="${escapeHtml(projectsPage(baseUrl, definition.id))}">← ${escapeHtml(definition.title)}: projects</a></p>
<h1>${escapeHtml(project.name)}</h1>${noticeLine(request.query.notice)}
<form method="post" action="${escapeHtml(projectPage(projectKey))}/items"><label for="create-summary">Summary</label> <input id="create-summary" name="summary" required maxlength="255"> <button type="submit">Create</button></form>
<table><caption>Items, newest first</caption><thead><tr><th scope="col">Key</th><th scope="col">Summary</th><th scope="col">Status</th></tr></thead><tbody>${rows || '<tr><td colspan="3">None yet: create one above.</td></tr>'}</tbody></table>`,
        ),
      );
    });

    app.post<{ Params: { projectKey: string }; Body: Record<string, string> | undefined }>('/projects/:projectKey/items', async (request, reply) => {
      const summary = (request.body?.['summary'] ?? '').trim();
      if (summary === '')
        return reply.redirect(`${projectPage(request.params.projectKey)}?notice=${encodeURIComponent('Enter a summary to create an item.')}`, 303);
      const created = await attempt(() => tracker.createItem({ projectKey: request.params.projectKey, type: defaultItemType[definition.tracker], summary }));
      return created.ok
        ? reply.redirect(itemPage(created.value.key), 303)
        : reply.redirect(`${projectPage(request.params.projectKey)}?notice=${encodeURIComponent(created.message)}`, 303);
    });

    app.get<{ Params: { key: string }; Querystring: { notice?: string } }>('/items/:key', async (request, reply) => {
      const item = await tracker.getItem(request.params.key);
      if (!item)
        return html(
          reply.code(404),
          sandboxPage(
            'No such item',
            `<h1>No item ${escapeHtml(request.params.key)}</h1><p><a href="${escapeHtml(projectsPage(baseUrl, definition.id))}">See the projects</a>.</p>`,
          ),
        );
      return html(
        reply,
        renderItemPage({
          instanceId: definition.id,
          instanceTitle: definition.title,
          tracker: definition.tracker,
          item,
          projectPage: projectPage(item.projectKey),
          editControls: renderEditControls(itemPage(item.key), item),
          notice: request.query.notice ?? null,
          adminApi: options.adminApi,
          adminToken: options.adminToken,
        }),
      );
    });

    const edit = (path: string, field: string, write: (key: string, value: string) => Promise<unknown>, done: string) =>
      app.post<{ Params: { key: string }; Body: Record<string, string> | undefined }>(`/items/:key/${path}`, async (request, reply) => {
        const { key } = request.params;
        const value = (request.body?.[field] ?? '').trim();
        const outcome = value === '' ? { ok: false as const, message: `Enter a ${field} first.` } : await attempt(() => write(key, value));
        return reply.redirect(`${itemPage(key)}?notice=${encodeURIComponent(outcome.ok ? done : outcome.message)}`, 303);
      });
    edit('summary', 'summary', (key, summary) => tracker.updateItem(key, { summary }), 'Summary saved.');
    edit('status', 'status', (key, status) => tracker.updateItem(key, { status }), 'Status changed.');
    edit('comments', 'comment', (key, comment) => tracker.addComment(key, richTextFromPlain(comment)), 'Comment added.');
  };
}

/** What a new item is, by tracker: what each emulator's sample projects offer. */
const defaultItemType: Readonly<Record<SandboxInstanceDefinition['tracker'], string>> = {
  'jira-cloud': 'Task',
  'jira-server': 'Task',
  'azure-devops': 'Task',
  asana: 'Task',
};

async function newestItems(tracker: TrackerItemOperations, projectKey: string): Promise<readonly TrackerItem[]> {
  const keys: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await tracker.listChangedSince(projectKey, anyTime, { cursor, limit: 100 });
    keys.push(...page.keys);
    cursor = page.nextCursor;
  } while (cursor !== null && keys.length < 1000);
  const items = await Promise.all(keys.slice(-listedItems).map((key) => tracker.getItem(key)));
  return items.filter((item): item is TrackerItem => item !== undefined).sort((first, second) => second.updated.localeCompare(first.updated));
}

/** The tracker's refusal, in its adapter's words, for the notice on the page. */
async function attempt<T>(work: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; message: string }> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** Browsers send Origin with every form post; one from another site is refused, so no page elsewhere can edit the sandbox's items. */
function isSameOrigin(request: FastifyRequest, baseUrl: string): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  const host = request.headers.host ?? '';
  return origin === new URL(baseUrl).origin || origin === `http://${host}`;
}

function noticeLine(notice: string | undefined): string {
  return notice ? `<p role="status">${escapeHtml(notice)}</p>` : '';
}

const html = (reply: FastifyReply, page: string) =>
  reply.header('content-security-policy', "frame-ancestors 'none'").header('x-frame-options', 'DENY').type('text/html; charset=utf-8').send(page);

function sandboxPage(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${escapeHtml(title)}</title>
<style>body{font:14px/1.5 system-ui,sans-serif;margin:24px 32px;color:#172b4d}a{color:#0c66e4}table{border-collapse:collapse;margin-top:16px;min-width:600px}caption{text-align:left;font-weight:600;padding:4px 0}th,td{text-align:left;padding:6px 10px;border-bottom:1px solid #dfe1e6}form{margin:12px 0}label{font-weight:600;margin-right:6px}</style></head>
<body><main>${body}</main></body></html>`;
}

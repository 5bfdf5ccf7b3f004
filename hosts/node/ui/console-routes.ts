import { existsSync } from 'node:fs';
import type { FastifyPluginAsync } from 'fastify';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TrackerKind } from '../../../core';
import { applyConsolePagePolicy, originOf } from './console-page-policy';

export interface ConsoleOptions {
  readonly title: string;
  readonly tracker: TrackerKind;
  readonly adminApi: string;
  /**
   * Handed to the page so the console can call its node without signing in. Only for the local
   * sandbox; a self-hosted node leaves it out and the console asks the admin for the token.
   */
  readonly adminToken?: string;
}

const bundles = new Map<string, Promise<string>>();

/**
 * A browser bundle of the node's pages: the prebuilt `{name}.js` beside this file in a packaged node
 * (dist/node, written by scripts/build.ts), otherwise bundled from `entry` (TypeScript, beside this
 * file) on first use; kept for the life of the process.
 */
export function nodePageBundle(name: string, entry: string): Promise<string> {
  const kept = bundles.get(name);
  if (kept) return kept;
  const prebuilt = join(__dirname, `${name}.js`);
  const bundle = existsSync(prebuilt)
    ? readFile(prebuilt, 'utf8')
    : import('esbuild').then(async (esbuild) => {
        const result = await esbuild.build({
          entryPoints: [join(__dirname, entry)],
          bundle: true,
          write: false,
          format: 'iife',
          platform: 'browser',
          target: 'es2022',
          minify: true,
          legalComments: 'none',
        });
        const output = result.outputFiles[0];
        if (!output) throw new Error(`esbuild produced no ${name} bundle`);
        return output.text;
      });
  bundles.set(name, bundle);
  return bundle;
}

/** The console script (console-app.ts). */
const consoleBundle = () => nodePageBundle('console', 'console-app.ts');

let stylesheet: Promise<string> | undefined;

/** The console's one stylesheet (themes for every tracker), read on first use and kept. */
export function consoleStylesheet(): Promise<string> {
  stylesheet ??= readFile(join(__dirname, 'console.css'), 'utf8');
  return stylesheet;
}

/** The Exalate mark, inline: no extra request, and no 404 for /favicon.ico in the browser's log. */
export const consoleFavicon = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect width="24" height="24" rx="5" fill="#0c66e4"/><path d="M6 9h10.5l-2.5-2.5M18 15H7.5l2.5 2.5" fill="none" stroke="#fff" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/></svg>')}`;

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** Serves one instance's Exalate console: `GET /` (the page), `GET /console.js` and `GET /console.css`. */
export function consoleRoutes(options: ConsoleOptions): FastifyPluginAsync {
  const configuration = JSON.stringify({
    title: options.title,
    tracker: options.tracker,
    adminApi: options.adminApi,
    adminToken: options.adminToken ?? null,
  }).replace(/</g, '\\u003c');
  const configurationScript = `window.exalateConsole = ${configuration};`;
  // The node's own console is a top-level page: nobody frames it, and it calls only its admin API.
  const policy = { inlineScripts: [configurationScript], connectOrigins: originOf(options.adminApi), frameAncestors: [] };
  return async (app) => {
    app.get('/', async (request, reply) => {
      const path = request.url.split('?')[0] ?? '';
      const base = path.endsWith('/') ? '' : `${path}/`;
      return applyConsolePagePolicy(reply, policy).type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="en" data-tracker="${options.tracker}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Exalate · ${escapeHtml(options.title)}</title>
<link rel="icon" href="${consoleFavicon}">
<link rel="stylesheet" href="${base}console.css"></head>
<body><div id="root"></div>
<script>${configurationScript}</script>
<script src="${base}console.js"></script></body></html>`);
    });
    app.get('/console.css', async (_request, reply) =>
      reply
        .type('text/css; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(await consoleStylesheet()),
    );
    app.get('/console.js', async (_request, reply) =>
      reply
        .type('text/javascript; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(await consoleBundle()),
    );
  };
}

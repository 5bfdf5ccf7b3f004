import type { FastifyPluginAsync } from 'fastify';
import { join } from 'node:path';
import type { TrackerKind } from '../../../core';

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

let bundle: Promise<string> | undefined;

/** The console script, bundled from TypeScript on first use and kept for the life of the process. */
function consoleBundle(): Promise<string> {
  bundle ??= import('esbuild').then(async (esbuild) => {
    const result = await esbuild.build({
      entryPoints: [join(__dirname, 'console-app.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      minify: true,
      legalComments: 'none',
    });
    const output = result.outputFiles[0];
    if (!output) throw new Error('esbuild produced no console bundle');
    return output.text;
  });
  return bundle;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** Serves one instance's Exalate console: `GET /` (the page) and `GET /console.js`. */
export function consoleRoutes(options: ConsoleOptions): FastifyPluginAsync {
  const configuration = JSON.stringify({ title: options.title, tracker: options.tracker, adminApi: options.adminApi, adminToken: options.adminToken ?? null }).replace(/</g, '\\u003c');
  return async (app) => {
    app.get('/', async (request, reply) => {
      const base = request.url.endsWith('/') ? '' : `${request.url.split('?')[0]}/`;
      return reply.type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="en" data-tracker="${options.tracker}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Exalate · ${escapeHtml(options.title)}</title></head>
<body><div id="root"></div>
<script>window.exalateConsole = ${configuration};</script>
<script src="${base}console.js"></script></body></html>`);
    });
    app.get('/console.js', async (_request, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(await consoleBundle()));
  };
}

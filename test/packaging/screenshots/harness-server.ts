import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { azureDevOpsFrame, jiraFrame } from './host-frames';

export interface HarnessOptions {
  /** dist/jira-cloud/static/console and dist/azure-devops/extension/hub: the packaged bundles. */
  readonly jiraConsoleDirectory: string;
  readonly azureDevOpsHubDirectory: string;
  readonly jiraNode: { readonly origin: string; readonly adminToken: string };
  readonly azureDevOpsNode: { readonly origin: string; readonly adminToken: string };
}

export interface Harness {
  readonly origin: string;
  close(): Promise<void>;
}

const contentTypes: Readonly<Record<string, string>> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.woff': 'font/woff', '.woff2': 'font/woff2', '.png': 'image/png' };

async function bundleStub(entry: string): Promise<string> {
  const result = await build({ entryPoints: [entry], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'es2020', logLevel: 'warning' });
  return result.outputFiles[0]?.text ?? '';
}

/**
 * One origin for everything the screenshots load: the host frames, the packaged bundles, the
 * SDK stand-ins, and the two nodes' APIs behind /jira-node and /ado-node (same origin, so the
 * hub's calls need no CORS, which the node does not answer yet).
 */
export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const stubs = {
    '/stubs/forge-bridge.js': await bundleStub(join(__dirname, 'forge-bridge-stub.ts')),
    '/stubs/azure-devops-host.js': await bundleStub(join(__dirname, 'azure-devops-host-stub.ts')),
  } as Record<string, string>;
  let origin = '';
  const send = (response: ServerResponse, status: number, type: string, body: string | Buffer) => {
    response.writeHead(status, { 'content-type': type });
    response.end(body);
  };
  const serveFile = (response: ServerResponse, directory: string, path: string) => {
    const file = normalize(join(directory, path));
    if (!file.startsWith(directory)) return send(response, 403, 'text/plain', 'no');
    try {
      send(response, 200, contentTypes[extname(file)] ?? 'application/octet-stream', readFileSync(file));
    } catch {
      send(response, 404, 'text/plain', 'not found');
    }
  };
  const proxy = async (request: IncomingMessage, response: ServerResponse, target: string) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const answer = await fetch(target, {
      method: request.method ?? 'GET',
      headers: Object.fromEntries(Object.entries(request.headers).filter(([name]) => ['authorization', 'content-type', 'accept'].includes(name)) as [string, string][]),
      ...(chunks.length === 0 ? {} : { body: Buffer.concat(chunks) }),
    });
    send(response, answer.status, answer.headers.get('content-type') ?? 'application/json', Buffer.from(await answer.arrayBuffer()));
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', origin);
    const path = url.pathname;
    if (path === '/jira') return send(response, 200, 'text/html', jiraFrame(url.searchParams.get('route') ?? 'connections', `/jira-app/index.html?route=/${url.searchParams.get('route') ?? 'connections'}`));
    if (path === '/jira-app/index.html') {
      const page = readFileSync(join(options.jiraConsoleDirectory, 'index.html'), 'utf8');
      const stub = `<script src="/stubs/forge-bridge.js" data-admin-api="/jira-node/api/v1" data-admin-token="${options.jiraNode.adminToken}" data-module-key="exalate-admin"></script>\n    <script src="console.js">`;
      return send(response, 200, 'text/html', page.replace('<script src="console.js">', stub));
    }
    if (path.startsWith('/jira-app/')) return serveFile(response, options.jiraConsoleDirectory, path.slice('/jira-app/'.length));
    if (path === '/ado') {
      const nodeUrl = url.searchParams.has('fresh') ? null : `${origin}/ado-node`;
      return send(response, 200, 'text/html', azureDevOpsFrame('/ado-app/hub.html', { script: '/stubs/azure-devops-host.js', appToken: options.azureDevOpsNode.adminToken, nodeUrl }));
    }
    if (path.startsWith('/ado-app/')) return serveFile(response, options.azureDevOpsHubDirectory, path.slice('/ado-app/'.length));
    const stub = stubs[path];
    if (stub !== undefined) return send(response, 200, 'text/javascript', stub);
    if (path.startsWith('/jira-node/')) return void proxy(request, response, `${options.jiraNode.origin}${path.slice('/jira-node'.length)}`).catch(() => send(response, 502, 'text/plain', 'node down'));
    if (path.startsWith('/ado-node/')) return void proxy(request, response, `${options.azureDevOpsNode.origin}${path.slice('/ado-node'.length)}`).catch(() => send(response, 502, 'text/plain', 'node down'));
    return send(response, 404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  return {
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

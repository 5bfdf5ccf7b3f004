import Fastify, { type FastifyInstance } from 'fastify';
import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection, LoggerV1 } from '../../core';
import { AsanaAdapter } from '../../hosts/asana/adapter';
import { startAsanaHarness, type AsanaHarness } from '../support/asana-harness';
import { changeHookPath, maximumItemsPerEvent, registerChangeHooks } from '../../hosts/node/change-hooks';
import { startNode, type RunningNode } from '../../hosts/node/start-node';

/**
 * Asana's webhook handshake (X-Hook-Secret) can be sent by anyone who reaches the node. The node
 * answers it only for a webhook it is registering itself, keeps one secret per webhook, and reads
 * at most a few tasks for one event, whoever signed it.
 */
interface LogLine {
  readonly level: string;
  readonly message: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

const lines: LogLine[] = [];
const logger: LoggerV1 = {
  info: (message, fields = {}) => void lines.push({ level: 'info', message, fields }),
  warn: (message, fields = {}) => void lines.push({ level: 'warn', message, fields }),
  error: (message, fields = {}) => void lines.push({ level: 'error', message, fields }),
};

/** Task reads (`GET /tasks/{gid}`) that reached the emulator: what a forged event costs the node's quota. */
let taskReads = 0;
let harness: AsanaHarness;
let adapter: AsanaAdapter;
let dataDirectory: string;
let node: RunningNode;
let server: FastifyInstance;
let origin: string;

const syncingConnection: Connection = {
  id: 'con_watch',
  name: 'Watched',
  description: '',
  mode: 'script',
  status: 'active',
  statusReason: null,
  role: 'initiator',
  localName: 'asana',
  remoteName: 'jira',
  projectKey: 'any',
  destination: 'https://jira.example',
  remoteTracker: 'jira-cloud',
  localIsPrivate: false,
  peer: { nodeId: 'node_peer', publicKey: 'peer-public-key', nodeUrl: 'https://jira.example', tracker: 'jira-cloud' },
  invitationExpiresAt: null,
  createdAt: 1,
  updatedAt: 1,
};

async function startServedNode(): Promise<void> {
  node = await startNode({ name: 'asana-hooks', dataDirectory, nodeUrl: null, tracker: adapter, logger, runSync: false });
  server = Fastify({ forceCloseConnections: true });
  await server.register(node.routes);
  await server.listen({ port: 0, host: '127.0.0.1' });
  const address = server.server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
}

async function stopServedNode(): Promise<void> {
  await server.close();
  await node.close();
}

/** What Asana would send: the body, signed with a webhook's secret, to a target URL. */
async function deliver(url: string, body: unknown, secret: string): Promise<Response> {
  const text = JSON.stringify(body);
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hook-signature': createHmac('sha256', secret).update(text).digest('hex') },
    body: text,
  });
}

const taskEvent = (...gids: string[]) => ({ events: gids.map((gid) => ({ action: 'changed', resource: { gid, resource_type: 'task' } })) });
const webhooks = () => harness.emulator.state.list('webhooks');
const webhookOf = (resource: string) => {
  const found = webhooks().find((webhook) => webhook.resourceGid === resource);
  if (found === undefined) throw new Error(`no webhook for ${resource}`);
  return found;
};
const pathOf = (target: string) => {
  const url = new URL(target);
  return `${url.pathname}${url.search}`;
};

async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let roadmap: string;

beforeAll(async () => {
  harness = await startAsanaHarness();
  roadmap = harness.emulator.state.projects.find((project) => project.name === 'Roadmap')?.gid ?? '';
  adapter = new AsanaAdapter({
    baseUrl: harness.server.mountUrl,
    authorization: harness.emulator.authorization,
    fetch: (url, init) => {
      if ((init.method ?? 'GET') === 'GET' && /\/api\/1\.0\/tasks\/\d+(\?|$)/.test(url)) taskReads += 1;
      return harness.checks.fetch(url, init);
    },
    clock: harness.timers.clock,
    sleep: harness.timers.sleep,
    random: harness.timers.random,
  });
  dataDirectory = mkdtempSync(join(tmpdir(), 'exalate-asana-hooks-'));
  await startServedNode();
  await node.context.store.insertConnection(syncingConnection);
  await registerChangeHooks(node, `${origin}${changeHookPath}`);
});

afterAll(async () => {
  await stopServedNode();
  await harness.close();
});

describe('Asana webhook trust', () => {
  it('registers one webhook per project through its own handshake, logs each, and takes their signed deliveries', async () => {
    const projects = (await adapter.listProjects()).length;
    expect(webhooks()).toHaveLength(projects);
    expect(lines.filter((line) => line.message === 'an Asana webhook handshake was accepted')).toHaveLength(projects);

    const { key } = await adapter.createItem({ projectKey: roadmap, type: 'Task', summary: 'Watched by the node' });
    await harness.emulator.hookDeliveries.settled();
    const toRoadmap = harness.emulator.hookDeliveries.attempts.filter((attempt) => attempt.url === webhookOf(roadmap).target);
    expect(toRoadmap.length).toBeGreaterThan(0);
    expect(toRoadmap.every((attempt) => attempt.outcome === 204)).toBe(true);
    expect(key).toMatch(/^\d+$/);
  });

  it('logs the project each accepted handshake was for', async () => {
    const projects = (await adapter.listProjects()).map((project) => project.key).sort();
    const logged = lines.filter((line) => line.message === 'an Asana webhook handshake was accepted').map((line) => line.fields['resource']);
    expect([...new Set(logged)].sort()).toEqual(projects);
  });

  it('logs why a handshake was refused and where it came from', async () => {
    const refusedBefore = lines.filter((line) => line.message === 'an Asana webhook handshake was refused').length;
    for (const path of [changeHookPath, `${changeHookPath}?registration=made-up`]) {
      expect((await fetch(`${origin}${path}`, { method: 'POST', headers: { 'x-hook-secret': 'attacker-chosen-secret' } })).status).toBe(403);
    }
    expect(lines.filter((line) => line.message === 'an Asana webhook handshake was refused').slice(refusedBefore)).toEqual([
      {
        level: 'warn',
        message: 'an Asana webhook handshake was refused',
        fields: { reason: 'the handshake names no registration of this node', from: '127.0.0.1' },
      },
      {
        level: 'warn',
        message: 'an Asana webhook handshake was refused',
        fields: { reason: 'no registration of this node is in progress under that name', from: '127.0.0.1' },
      },
    ]);
  });

  it('tells the sender of a delivery through no webhook the node registered to delete it and restart the node', async () => {
    const answer = await deliver(`${origin}${changeHookPath}?registration=made-up`, taskEvent('1001'), 'any-secret');
    expect(answer.status).toBe(401);
    expect(((await answer.json()) as { error: { message: string } }).error.message).toBe(
      'This delivery came through no webhook the node registered. If the webhook was created elsewhere, delete it and restart the node to register its own.',
    );
  });

  it('refuses a handshake out of the blue, logs it, and never trusts its secret', async () => {
    const forged = 'attacker-chosen-secret';
    const registered = new URL(webhookOf(roadmap).target).searchParams.get('registration') ?? '';
    const refusedBefore = lines.filter((line) => line.message === 'an Asana webhook handshake was refused').length;
    for (const path of [changeHookPath, `${changeHookPath}?registration=made-up`, `${changeHookPath}?registration=${registered}`]) {
      const answer = await fetch(`${origin}${path}`, { method: 'POST', headers: { 'x-hook-secret': forged } });
      expect(answer.status).toBe(403);
      expect(answer.headers.get('x-hook-secret')).toBeNull();
      expect(((await answer.json()) as { error: { message: string } }).error.message).toContain('only while it is registering');
    }
    expect(lines.filter((line) => line.message === 'an Asana webhook handshake was refused').length - refusedBefore).toBe(3);

    const readsBefore = taskReads;
    for (const path of [changeHookPath, `${changeHookPath}?registration=${registered}`]) {
      expect((await deliver(`${origin}${path}`, taskEvent('1001'), forged)).status).toBe(401);
    }
    expect(taskReads).toBe(readsBefore);
  });

  it('reads at most a few tasks for one event, however many it names, and says so in the log', async () => {
    const { secret, target } = webhookOf(roadmap);
    const readsBefore = taskReads;
    const named = Array.from({ length: 500 }, (_, index) => String(900_000 + index));
    expect((await deliver(`${origin}${pathOf(target)}`, taskEvent(...named, ...named), secret)).status).toBe(204);
    await waitFor(
      () => taskReads - readsBefore > maximumItemsPerEvent || lines.some((line) => line.message.startsWith('a tracker event named more items')),
      'the event to be handled',
    );

    const reads = taskReads - readsBefore;
    process.stdout.write(`An event naming 500 tasks (each twice) made the node read ${reads} tasks from Asana (cap ${maximumItemsPerEvent}).\n`);
    expect(reads).toBeLessThanOrEqual(maximumItemsPerEvent);
    expect(lines.find((line) => line.message.startsWith('a tracker event named more items'))?.fields).toMatchObject({ named: 500, read: maximumItemsPerEvent });
  });

  it('after registering again, refuses what is signed with the old secret, deletes the old webhook, and keeps the new secret across a restart', async () => {
    const old = webhookOf(roadmap);
    await registerChangeHooks(node, `${origin}${changeHookPath}?moved=1`);
    const renewed = webhookOf(roadmap);
    expect(renewed.gid).not.toBe(old.gid);
    expect(webhooks().some((webhook) => webhook.gid === old.gid)).toBe(false);

    expect((await deliver(`${origin}${pathOf(old.target)}`, taskEvent('1002'), old.secret)).status).toBe(401);
    expect((await deliver(`${origin}${pathOf(renewed.target)}`, taskEvent('1002'), old.secret)).status).toBe(401);
    expect((await deliver(`${origin}${pathOf(renewed.target)}`, taskEvent('1002'), renewed.secret)).status).toBe(204);

    await stopServedNode();
    await startServedNode();
    expect((await deliver(`${origin}${pathOf(renewed.target)}`, taskEvent('1003'), renewed.secret)).status).toBe(204);
    expect((await deliver(`${origin}${pathOf(old.target)}`, taskEvent('1003'), old.secret)).status).toBe(401);
  });
});

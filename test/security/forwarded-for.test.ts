import Fastify, { type FastifyInstance } from 'fastify';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../core';
import { nodeServerOptions, readTrustedProxies } from '../../hosts/node/http-server-options';
import { startNode, type RunningNode } from '../../hosts/node/start-node';
import { MemoryTracker } from '../fakes/memory-tracker';
import { freePort } from '../support/free-port';

/** A handshake for a connection that does not exist: refused (403), and counted by the rate limit. */
const guessedHandshake = JSON.stringify({
  connectionId: 'con_guessed',
  token: 'g'.repeat(43),
  acceptor: { nodeId: 'node_guesser', publicKey: 'A'.repeat(43), tracker: 'jira-cloud', nodeUrl: null, name: 'guesser' },
});

/** A public node served with the HTTP settings main.ts uses, for the given environment. */
async function serveNode(environment: NodeJS.ProcessEnv): Promise<{ handshakeUrl: string; close: () => Promise<void> }> {
  const port = await freePort();
  const node: RunningNode = await startNode({
    name: 'forwarded',
    dataDirectory: mkdtempSync(join(tmpdir(), 'exalate-forwarded-')),
    nodeUrl: `http://127.0.0.1:${port}`,
    tracker: new MemoryTracker('jira-cloud'),
    logger: silentLogger,
    runSync: false,
  });
  const app: FastifyInstance = Fastify(nodeServerOptions(environment));
  await app.register(node.routes);
  await app.listen({ port, host: '127.0.0.1' });
  return {
    handshakeUrl: `http://127.0.0.1:${port}/exchange/v1/handshake`,
    close: async () => {
      await app.close();
      await node.close();
    },
  };
}

const handshake = (url: string, forwardedFor: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor }, body: guessedHandshake }).then(
    (response) => response.status,
  );

describe('X-Forwarded-For and the failed-handshake rate limit', () => {
  it('without TRUST_PROXY, a new made-up X-Forwarded-For on every try does not reset the limit', async () => {
    const node = await serveNode({});
    try {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 12; attempt++) statuses.push(await handshake(node.handshakeUrl, `203.0.113.${attempt + 1}`));
      expect(statuses.slice(0, 10)).toEqual(new Array(10).fill(403));
      expect(statuses.slice(10)).toEqual([429, 429]);
    } finally {
      await node.close();
    }
  });

  it('with TRUST_PROXY, the address the proxy saw counts, not what the client put before it', async () => {
    // The test's requests come from 127.0.0.1, the proxy here; it appends the real client's address.
    const node = await serveNode({ TRUST_PROXY: '127.0.0.1' });
    try {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 11; attempt++) statuses.push(await handshake(node.handshakeUrl, `10.0.0.${attempt + 1}, 198.51.100.7`));
      expect(statuses.slice(0, 10)).toEqual(new Array(10).fill(403));
      expect(statuses[10]).toBe(429);
      // Another client behind the same proxy keeps its own allowance.
      expect(await handshake(node.handshakeUrl, '198.51.100.8')).toBe(403);
    } finally {
      await node.close();
    }
  });

  it('with TRUST_PROXY naming another address, requests not from that proxy have their header ignored', async () => {
    const node = await serveNode({ TRUST_PROXY: '10.9.9.9' });
    try {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 11; attempt++) statuses.push(await handshake(node.handshakeUrl, `198.51.100.${attempt + 1}`));
      expect(statuses[10]).toBe(429);
    } finally {
      await node.close();
    }
  });

  it('refuses a TRUST_PROXY it cannot read, saying what it expects', () => {
    expect(() => readTrustedProxies('10.0.0.5, proxy.example.com')).toThrow(/TRUST_PROXY has "proxy.example.com", which is not an IP address, a CIDR range/);
    expect(() => readTrustedProxies('10.0.0.0/33')).toThrow(/"10.0.0.0\/33"/);
    expect(readTrustedProxies(' 10.0.0.0/8 , loopback,fd00::/8 ')).toEqual(['10.0.0.0/8', 'loopback', 'fd00::/8']);
    expect(readTrustedProxies(undefined)).toEqual([]);
  });
});

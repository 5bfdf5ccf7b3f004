import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoggerV1 } from '../../core';
import { MemoryTracker } from '../fakes/memory-tracker';
import { startTestNode } from '../support/test-node';

const initiateBody = (destinationUrl: string | null) => ({
  destinationUrl,
  mode: 'script',
  localName: 'acme',
  remoteName: 'partner',
  name: 'acme_to_partner',
  projectKey: 'SUP',
});

function capturingLogger(lines: string[]): LoggerV1 {
  const write = (level: string) => (message: string, fields?: Readonly<Record<string, unknown>>) => lines.push(JSON.stringify({ level, message, ...fields }));
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

describe('security', () => {
  it('keeps the node key, the admin token and webhook secrets sealed at rest, with a key file only its owner reads', async () => {
    const dataDirectory = mkdtempSync(join(tmpdir(), 'exalate-secrets-'));
    const node = await startTestNode({ name: 'sealed', isPublic: true, tracker: new MemoryTracker('jira-cloud'), dataDirectory });
    try {
      const privateKey = node.context.identity.privateKey;
      const databaseBytes = readdirSync(join(dataDirectory, 'sealed'))
        .filter((file) => file.startsWith('node.sqlite'))
        .map((file) => readFileSync(join(dataDirectory, 'sealed', file)).toString('latin1'))
        .join('');
      expect(databaseBytes.length).toBeGreaterThan(0);
      expect(databaseBytes).not.toContain(privateKey);
      expect(databaseBytes).not.toContain(node.adminToken);
      expect(databaseBytes).toContain('sealed1:');
      expect(statSync(join(dataDirectory, 'sealed', 'secret.key')).mode & 0o777).toBe(0o600);
    } finally {
      await node.close();
    }
  });

  it('never writes a secret to the logs during a whole connection and sync', async () => {
    const lines: string[] = [];
    const jira = new MemoryTracker('jira-cloud');
    const timing = { reconcileIntervalMs: 100, pollWaitMs: 500 };
    const publicNode = await startTestNode({ name: 'logged-public', isPublic: true, tracker: jira, logger: capturingLogger(lines), sync: timing });
    const privateNode = await startTestNode({
      name: 'logged-private',
      isPublic: false,
      tracker: new MemoryTracker('azure-devops'),
      logger: capturingLogger(lines),
      sync: timing,
    });
    try {
      const initiated = await publicNode.admin('POST', '/connections/initiate', initiateBody(null));
      await privateNode.admin('POST', '/connections/accept', { invitationCode: 'exa1.garbage', projectKey: 'SUP' });
      await privateNode.admin('POST', '/connections/accept', { invitationCode: initiated.body.invitationCode, projectKey: 'SUP' });
      await privateNode.admin('POST', `/connections/${initiated.body.connection.id}/check`);
      await publicNode.admin('GET', '/connections', undefined, 'wrong-token');
      const token = JSON.parse(Buffer.from(initiated.body.invitationCode.split('.')[1], 'base64url').toString()).token as string;
      const secrets = [
        publicNode.adminToken,
        privateNode.adminToken,
        publicNode.context.identity.privateKey,
        privateNode.context.identity.privateKey,
        token,
        initiated.body.invitationCode,
        'wrong-token',
      ];
      expect(lines.length).toBeGreaterThanOrEqual(3);
      for (const secret of secrets) expect(lines.filter((line) => line.includes(secret))).toEqual([]);
    } finally {
      await Promise.all([publicNode.close(), privateNode.close()]);
    }
  });

  it.each([
    'http://127.0.0.1:8080',
    'http://localhost/node',
    'http://169.254.169.254/latest/meta-data',
    'http://10.1.2.3',
    'http://192.168.0.10',
    'http://172.20.0.1',
    'http://[::1]:8080',
    'http://metadata.internal',
    'file:///etc/passwd',
  ])('refuses %s as a Destination Instance URL in production, before any request', async (url) => {
    const node = await startTestNode({ name: 'production', isPublic: true, tracker: new MemoryTracker('jira-cloud'), allowPrivateDestinations: false });
    try {
      for (const answer of [await node.admin('POST', '/destinations/inspect', { url }), await node.admin('POST', '/connections/initiate', initiateBody(url))]) {
        expect(answer.status).toBe(400);
        expect(answer.body.error.code).toBe('destination_invalid');
      }
      expect(node.outbound.sent).toEqual([]);
      expect((await node.admin('GET', '/connections')).body).toEqual([]);
    } finally {
      await node.close();
    }
  });

  it('slows down guessing: after ten refused codes, accepting answers 429 with Retry-After', async () => {
    const node = await startTestNode({ name: 'guessing', isPublic: false, tracker: new MemoryTracker('azure-devops') });
    try {
      for (let attempt = 0; attempt < 10; attempt++)
        expect((await node.admin('POST', '/connections/accept', { invitationCode: `exa1.guess${attempt}.00000000`, projectKey: 'SUP' })).status).toBe(400);
      const limited = await fetch(`${node.adminApi}/connections/accept`, {
        method: 'POST',
        headers: { authorization: `Bearer ${node.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ invitationCode: 'exa1.guess.00000000', projectKey: 'SUP' }),
      });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    } finally {
      await node.close();
    }
  });
});

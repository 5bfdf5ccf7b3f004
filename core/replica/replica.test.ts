import { richTextFromPlain } from '../rich-text/rich-text';
import { canonicalJson } from './canonical-json';
import { markEchoes } from './mark-echoes';
import { maximumReplicaBytes, parseReplica } from './parse-replica';
import { replicaContentHash } from './replica-content-hash';
import type { Replica } from './replica-schema';

const replica: Replica = {
  key: 'SUP-12',
  url: 'https://acme.atlassian.net/browse/SUP-12',
  summary: 'Export fails',
  description: richTextFromPlain('Steps to reproduce.'),
  status: { name: 'In Progress' },
  priority: null,
  labels: ['export'],
  assignee: { email: 'alice@example.com', displayName: 'Alice Example' },
  comments: [{ id: 'c1', author: null, body: richTextFromPlain('Seen it.'), created: '2026-11-23T09:00:00Z', updated: '2026-11-23T09:00:00Z' }],
  attachments: [{ id: 'a1', filename: 'log.txt', mimeType: 'text/plain', size: 10 }],
  customFields: { 'Story Points': 5 },
  parent: null,
  updated: '2026-11-23T10:00:00Z',
};

describe('replica', () => {
  it('accepts the well-known fields and keeps keys scripts added', () => {
    const withExtras = { ...replica, areaPath: 'Platform\\Export', severity: { level: 2 } };
    expect(parseReplica(withExtras)).toEqual({ ok: true, value: withExtras });
  });

  it('accepts the natural spellings scripts use: a bare status name, plain-text description and comment bodies', () => {
    const parsed = parseReplica({
      key: 'SUP-1',
      status: 'Done',
      priority: 'High',
      description: 'First line\n\nSecond',
      comments: [{ ...replica.comments![0], body: 'plain' }],
    });
    expect(parsed.ok && parsed.value).toMatchObject({
      status: { name: 'Done' },
      priority: { name: 'High' },
      description: richTextFromPlain('First line\n\nSecond'),
      comments: [{ body: richTextFromPlain('plain') }],
    });
  });

  it.each([
    ['without a key', { summary: 'x' }, 'replica.key'],
    ['with a numeric status', { key: 'A-1', status: 42 }, 'replica.status'],
    ['with a malformed description', { key: 'A-1', description: { type: 'doc', content: 'text' } }, 'replica.description'],
    ['with a comment missing its id', { key: 'A-1', comments: [{ body: 'x', author: null, created: '', updated: '' }] }, 'replica.comments.0.id'],
  ])('refuses a replica %s and names the field', (_name, value, field) => {
    const parsed = parseReplica(value);
    expect(parsed.ok ? null : parsed.error.code).toBe('replica_invalid');
    expect(parsed.ok ? '' : parsed.error.message).toContain(field);
  });

  it('refuses a replica over 1 MB with a message that says what to send less of', () => {
    const parsed = parseReplica({ key: 'SUP-12', description: 'x'.repeat(maximumReplicaBytes) });
    expect(parsed.ok ? null : parsed.error.code).toBe('replica_too_large');
    expect(parsed.ok ? '' : parsed.error.message).toMatch(/SUP-12 is 1025 KB; one sync message carries at most 1024 KB\. Send less/);
  });

  describe('content hash', () => {
    it('is the same for the same content in any key order', async () => {
      const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(replica).reverse()))) as Replica;
      expect(canonicalJson(reordered)).toBe(canonicalJson(replica));
      await expect(replicaContentHash(reordered)).resolves.toBe(await replicaContentHash(replica));
      expect(await replicaContentHash(replica)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });

    it('changes when the content changes, and not when only the item timestamp moves', async () => {
      const hash = await replicaContentHash(replica);
      await expect(replicaContentHash({ ...replica, summary: 'Export fails!' })).resolves.not.toBe(hash);
      await expect(replicaContentHash({ ...replica, customFields: { 'Story Points': 8 } })).resolves.not.toBe(hash);
      await expect(replicaContentHash({ ...replica, updated: '2026-11-24T00:00:00Z' })).resolves.toBe(hash);
    });
  });

  it('marks comments and attachments created here by sync as echoes, and drops the local-only annotation', () => {
    const built = {
      ...replica,
      comments: [
        { ...replica.comments![0]!, syncedFrom: 'remote-7' },
        { ...replica.comments![0]!, id: 'c2', syncedFrom: null },
      ],
    } as Replica;
    const marked = markEchoes(built, {
      comments: [
        { id: 'c1', syncedFrom: 'remote-7' },
        { id: 'c2', syncedFrom: null },
      ],
      attachments: [{ id: 'a1', syncedFrom: 'remote-a' }],
    });
    expect(marked.comments?.map((comment) => [comment.id, comment.echoOf, 'syncedFrom' in comment])).toEqual([
      ['c1', 'remote-7', false],
      ['c2', undefined, false],
    ]);
    expect(marked.attachments?.[0]?.echoOf).toBe('remote-a');
  });
});

import fc from 'fast-check';
import { richTextFromPlain } from '../rich-text/rich-text';
import { replicaContentHash } from './replica-content-hash';
import type { Replica } from './replica-schema';

/**
 * The replica hash decides whether a change is sent (queue-local-change.ts): equal replicas must
 * hash equal whatever order their keys were written in (or every reconciler round would send a
 * message), and any change of a synced field must change it (or an edit would never leave).
 * `FAST_CHECK_SEED=<seed>` replays a failure.
 */
const seed = process.env['FAST_CHECK_SEED'] === undefined ? undefined : Number(process.env['FAST_CHECK_SEED']);
const runs = { numRuns: 200, ...(seed === undefined ? {} : { seed }) };

const user = fc.record({ email: fc.option(fc.emailAddress(), { nil: null }), displayName: fc.string() });
const replicaArbitrary: fc.Arbitrary<Replica> = fc.record(
  {
    key: fc.string({ minLength: 1, maxLength: 12 }),
    summary: fc.string(),
    status: fc.record({ name: fc.string() }),
    priority: fc.option(fc.record({ name: fc.string() }), { nil: null }),
    labels: fc.array(fc.string(), { maxLength: 4 }),
    assignee: fc.option(user, { nil: null }),
    comments: fc.array(
      fc.record({
        id: fc.string({ minLength: 1 }),
        body: fc.string().map(richTextFromPlain),
        author: fc.option(user, { nil: null }),
        created: fc.constant(''),
        updated: fc.constant(''),
      }),
      { maxLength: 3 },
    ),
    customFields: fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.jsonValue({ maxDepth: 2 })),
    parent: fc.option(fc.record({ key: fc.string({ minLength: 1 }) }), { nil: null }),
    updated: fc.constant('2026-11-23T12:00:00.000Z'),
  },
  { requiredKeys: ['key'] },
) as unknown as fc.Arbitrary<Replica>;

/** The same value with the keys of every object written in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, entry]) => [key, reverseKeys(entry)]),
  );
}

/** Synced fields and a change to each that any reader would call a change. */
const edits: readonly (readonly [string, (replica: Replica) => Replica])[] = [
  ['summary', (replica) => ({ ...replica, summary: `${replica.summary ?? ''}!` })],
  ['status', (replica) => ({ ...replica, status: { name: `${replica.status?.name ?? ''}x` } })],
  ['labels', (replica) => ({ ...replica, labels: [...(replica.labels ?? []), 'added'] })],
  ['assignee', (replica) => ({ ...replica, assignee: replica.assignee ? null : { email: 'new@example.com', displayName: 'New' } })],
  [
    'a comment',
    (replica) => ({
      ...replica,
      comments: [...(replica.comments ?? []), { id: 'c-new', body: richTextFromPlain('new'), author: null, created: '', updated: '' }],
    }),
  ],
  ['a custom field', (replica) => ({ ...replica, customFields: { ...replica.customFields, addedField: 1 } })],
  ['the parent', (replica) => ({ ...replica, parent: replica.parent ? null : { key: 'PARENT-1' } })],
  ['the key', (replica) => ({ ...replica, key: `${replica.key}x` })],
];

describe('replica hash properties', () => {
  it('hashes equal replicas equal whatever the order of their keys, at every depth', async () => {
    await fc.assert(
      fc.asyncProperty(replicaArbitrary, async (replica) => {
        expect(await replicaContentHash(reverseKeys(replica) as Replica)).toBe(await replicaContentHash(replica));
      }),
      runs,
    );
  });

  it.each(edits)('changes when %s changes', async (_field, edit) => {
    await fc.assert(
      fc.asyncProperty(replicaArbitrary, async (replica) => {
        expect(await replicaContentHash(edit(replica))).not.toBe(await replicaContentHash(replica));
      }),
      runs,
    );
  });

  it("ignores the item's last-changed time, which moves on edits to fields that are not sent", async () => {
    await fc.assert(
      fc.asyncProperty(replicaArbitrary, async (replica) => {
        expect(await replicaContentHash({ ...replica, updated: '2030-01-01T00:00:00.000Z' })).toBe(await replicaContentHash(replica));
      }),
      runs,
    );
  });
});

import { attachmentContentLifetimeMs, expireAttachmentContent, receiveEnvelopes, type Connection, type Envelope, type NodeContext } from '../../core';
import { connectionRecord } from '../fakes/connection-record';
import { ManualClock } from '../fakes/manual-clock';
import { MemoryTracker } from '../fakes/memory-tracker';
import { startTestNode, type TestNode } from '../support/test-node';

/**
 * A connected peer sends attachment content ahead of the change that names it. Before, content
 * that no change ever named was kept for good (and inside every inbox entry besides), so a peer
 * could fill this node's disk. Now it is capped per connection and expires after a day.
 */
describe('attachment content from a peer', () => {
  const clock = new ManualClock();
  let node: TestNode;
  let context: NodeContext;
  const limitBytes = 1024 * 1024;
  const connection = activeConnection('con_attachments');

  beforeAll(async () => {
    node = await startTestNode({ name: 'attachment-limits', isPublic: true, tracker: new MemoryTracker('jira-cloud'), clock });
    // The limit is a node setting; a small one keeps the test's messages small.
    context = { ...node.context, settings: { ...node.context.settings, attachmentContentLimitBytes: limitBytes } };
    await context.store.insertConnection(connection);
  });
  afterAll(async () => {
    await node.close();
  });

  const kept = (sourceKey: string, attachmentId: string) => context.store.getAttachmentContent({ connectionId: connection.id, sourceKey, attachmentId });

  it('refuses content past the connection’s limit with an item error that says what was too big, and loses nothing else', async () => {
    const first = attachment('att-first', 'PEER-1', 'first.bin', 700 * 1024);
    expect(await receiveEnvelopes(context, connection, [first])).toEqual([first.id]);

    const tooMuch = attachment('att-big', 'PEER-2', 'big-scan.pdf', 600 * 1024);
    const otherChange = change('chg-other', 'PEER-3', []);
    const held = await receiveEnvelopes(context, connection, [tooMuch, otherChange]);
    // The change is held; the content is not acknowledged, so the peer sends it again later.
    expect(held).toEqual([otherChange.id]);
    expect(await kept('PEER-2', 'att-big')).toBeUndefined();
    expect((await kept('PEER-1', 'att-first'))?.bytes).toBe(700 * 1024);
    const inbox = await context.store.listQueue({ connectionId: connection.id, direction: 'inbound', states: ['queued'], limit: 10 });
    expect(inbox.map((entry) => entry.envelope.id)).toEqual([otherChange.id]);

    const errors = await context.store.listErrors({ includeResolved: false });
    const refusal = errors.find((error) => error.itemKey === 'PEER-2');
    expect(refusal).toMatchObject({ scope: 'item', connectionId: connection.id, code: 'payload_too_large' });
    expect(refusal!.message).toContain('"big-scan.pdf" (600 KiB)');
    expect(refusal!.message).toContain('1.0 MiB is the limit');

    // Once the waiting content is gone (applied or expired), the same attachment fits.
    await context.store.deleteAttachmentContent({ connectionId: connection.id, sourceKey: 'PEER-1', attachmentId: 'att-first' });
    expect(await receiveEnvelopes(context, connection, [tooMuch])).toEqual([tooMuch.id]);
    expect((await kept('PEER-2', 'att-big'))?.bytes).toBe(600 * 1024);
    // A redelivery is acknowledged and not counted twice.
    expect(await receiveEnvelopes(context, connection, [tooMuch])).toEqual([tooMuch.id]);
    expect(await context.store.measureAttachmentContent(connection.id)).toBe(600 * 1024);
    // The inbox keeps that it arrived, not the content itself.
    const recorded = await context.store.listQueue({
      connectionId: connection.id,
      direction: 'inbound',
      states: ['done'],
      limit: 10,
      envelopeIds: [tooMuch.id],
    });
    expect(recorded.map((entry) => entry.envelope.kind === 'attachment' && entry.envelope.contentBase64)).toEqual(['']);
    await context.store.deleteAttachmentContent({ connectionId: connection.id, sourceKey: 'PEER-2', attachmentId: 'att-big' });
  });

  it('expires content that no waiting change names after a day, and keeps content a waiting change names', async () => {
    const orphan = attachment('att-orphan', 'PEER-7', 'never-named.bin', 100 * 1024);
    const named = attachment('att-named', 'PEER-8', 'named.bin', 100 * 1024);
    // The change naming it waits in the inbox (this connection's engine is not running), as a change parked by a script error would.
    const namingChange = change('chg-naming', 'PEER-8', [{ id: 'att-named', filename: 'named.bin', mimeType: 'application/octet-stream', size: 100 * 1024 }]);
    expect(await receiveEnvelopes(context, connection, [orphan, named])).toHaveLength(2);
    expect(await receiveEnvelopes(context, connection, [namingChange])).toEqual([namingChange.id]);

    clock.advance(attachmentContentLifetimeMs - 1);
    expect(await expireAttachmentContent(context)).toBe(0);
    expect(await kept('PEER-7', 'att-orphan')).toBeDefined();

    clock.advance(2);
    expect(await expireAttachmentContent(context)).toBe(1);
    expect(await kept('PEER-7', 'att-orphan')).toBeUndefined();
    expect((await kept('PEER-8', 'att-named'))?.contentBase64).toBe(named.contentBase64);
    expect(await context.store.measureAttachmentContent(connection.id)).toBe(100 * 1024);

    // Once that change is done (applied), nothing names the content any more, and it goes too.
    const [waiting] = await context.store.listQueue({
      connectionId: connection.id,
      direction: 'inbound',
      states: ['queued'],
      limit: 1,
      envelopeIds: [namingChange.id],
    });
    await context.store.updateQueueEntry(connection.id, 'inbound', waiting!.position, { state: 'done' });
    expect(await expireAttachmentContent(context)).toBe(1);
    expect(await context.store.measureAttachmentContent(connection.id)).toBe(0);
  });
});

function attachment(id: string, sourceKey: string, filename: string, bytes: number): Extract<Envelope, { kind: 'attachment' }> {
  const content = new Uint8Array(bytes).map((_byte, index) => index % 251);
  return {
    kind: 'attachment',
    id,
    sourceKey,
    attachmentId: id,
    filename,
    mimeType: 'application/octet-stream',
    contentBase64: Buffer.from(content).toString('base64url'),
    createdAt: 1,
  };
}

function change(id: string, sourceKey: string, attachments: readonly { id: string; filename: string; mimeType: string; size: number }[]): Envelope {
  return { kind: 'change', id, sourceKey, sequence: 0, replica: { key: sourceKey, summary: 'from the peer', attachments }, createdAt: 1 };
}

function activeConnection(id: string): Connection {
  return connectionRecord({
    id,
    name: 'attachments_from_partner',
    status: 'active',
    localName: 'acme',
    remoteName: 'partner',
    projectKey: 'SUP',
    destination: 'https://partner.example',
    remoteTracker: 'azure-devops',
    peer: { nodeId: 'node_partner', publicKey: 'key', nodeUrl: 'https://partner.example', tracker: 'azure-devops' },
    invitationExpiresAt: null,
  });
}

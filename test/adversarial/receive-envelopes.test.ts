import { receiveEnvelopes, type Connection, type Envelope, type NodeContext } from '../../core';
import { workTopic } from '../../core/sync/sync-signals';
import { connectionRecord } from '../fakes/connection-record';
import { MemoryTracker } from '../fakes/memory-tracker';
import { startTestNode, type TestNode } from '../support/test-node';

/**
 * The inbox's door: what the node answers as held (the sender stops resending exactly those), what
 * it stores and in which state, and that attachment content is kept once however often it comes.
 * Read from the store itself; the engine is not running.
 */
describe('receiving envelopes from the peer', () => {
  let node: TestNode;
  let connection: Connection;
  let context: NodeContext;
  beforeEach(async () => {
    node = await startTestNode({ name: 'receiver', isPublic: true, tracker: new MemoryTracker('azure-devops') });
    context = node.context;
    connection = connectionRecord({ id: 'con_in', status: 'active' });
    await context.store.insertConnection(connection);
  });
  afterEach(() => node.close());

  const change = (id: string, sourceKey = 'SUP-1'): Envelope => ({ kind: 'change', id, sourceKey, sequence: 0, replica: { summary: id }, createdAt: 1 });
  const attachment = (id: string, contentBase64 = 'aGVsbG8gd29ybGQ', sourceKey = 'SUP-1'): Envelope => ({
    kind: 'attachment',
    id,
    sourceKey,
    attachmentId: `file-${id}`,
    filename: `${id}.txt`,
    mimeType: 'text/plain',
    contentBase64,
    createdAt: 1,
  });
  const inbox = () =>
    context.store.listQueue({ connectionId: connection.id, direction: 'inbound', states: ['queued', 'in_flight', 'done', 'failed'], limit: 100 });
  const keptContent = (id: string) => context.store.getAttachmentContent({ connectionId: connection.id, sourceKey: 'SUP-1', attachmentId: `file-${id}` });

  it('answers exactly the ids it now holds, and keeps a change to apply and an attachment as already done', async () => {
    expect(await receiveEnvelopes(context, connection, [attachment('att-1'), change('chg-1')])).toEqual(['att-1', 'chg-1']);
    expect((await inbox()).map((entry) => [entry.envelope.id, entry.itemKey, entry.state])).toEqual([
      ['att-1', 'SUP-1', 'done'],
      ['chg-1', 'SUP-1', 'queued'],
    ]);
    // The content is kept apart, not in the inbox entry.
    expect((await inbox())[0]!.envelope).toMatchObject({ kind: 'attachment', contentBase64: '' });
    expect((await keptContent('att-1'))?.contentBase64).toBe('aGVsbG8gd29ybGQ');
  });

  it('acknowledges an attachment that comes again without keeping its content again, even after the change that named it used it', async () => {
    await receiveEnvelopes(context, connection, [attachment('att-2')]);
    // Applied since: its content was used and removed.
    await context.store.deleteAttachmentContent({ connectionId: connection.id, sourceKey: 'SUP-1', attachmentId: 'file-att-2' });
    expect(await receiveEnvelopes(context, connection, [attachment('att-2')])).toEqual(['att-2']);
    expect(await keptContent('att-2')).toBeUndefined();
    expect(await inbox()).toHaveLength(1);
  });

  it('recognises an attachment that comes again whatever became of its entry', async () => {
    await receiveEnvelopes(context, connection, [attachment('att-3')]);
    const [entry] = await inbox();
    await context.store.updateQueueEntry(connection.id, 'inbound', entry!.position, { state: 'failed' });
    await context.store.deleteAttachmentContent({ connectionId: connection.id, sourceKey: 'SUP-1', attachmentId: 'file-att-3' });
    expect(await receiveEnvelopes(context, connection, [attachment('att-3')])).toEqual(['att-3']);
    expect(await keptContent('att-3')).toBeUndefined();
  });

  it('leaves an attachment over the connection’s limit out of the answer, so the sender tries it again, and says why on the item', async () => {
    const small = { ...context, settings: { ...context.settings, attachmentContentLimitBytes: 8 } };
    expect(await receiveEnvelopes(small, connection, [attachment('too-big'), change('chg-2')])).toEqual(['chg-2']);
    expect((await inbox()).map((entry) => entry.envelope.id)).toEqual(['chg-2']);
    const errors = await context.store.listErrors({ includeResolved: false });
    expect(errors).toEqual([expect.objectContaining({ connectionId: connection.id, itemKey: 'SUP-1', code: 'payload_too_large' })]);
  });

  it('wakes the engine when something arrived, and not for an empty delivery', async () => {
    const woken: string[] = [];
    const listening = { ...context, signals: { ...context.signals, notify: (topic: string) => void woken.push(topic) } } as NodeContext;
    await receiveEnvelopes(listening, connection, []);
    expect(woken).toEqual([]);
    await receiveEnvelopes(listening, connection, [change('chg-3')]);
    expect(woken).toEqual([workTopic]);
  });
});

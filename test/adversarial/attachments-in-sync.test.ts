import {
  queueLocalChange,
  receiveEnvelopes,
  type Connection,
  type Envelope,
  type NodeContext,
  type QueueEntry,
  type TrackerAttachment,
  type TrackerItemOperations,
} from '../../core';
import { encodeBase64Url } from '../../core/encoding/base64url';
import { applyInbound } from '../../core/sync/apply-inbound';
import { startConnectedTestNodes, type ConnectedTestNodes } from '../support/connected-test-nodes';
import type { TestNode } from '../support/test-node';
import { trackerItem } from '../fakes/tracker-item';

type AttachmentEnvelope = Extract<Envelope, { kind: 'attachment' }>;
const mebibyte = 1024 * 1024;

/**
 * Attachments across a connection, read from state: which ones leave with a change (new ones only,
 * within the size one message can carry), what the receiving side uploads, and when a change
 * waits for content that has not arrived. The engines are not running; the test carries the
 * envelopes and applies them itself.
 */
describe('attachments in sync', () => {
  let nodes: ConnectedTestNodes;
  /** What Jira's downloads answer, by attachment id. */
  let contents: Map<string, Uint8Array>;
  /** What Azure DevOps was asked to upload, in order. */
  let uploads: { key: string; filename: string; mimeType: string; content: string }[];

  beforeEach(async () => {
    nodes = await startConnectedTestNodes({ adoIsPublic: false, connectionName: 'attachments' });
    contents = new Map();
    uploads = [];
    const jira: TrackerItemOperations = nodes.jira;
    jira.downloadAttachment = async (_key, attachmentId) => contents.get(attachmentId) ?? new Uint8Array();
    const ado: TrackerItemOperations = nodes.ado;
    const upload = ado.uploadAttachment.bind(ado);
    ado.uploadAttachment = async (key, file) => {
      uploads.push({ key, filename: file.filename, mimeType: file.mimeType, content: new TextDecoder().decode(file.content) });
      return upload(key, file);
    };
  });
  afterEach(() => nodes.close());

  const connectionOn = async (node: TestNode): Promise<Connection> => (await node.context.store.getConnection(nodes.connectionId))!;
  const queueOf = (node: TestNode, direction: QueueEntry['direction']) =>
    node.context.store.listQueue({ connectionId: nodes.connectionId, direction, states: ['queued', 'in_flight', 'done', 'failed'], limit: 500 });
  const outboxOfJira = async () => (await queueOf(nodes.jiraNode, 'outbound')).map((entry) => entry.envelope);
  const jiraTwin = async () => (await nodes.jiraNode.context.store.getTwinByLocalKey(nodes.connectionId, 'SUP-1'))!;
  /** An attachment of Jira's, downloadable with `text`; `size` is what Jira says it weighs. */
  function attachmentOf(id: string, filename: string, size: number, text = `content of ${filename}`): TrackerAttachment {
    contents.set(id, new TextEncoder().encode(text));
    return { id, filename, mimeType: 'text/plain', size, created: '2026-11-23T12:00:00.000Z' };
  }
  function issueWith(attachments: readonly TrackerAttachment[]) {
    const item = trackerItem({ key: 'SUP-1', summary: 'with files', updated: '2026-11-23T12:00:00.000Z', attachments });
    nodes.jira.items.set('SUP-1', item);
    return item;
  }
  const queueOnJira = async (context: NodeContext = nodes.jiraNode.context) =>
    queueLocalChange(context, await connectionOn(nodes.jiraNode), nodes.jira.items.get('SUP-1')!, { force: true });
  /** Every queued outbound envelope of Jira, marked sent there and received by Azure DevOps. */
  async function carryToAdo(filter: (envelope: Envelope) => boolean = () => true): Promise<Envelope[]> {
    const queued = (await queueOf(nodes.jiraNode, 'outbound')).filter((entry) => entry.state === 'queued' && filter(entry.envelope));
    for (const entry of queued) await nodes.jiraNode.context.store.updateQueueEntry(nodes.connectionId, 'outbound', entry.position, { state: 'done' });
    await receiveEnvelopes(
      nodes.adoNode.context,
      await connectionOn(nodes.adoNode),
      queued.map((entry) => entry.envelope),
    );
    return queued.map((entry) => entry.envelope);
  }
  const applyOnAdo = async () => applyInbound(nodes.adoNode.context, await connectionOn(nodes.adoNode));
  const adoTwin = async () => (await nodes.adoNode.context.store.listTwins(nodes.connectionId))[0];
  const adoInbox = () => queueOf(nodes.adoNode, 'inbound');
  /** The open errors, as the admin sees them: a refusal must stay open after the change that left the attachment out. */
  const errorsOn = async (node: TestNode) => node.context.store.listErrors({ includeResolved: false });

  describe('on the sending side', () => {
    it('sends the content of a new attachment ahead of the change that names it, and remembers it as sent', async () => {
      issueWith([attachmentOf('10001', 'trace.log', 12, 'stack trace!')]);
      expect(await queueOnJira()).toEqual({ ok: true, value: 'queued' });
      const outbox = await outboxOfJira();
      expect(outbox.map((envelope) => envelope.kind)).toEqual(['attachment', 'change']);
      expect(outbox[0]).toMatchObject({
        kind: 'attachment',
        id: expect.stringMatching(/^att/),
        sourceKey: 'SUP-1',
        attachmentId: '10001',
        filename: 'trace.log',
        mimeType: 'text/plain',
        contentBase64: encodeBase64Url(new TextEncoder().encode('stack trace!')),
      });
      expect((await jiraTwin()).sentAttachmentIds).toEqual(['10001']);
    });

    it('does not send again an attachment already sent, nor one this side received by sync', async () => {
      issueWith([attachmentOf('10001', 'sent.txt', 5), attachmentOf('10002', 'received.txt', 5)]);
      await queueOnJira();
      await nodes.jiraNode.context.store.putTwin({
        ...(await jiraTwin()),
        sentAttachmentIds: ['10001'],
        attachmentLinks: [{ remoteId: 'ado-9', localId: '10002' }],
      });
      const before = (await outboxOfJira()).length;
      nodes.jira.edit('SUP-1', { summary: 'renamed' });
      expect(await queueOnJira()).toEqual({ ok: true, value: 'queued' });
      expect((await outboxOfJira()).slice(before).map((envelope) => (envelope.kind === 'attachment' ? envelope.filename : envelope.kind))).toEqual(['change']);
    });

    it('sends an attachment of exactly the largest size one message carries', async () => {
      // A 64 KiB message holds (64 KiB − 2 KiB) × 3/4 = 46.5 KiB of content.
      const context = { ...nodes.jiraNode.context, settings: { ...nodes.jiraNode.context.settings, maximumMessageBytes: 64 * 1024 } };
      issueWith([attachmentOf('10001', 'fits.bin', 47_616)]);
      await queueOnJira(context);
      expect((await outboxOfJira()).map((envelope) => envelope.kind)).toEqual(['attachment', 'change']);
      expect(await errorsOn(nodes.jiraNode)).toEqual([]);
    });

    it('leaves out an attachment over 10 MiB with an item error that names it and the limit, and still sends the change', async () => {
      issueWith([attachmentOf('10001', 'huge-dump.bin', 10 * mebibyte + 1), attachmentOf('10002', 'small.txt', 5)]);
      expect(await queueOnJira()).toEqual({ ok: true, value: 'queued' });
      const outbox = await outboxOfJira();
      expect(outbox.map((envelope) => (envelope.kind === 'attachment' ? envelope.filename : envelope.kind))).toEqual(['small.txt', 'change']);
      expect((await jiraTwin()).sentAttachmentIds).toEqual(['10002']);
      const errors = await errorsOn(nodes.jiraNode);
      expect(errors).toEqual([expect.objectContaining({ scope: 'item', connectionId: nodes.connectionId, itemKey: 'SUP-1', code: 'payload_too_large' })]);
      expect(errors[0]!.message).toBe(
        'Connection "attachments", item SUP-1: The attachment "huge-dump.bin" is 10.0 MiB; attachments over 10.0 MiB are not synced from this side. Share it by a link in a comment instead.',
      );
    });

    it('on a host that carries smaller messages, says the limit comes from the message size', async () => {
      const context = { ...nodes.jiraNode.context, settings: { ...nodes.jiraNode.context.settings, maximumMessageBytes: 3 * mebibyte } };
      issueWith([attachmentOf('10001', 'scan.pdf', 2.5 * mebibyte)]);
      await queueOnJira(context);
      expect((await outboxOfJira()).map((envelope) => envelope.kind)).toEqual(['change']);
      const [refusal] = await errorsOn(nodes.jiraNode);
      expect(refusal!.message).toBe(
        'Connection "attachments", item SUP-1: The attachment "scan.pdf" is 2.5 MiB; attachments over 2.2 MiB are not synced from this side (one message between the nodes carries at most 3.0 MiB here). Share it by a link in a comment instead.',
      );
    });
  });

  describe('on the receiving side', () => {
    it('uploads the content that arrived ahead of the change, links it on the twin, and lets the content go', async () => {
      issueWith([attachmentOf('10001', 'trace.log', 12, 'stack trace!')]);
      await queueOnJira();
      await carryToAdo();
      expect(await applyOnAdo()).toBe(1);
      const twin = (await adoTwin())!;
      expect(uploads).toEqual([{ key: twin.localKey, filename: 'trace.log', mimeType: 'text/plain', content: 'stack trace!' }]);
      expect(twin.attachmentLinks).toEqual([{ remoteId: '10001', localId: expect.any(String) }]);
      expect(
        await nodes.adoNode.context.store.getAttachmentContent({ connectionId: nodes.connectionId, sourceKey: 'SUP-1', attachmentId: '10001' }),
      ).toBeUndefined();
    });

    it('keeps a change whose attachment content has not arrived queued, retried after a backoff, and uploads nothing', async () => {
      issueWith([attachmentOf('10001', 'late.txt', 4)]);
      await queueOnJira();
      const [change] = await carryToAdo((envelope) => envelope.kind === 'change');
      const before = nodes.adoNode.context.clock.now();
      expect(await applyOnAdo()).toBe(0);
      const after = nodes.adoNode.context.clock.now();
      const waiting = (await adoInbox()).find((entry) => entry.envelope.id === change!.id)!;
      expect(waiting).toMatchObject({
        state: 'queued',
        attempts: 1,
        lastError: 'The content of the attachment "late.txt" has not arrived yet; the change will be retried.',
      });
      // A backoff (the first is at most a second), not a wait for the admin.
      expect(waiting.nextAttemptAt).toBeLessThanOrEqual(after + 1000);
      expect(uploads).toEqual([]);

      // The content comes, and the retry applies both.
      await carryToAdo();
      await nodes.adoNode.context.store.updateQueueEntry(nodes.connectionId, 'inbound', waiting.position, { nextAttemptAt: before });
      expect(await applyOnAdo()).toBe(1);
      expect(uploads.map((upload) => upload.filename)).toEqual(['late.txt']);
    });

    it('uploads content an older version of the node kept in a setting, and empties that setting', async () => {
      issueWith([attachmentOf('10001', 'old.txt', 3)]);
      await queueOnJira();
      await carryToAdo((envelope) => envelope.kind === 'change');
      const setting = `attachment-content:${nodes.connectionId}:SUP-1:10001`;
      await nodes.adoNode.context.store.putSetting(setting, encodeBase64Url(new TextEncoder().encode('old')));
      expect(await applyOnAdo()).toBe(1);
      expect(uploads.map((upload) => [upload.filename, upload.content])).toEqual([['old.txt', 'old']]);
      expect(await nodes.adoNode.context.store.getSetting(setting)).toBe('');
    });

    describe('an inbox entry that still carries its content, as an older version of the node stored it', () => {
      const legacyEntry = (content: string): AttachmentEnvelope => ({
        kind: 'attachment',
        id: 'att-legacy',
        sourceKey: 'SUP-1',
        attachmentId: '10001',
        filename: 'legacy.txt',
        mimeType: 'text/plain',
        contentBase64: encodeBase64Url(new TextEncoder().encode(content)),
        createdAt: 1,
      });
      async function storedAsBefore(envelope: AttachmentEnvelope): Promise<void> {
        const now = nodes.adoNode.context.clock.now();
        await nodes.adoNode.context.store.enqueue({
          connectionId: nodes.connectionId,
          direction: 'inbound',
          itemKey: 'SUP-1',
          envelope,
          state: 'queued',
          attempts: 0,
          nextAttemptAt: now,
          lastError: null,
          createdAt: now,
          updatedAt: now,
        });
      }
      const keptContent = () =>
        nodes.adoNode.context.store.getAttachmentContent({ connectionId: nodes.connectionId, sourceKey: 'SUP-1', attachmentId: '10001' });

      it('keeps its content as new versions do and marks it done', async () => {
        await storedAsBefore(legacyEntry('kept'));
        expect(await applyOnAdo()).toBe(1);
        expect((await adoInbox()).map((entry) => [entry.envelope.id, entry.state, entry.lastError])).toEqual([['att-legacy', 'done', null]]);
        expect((await keptContent())?.contentBase64).toBe(encodeBase64Url(new TextEncoder().encode('kept')));
      });

      it('over the connection’s limit, waits in the queue with the reason, keeps nothing, and leaves the item’s twin as it was', async () => {
        issueWith([]);
        await queueOnJira();
        await carryToAdo();
        expect(await applyOnAdo()).toBe(1);
        const context = { ...nodes.adoNode.context, settings: { ...nodes.adoNode.context.settings, attachmentContentLimitBytes: 4 } };
        await storedAsBefore(legacyEntry('far too long'));
        expect(await applyInbound(context, await connectionOn(nodes.adoNode))).toBe(0);
        const after = nodes.adoNode.context.clock.now();
        const entry = (await adoInbox()).find((queued) => queued.envelope.id === 'att-legacy');
        expect(entry).toMatchObject({
          state: 'queued',
          attempts: 1,
          lastError: 'The attachment "legacy.txt" waits until this connection\'s attachment content is under its limit again.',
        });
        expect(entry!.nextAttemptAt).toBeLessThanOrEqual(after + 1000);
        expect(await keptContent()).toBeUndefined();
        // Content is not a change of the item: the item itself is still in sync.
        expect((await adoTwin())!.status).toBe('synchronized');
      });
    });
  });
});

import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createSignedRequestToken,
  ExalateError,
  largestAttachmentEnvelopeBytes,
  maximumMessageBytes,
  maximumPeerMessageBytes,
  messagesOperation,
  signatureHeader,
} from '../../core';
import { FetchTransport } from '../../hosts/node/fetch-transport';
import { MemoryTracker } from '../fakes/memory-tracker';
import { startTestNode, type TestNode } from '../support/test-node';

const mebibyte = 1024 * 1024;
const megabytes = (bytes: number) => `${(bytes / mebibyte).toFixed(1)} MiB`;

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

/**
 * A "peer" that answers with an endless stream (chunked, no Content-Length), up to `totalBytes`,
 * and counts what it managed to write before the other side hung up.
 */
async function streamingPeer(totalBytes: number, declareLength = false): Promise<{ url: string; written: () => number; close: () => Promise<void> }> {
  let written = 0;
  const chunk = Buffer.alloc(mebibyte, 0x61);
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json', ...(declareLength ? { 'content-length': String(totalBytes) } : {}) });
    const pump = () => {
      while (written < totalBytes && !response.destroyed) {
        written += chunk.length;
        if (!response.write(chunk)) return void response.once('drain', pump);
      }
      if (!response.destroyed) response.end();
    };
    pump();
  });
  const url = await listen(server);
  return { url, written: () => written, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

interface UploadOutcome {
  readonly status: number | undefined;
  readonly body: string;
  /** Body bytes this client had handed to the socket when the node's answer arrived. */
  readonly sentWhenAnswered: number;
  readonly totalBytes: number;
}

/**
 * Sends a large body in 256 KiB pieces, each only once the socket took the previous one, and stops
 * as soon as the node answers: what was sent by then is what the node could have read.
 */
function upload(url: string, headers: Record<string, string>, totalBytes: number): Promise<UploadOutcome> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const piece = Buffer.alloc(256 * 1024, 0x20);
    const outgoing = httpRequest(
      url,
      { method: 'POST', headers: { ...headers, 'content-type': 'application/json', 'content-length': String(totalBytes) } },
      (response) => {
        answered = true;
        const sentWhenAnswered = sent;
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          resolve({ status: response.statusCode, body: Buffer.concat(chunks).toString('utf8'), sentWhenAnswered, totalBytes });
          outgoing.destroy();
        });
      },
    );
    outgoing.on('error', (error) => {
      // The node closing the connection after its answer breaks the upload; that is the point.
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sent < totalBytes) {
        const size = Math.min(piece.length, totalBytes - sent);
        sent += size;
        if (!outgoing.write(size === piece.length ? piece : piece.subarray(0, size))) return void outgoing.once('drain', pump);
      }
      if (!answered) outgoing.end();
    };
    outgoing.flushHeaders();
    pump();
  });
}

describe('memory: what a peer or a stranger can make a node hold', () => {
  it('sizes the message cap from the largest legitimate message: one attachment at the attachment cap', () => {
    // 10 MiB of attachment is 13.3 MiB of base64url; a message and its reader must hold it, and no more than a little over.
    expect(largestAttachmentEnvelopeBytes).toBeLessThanOrEqual(maximumMessageBytes);
    expect(maximumPeerMessageBytes).toBeLessThan(maximumMessageBytes + mebibyte);
    expect(maximumPeerMessageBytes).toBeLessThanOrEqual(17 * mebibyte);
  });

  it('cuts off a peer that streams far more than the cap, as the bytes arrive', async () => {
    const peer = await streamingPeer(400 * mebibyte);
    const transport = new FetchTransport({ allowPrivateAddresses: true });
    const before = process.memoryUsage();
    try {
      const failure = await transport.send({ method: 'GET', url: `${peer.url}/exchange/v1/info` }).then(
        () => undefined,
        (error: unknown) => error,
      );
      const after = process.memoryUsage();
      process.stdout.write(
        `peer streamed 400 MiB: the node read until the cap (${megabytes(maximumPeerMessageBytes)}); the peer wrote ${megabytes(peer.written())} before the cut; ` +
          `memory growth: rss ${megabytes(after.rss - before.rss)}, array buffers ${megabytes(after.arrayBuffers - before.arrayBuffers)}\n`,
      );
      expect(ExalateError.isInstance(failure) && failure.code).toBe('peer_invalid_response');
      expect((failure as Error).message).toContain(`larger than ${maximumPeerMessageBytes} bytes`);
      // What the peer wrote is what this node read, plus what sat in the sockets' buffers when it hung up.
      expect(peer.written()).toBeLessThan(maximumPeerMessageBytes + 16 * mebibyte);
    } finally {
      await peer.close();
    }
  });

  it('refuses an answer whose declared length is over the cap without reading it', async () => {
    const peer = await streamingPeer(200 * mebibyte, true);
    try {
      const failure = await new FetchTransport({ allowPrivateAddresses: true })
        .send({ method: 'GET', url: `${peer.url}/exchange/v1/info` })
        .catch((error: unknown) => error);
      expect(ExalateError.isInstance(failure) && failure.code).toBe('peer_invalid_response');
      expect(peer.written()).toBeLessThan(maximumPeerMessageBytes);
    } finally {
      await peer.close();
    }
  });

  describe('a public node receiving peer messages', () => {
    let publicNode: TestNode;
    let privateNode: TestNode;
    let connectionId: string;
    let messagesUrl: string;

    beforeAll(async () => {
      publicNode = await startTestNode({ name: 'memory-public', isPublic: true, tracker: new MemoryTracker('jira-cloud') });
      privateNode = await startTestNode({ name: 'memory-private', isPublic: false, tracker: new MemoryTracker('azure-devops') });
      const initiated = await publicNode.admin('POST', '/connections/initiate', {
        destinationUrl: null,
        mode: 'script',
        localName: 'acme',
        remoteName: 'partner',
        name: 'memory',
        projectKey: 'SUP',
      });
      const accepted = await privateNode.admin('POST', '/connections/accept', { invitationCode: initiated.body.invitationCode, projectKey: 'SUP' });
      expect(accepted.status).toBe(201);
      connectionId = initiated.body.connection.id;
      messagesUrl = `${publicNode.nodeUrl}/exchange/v1/connections/${connectionId}/messages`;
    });
    afterAll(async () => {
      await Promise.all([publicNode.close(), privateNode.close()]);
    });

    const peerToken = (body: string) =>
      createSignedRequestToken(
        privateNode.context.identity,
        { audienceNodeId: publicNode.context.identity.nodeId, connectionId, operation: messagesOperation(connectionId), body },
        Date.now(),
      );

    it('answers an unsigned 30 MB body with 401 before it has been sent, without buffering it', async () => {
      const before = process.memoryUsage().rss;
      const outcome = await upload(messagesUrl, {}, 30 * 1000 * 1000);
      process.stdout.write(
        `unsigned 30 MB body: answered ${outcome.status} after ${megabytes(outcome.sentWhenAnswered)} sent; rss growth ${megabytes(process.memoryUsage().rss - before)}\n`,
      );
      expect(outcome.status).toBe(401);
      expect(JSON.parse(outcome.body).error.code).toBe('unauthorized');
      expect(outcome.sentWhenAnswered).toBeLessThan(outcome.totalBytes / 2);
    });

    it('answers a body signed by a stranger the same way, before it has been sent', async () => {
      const stranger = await createSignedRequestToken(
        { ...privateNode.context.identity, nodeId: 'node_stranger' },
        { audienceNodeId: publicNode.context.identity.nodeId, connectionId, operation: messagesOperation(connectionId), body: '' },
        Date.now(),
      );
      const outcome = await upload(messagesUrl, { [signatureHeader]: stranger }, 30 * 1000 * 1000);
      expect(outcome.status).toBe(401);
      expect(outcome.sentWhenAnswered).toBeLessThan(outcome.totalBytes / 2);
    });

    it('answers 413 to the peer itself when its body is over the cap, before it has been sent', async () => {
      const outcome = await upload(messagesUrl, { [signatureHeader]: await peerToken('') }, 30 * 1000 * 1000);
      expect(outcome.status).toBe(413);
      expect(outcome.sentWhenAnswered).toBeLessThan(outcome.totalBytes / 2);
    });

    it("still takes the peer's signed messages", async () => {
      const body = JSON.stringify({ type: 'ping' });
      const response = await fetch(messagesUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [signatureHeader]: await peerToken(body) },
        body,
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ type: 'pong', connectionStatus: 'active' });
    });
  });
});

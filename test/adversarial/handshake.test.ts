import { FakeTracker } from '../fakes/fake-tracker';
import { ManualClock } from '../fakes/manual-clock';
import { startTestNode, type TestNode } from '../support/test-node';

/**
 * The initiator's side of accepting, attacked one class at a time: a node the public code does
 * not name, a token of the right length that is not the token, the last instant of the code's
 * life and the one after, and a second acceptor racing the first. Every refusal leaves the
 * invitation as it was, so the rightful destination can still accept.
 */
const initiateBody = (destinationUrl: string | null) => ({
  destinationUrl,
  mode: 'script',
  localName: 'acme',
  remoteName: 'partner',
  name: 'acme_to_partner',
  projectKey: 'SUP',
});
const invitationLifetimeMs = 72 * 3600_000;

interface InvitationContent {
  readonly connectionId: string;
  readonly token: string;
  readonly expiresAt: number;
}
function contentOf(code: string): InvitationContent {
  return JSON.parse(Buffer.from(code.split('.')[1]!, 'base64url').toString()) as InvitationContent;
}

describe('handshake refusals on the initiating node', () => {
  const clock = new ManualClock();
  let initiator: TestNode;
  let destination: TestNode;
  let stranger: TestNode;

  // A fresh initiator per case: it slows down an address after ten refused codes (rate limiting).
  beforeAll(async () => {
    destination = await startTestNode({ name: 'destination', isPublic: true, tracker: new FakeTracker('azure-devops'), clock });
    stranger = await startTestNode({ name: 'stranger', isPublic: true, tracker: new FakeTracker('asana'), clock });
  });
  beforeEach(async () => {
    initiator = await startTestNode({ name: 'initiator', isPublic: true, tracker: new FakeTracker('jira-cloud'), clock });
  });
  afterEach(async () => {
    await initiator.close();
  });
  afterAll(async () => {
    await Promise.all([destination, stranger].map((node) => node.close()));
  });

  const statusOnInitiator = async (connectionId: string) => (await initiator.admin('GET', `/connections/${connectionId}`)).body.status as string;
  const handshake = (body: unknown) =>
    fetch(`${initiator.nodeUrl}/exchange/v1/handshake`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(
      async (response) => ({
        status: response.status,
        body: (await response.json()) as { error?: { code: string; message: string } },
      }),
    );
  const acceptor = (nodeUrl: string | null, nodeId = 'node_acceptor', publicKey = 'A'.repeat(43)) => ({
    nodeId,
    publicKey,
    tracker: 'asana',
    nodeUrl,
    name: 'partner',
  });

  it('refuses a public code accepted at a node other than the one it names, and the named node can still accept', async () => {
    const initiated = await initiator.admin('POST', '/connections/initiate', initiateBody(destination.nodeUrl));
    const id = initiated.body.connection.id as string;
    const wrongNode = await stranger.admin('POST', '/connections/accept', { invitationCode: initiated.body.invitationCode, projectKey: 'SUP' });
    expect(wrongNode).toMatchObject({ status: 403, body: { error: { code: 'invitation_rejected' } } });
    expect(wrongNode.body.error.message).toContain(destination.nodeUrl);
    expect(await statusOnInitiator(id)).toBe('pending');
    expect((await stranger.admin('GET', '/connections')).body.map((each: { id: string }) => each.id)).not.toContain(id);

    const rightNode = await destination.admin('POST', '/connections/accept', { invitationCode: initiated.body.invitationCode, projectKey: 'SUP' });
    expect(rightNode.status).toBe(201);
    expect(await statusOnInitiator(id)).toBe('active');
  });

  it.each([
    ['claims no URL (a private acceptor)', () => null],
    ['names another public URL', () => stranger.nodeUrl],
    ['names the destination on another path', () => `${destination.nodeUrl}/other`],
  ])('refuses a direct handshake for a public code whose acceptor %s', async (_name, acceptorUrl) => {
    const initiated = await initiator.admin('POST', '/connections/initiate', initiateBody(destination.nodeUrl));
    const { connectionId, token } = contentOf(initiated.body.invitationCode);
    const refused = await handshake({ connectionId, token, acceptor: acceptor(acceptorUrl()) });
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'invitation_rejected' } } });
    expect(await statusOnInitiator(connectionId)).toBe('pending');
    // Refusing undid the consumption: the token still works for the named destination.
    expect((await handshake({ connectionId, token, acceptor: acceptor(destination.nodeUrl) })).status).toBe(200);
    expect(await statusOnInitiator(connectionId)).toBe('active');
  });

  it('takes the named destination however its URL is written (trailing slash, letter case)', async () => {
    const initiated = await initiator.admin('POST', '/connections/initiate', initiateBody(destination.nodeUrl));
    const { connectionId, token } = contentOf(initiated.body.invitationCode);
    expect((await handshake({ connectionId, token, acceptor: acceptor(`${destination.nodeUrl!.toUpperCase()}/`) })).status).toBe(200);
  });

  it('refuses a token of the right length with one character changed, and the real one still works', async () => {
    const initiated = await initiator.admin('POST', '/connections/initiate', initiateBody(null));
    const { connectionId, token } = contentOf(initiated.body.invitationCode);
    const last = token.at(-1) === 'A' ? 'B' : 'A';
    const refused = await handshake({ connectionId, token: `${token.slice(0, -1)}${last}`, acceptor: acceptor(null) });
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'invitation_rejected' } } });
    expect(await statusOnInitiator(connectionId)).toBe('pending');
    expect((await handshake({ connectionId, token, acceptor: acceptor(null) })).status).toBe(200);
  });

  it('refuses an invitation of another connection, and one this node accepted rather than initiated', async () => {
    const first = contentOf((await initiator.admin('POST', '/connections/initiate', initiateBody(null))).body.invitationCode);
    const second = contentOf((await initiator.admin('POST', '/connections/initiate', initiateBody(null))).body.invitationCode);
    expect(await handshake({ connectionId: second.connectionId, token: first.token, acceptor: acceptor(null) })).toMatchObject({
      status: 403,
      body: { error: { code: 'invitation_rejected' } },
    });
    expect(await handshake({ connectionId: 'con_unknown', token: first.token, acceptor: acceptor(null) })).toMatchObject({
      status: 403,
      body: { error: { code: 'invitation_rejected' } },
    });

    // The destination holds the accepted side of a connection: its handshake route must not take it again.
    const other = await initiator.admin('POST', '/connections/initiate', initiateBody(destination.nodeUrl));
    expect((await destination.admin('POST', '/connections/accept', { invitationCode: other.body.invitationCode, projectKey: 'SUP' })).status).toBe(201);
    const { connectionId, token } = contentOf(other.body.invitationCode);
    const atAcceptor = await fetch(`${destination.nodeUrl}/exchange/v1/handshake`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ connectionId, token, acceptor: acceptor(null) }),
    });
    expect(atAcceptor.status).toBe(403);
    // Refused as an invitation it does not know (it made none), not as a token that does not match.
    expect(((await atAcceptor.json()) as { error: { message: string } }).error.message).toBe(
      'The initiating node does not know this invitation (it may have been deleted). Ask the initiator for a new invitation code.',
    );
    expect((await destination.admin('GET', `/connections/${connectionId}`)).body.role).toBe('acceptor');
  });

  it('refuses a deleted invitation', async () => {
    const initiated = await initiator.admin('POST', '/connections/initiate', initiateBody(null));
    const { connectionId, token } = contentOf(initiated.body.invitationCode);
    expect((await initiator.admin('DELETE', `/connections/${connectionId}`)).status).toBe(200);
    expect(await handshake({ connectionId, token, acceptor: acceptor(null) })).toMatchObject({ status: 403, body: { error: { code: 'invitation_rejected' } } });
  });

  it('takes a code until the instant before it expires, and refuses it from that instant on, saying when', async () => {
    const early = contentOf((await initiator.admin('POST', '/connections/initiate', initiateBody(null))).body.invitationCode);
    const late = contentOf((await initiator.admin('POST', '/connections/initiate', initiateBody(null))).body.invitationCode);
    clock.advance(invitationLifetimeMs - 1);
    expect((await handshake({ connectionId: early.connectionId, token: early.token, acceptor: acceptor(null) })).status).toBe(200);
    clock.advance(1);
    const expired = await handshake({ connectionId: late.connectionId, token: late.token, acceptor: acceptor(null) });
    expect(expired).toMatchObject({ status: 410, body: { error: { code: 'invitation_expired' } } });
    expect(expired.body.error!.message).toContain(new Date(late.expiresAt).toISOString().slice(0, 16).replace('T', ' '));
    expect(await statusOnInitiator(late.connectionId)).toBe('pending');
  });

  it('answers a lost-answer retry only to the same acceptor: same key but another node id is refused', async () => {
    const { connectionId, token } = contentOf((await initiator.admin('POST', '/connections/initiate', initiateBody(null))).body.invitationCode);
    const key = 'K'.repeat(43);
    expect((await handshake({ connectionId, token, acceptor: acceptor(null, 'node_first', key) })).status).toBe(200);
    expect(await handshake({ connectionId, token, acceptor: acceptor(null, 'node_other', key) })).toMatchObject({
      status: 409,
      body: { error: { code: 'invitation_used' } },
    });
    expect(await handshake({ connectionId, token, acceptor: acceptor(null, 'node_first', 'L'.repeat(43)) })).toMatchObject({
      status: 409,
      body: { error: { code: 'invitation_used' } },
    });
    const stored = await initiator.context.store.getConnection(connectionId);
    expect(stored?.peer).toMatchObject({ nodeId: 'node_first', publicKey: key, nodeUrl: null, tracker: 'asana' });
    expect(stored).toMatchObject({ status: 'active', remoteTracker: 'asana', invitationExpiresAt: null });
  });
});

describe('what the initiating node says and logs about a handshake', () => {
  const clock = new ManualClock();
  const lines: { level: string; message: string; fields: Readonly<Record<string, unknown>> | undefined }[] = [];
  const record = (level: string) => (message: string, fields?: Readonly<Record<string, unknown>>) => lines.push({ level, message, fields });
  let initiator: TestNode;

  beforeAll(async () => {
    initiator = await startTestNode({
      name: 'initiator-logged',
      isPublic: true,
      tracker: new FakeTracker('jira-cloud'),
      clock,
      logger: { info: record('info'), warn: record('warn'), error: record('error') },
    });
  });
  afterAll(() => initiator.close());

  const handshake = (body: unknown) =>
    fetch(`${initiator.nodeUrl}/exchange/v1/handshake`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(
      async (response) => ({ status: response.status, body: (await response.json()) as { error?: { code: string; message: string } } }),
    );
  const acceptor = (nodeId = 'node_acceptor', publicKey = 'A'.repeat(43)) => ({ nodeId, publicKey, tracker: 'asana', nodeUrl: null, name: 'partner' });

  it('tells the acceptor what to do next for each refusal, logs each with its code, and never logs the token', async () => {
    const { connectionId, token } = contentOf((await initiator.admin('POST', '/connections/initiate', initiateBody(null))).body.invitationCode);
    const wrongToken = `${token.slice(0, -1)}${token.at(-1) === 'A' ? 'B' : 'A'}`;
    lines.length = 0;

    expect((await handshake({ connectionId: 'con_unknown', token, acceptor: acceptor() })).body.error).toEqual({
      code: 'invitation_rejected',
      message: 'The initiating node does not know this invitation (it may have been deleted). Ask the initiator for a new invitation code.',
    });
    expect((await handshake({ connectionId, token: wrongToken, acceptor: acceptor() })).body.error).toEqual({
      code: 'invitation_rejected',
      message: 'The invitation code does not match the invitation on the initiating node. Ask the initiator for a new invitation code.',
    });
    expect((await handshake({ connectionId, token, acceptor: acceptor() })).status).toBe(200);
    expect((await handshake({ connectionId, token, acceptor: acceptor('node_other') })).body.error).toEqual({
      code: 'invitation_used',
      message: 'This invitation code was already used to accept the connection; a code works once. Ask the initiator for a new invitation code.',
    });

    const handshakeLines = lines.filter((line) => line.message.startsWith('handshake'));
    expect(handshakeLines).toEqual([
      { level: 'warn', message: 'handshake refused', fields: { connectionId: 'con_unknown', code: 'invitation_rejected' } },
      { level: 'warn', message: 'handshake refused', fields: { connectionId, code: 'invitation_rejected' } },
      { level: 'info', message: 'handshake completed', fields: { connectionId } },
      { level: 'warn', message: 'handshake refused', fields: { connectionId, code: 'invitation_used' } },
    ]);
    expect(JSON.stringify(lines)).not.toContain(token.slice(0, 20));
  });
});

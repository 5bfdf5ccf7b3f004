import {
  acceptInvitation,
  encodeInvitationCode,
  ExalateError,
  generateNodeIdentity,
  handshakeProofText,
  signText,
  type Connection,
  type InvitationPayload,
  type NodeContext,
  type NodeIdentity,
  type StoreV1,
  type TransportRequest,
  type TransportResponse,
  type TransportV1,
} from '../core';
import { FakeTracker } from './fakes/fake-tracker';
import { ManualClock } from './fakes/manual-clock';
import { startTestNode, type TestNode } from './support/test-node';

/**
 * Accept Invitation on the acceptor's node, with the initiator played by a scripted transport: what
 * is refused before any call, what is sent in the handshake, what a lying initiator gets, and the
 * connection stored at the end, field by field.
 */
const initiatorUrl = 'https://initiator.example.com/node';

/** The initiator's side of the handshake, as a transport that answers it and keeps what it was sent. */
class ScriptedInitiator implements TransportV1 {
  readonly sent: TransportRequest[] = [];
  answer: (request: TransportRequest) => Promise<TransportResponse> = async () => ({ status: 500, body: '' });
  async send(request: TransportRequest): Promise<TransportResponse> {
    this.sent.push(request);
    return this.answer(request);
  }
}

describe('accepting an invitation', () => {
  const clock = new ManualClock();
  let privateNode: TestNode;
  let publicNode: TestNode;
  let initiator: NodeIdentity;

  beforeAll(async () => {
    privateNode = await startTestNode({ name: 'acceptor-private', isPublic: false, tracker: new FakeTracker('azure-devops'), clock });
    publicNode = await startTestNode({ name: 'acceptor-public', isPublic: true, tracker: new FakeTracker('asana'), clock });
    initiator = await generateNodeIdentity(clock.now());
  });
  afterAll(async () => {
    await Promise.all([privateNode.close(), publicNode.close()]);
  });

  let counter = 0;
  function invitation(overrides: Partial<InvitationPayload> = {}): InvitationPayload {
    counter += 1;
    return {
      connectionId: `con_accept_${counter}`,
      token: 't'.repeat(43),
      initiator: {
        nodeId: initiator.nodeId,
        nodeUrl: initiatorUrl,
        publicKey: initiator.publicKey,
        tracker: 'jira-cloud',
        trackerVersion: '1001',
        instanceUrl: 'https://acme.atlassian.net',
        name: 'acme',
      },
      destinationName: 'partner',
      destinationIsPublic: false,
      connectionName: 'acme_to_partner',
      description: 'Escalations',
      mode: 'script',
      expiresAt: clock.now() + 3600_000,
      ...overrides,
    };
  }

  /** The node's context with the scripted initiator as its transport (and other overrides). */
  function contextOf(node: TestNode, transport: TransportV1, overrides: Partial<NodeContext> = {}): NodeContext {
    return { ...node.context, transport, ...overrides };
  }

  /** An initiator that answers the handshake as a real one does: its node id and a proof signed with its key. */
  function honestInitiator(signer: NodeIdentity = initiator, nodeId = initiator.nodeId): ScriptedInitiator {
    const transport = new ScriptedInitiator();
    transport.answer = async (request) => {
      const body = JSON.parse(request.body!) as { connectionId: string; acceptor: { publicKey: string } };
      return {
        status: 200,
        body: JSON.stringify({ initiatorNodeId: nodeId, proof: await signText(signer, handshakeProofText(body.connectionId, body.acceptor.publicKey)) }),
      };
    };
    return transport;
  }

  async function refusal(
    node: TestNode,
    payload: InvitationPayload,
    transport: TransportV1 = new ScriptedInitiator(),
    overrides: Partial<NodeContext> = {},
    projectKey = 'SUP',
  ): Promise<ExalateError> {
    const result = await acceptInvitation(contextOf(node, transport, overrides), { invitationCode: encodeInvitationCode(payload), projectKey });
    if (result.ok) throw new Error('expected a refusal');
    return result.error;
  }

  const acceptWithHonestInitiator = (payload: InvitationPayload, overrides: Partial<NodeContext>) =>
    acceptInvitation(contextOf(privateNode, honestInitiator(), overrides), { invitationCode: encodeInvitationCode(payload), projectKey: 'SUP' });

  it('sends the handshake to the initiator and stores the connection it proved, field by field', async () => {
    const payload = invitation();
    const transport = honestInitiator();
    clock.advance(1000);
    const result = await acceptInvitation(contextOf(privateNode, transport), { invitationCode: encodeInvitationCode(payload), projectKey: 'SUP' });
    expect(transport.sent).toHaveLength(1);
    expect(transport.sent[0]).toMatchObject({ method: 'POST', url: `${initiatorUrl}/exchange/v1/handshake` });
    expect(JSON.parse(transport.sent[0]!.body!)).toEqual({
      connectionId: payload.connectionId,
      token: payload.token,
      acceptor: {
        nodeId: privateNode.context.identity.nodeId,
        publicKey: privateNode.context.identity.publicKey,
        tracker: 'azure-devops',
        nodeUrl: null,
        name: 'partner',
      },
    });
    const expected: Connection = {
      id: payload.connectionId,
      name: 'acme_to_partner',
      description: 'Escalations',
      mode: 'script',
      status: 'active',
      statusReason: null,
      role: 'acceptor',
      localName: 'partner',
      remoteName: 'acme',
      projectKey: 'SUP',
      destination: initiatorUrl,
      remoteTracker: 'jira-cloud',
      remoteInstanceUrl: 'https://acme.atlassian.net',
      localIsPrivate: true,
      peer: { nodeId: initiator.nodeId, publicKey: initiator.publicKey, nodeUrl: initiatorUrl, tracker: 'jira-cloud' },
      invitationExpiresAt: null,
      createdAt: clock.now(),
      updatedAt: clock.now(),
    };
    expect(result).toEqual({ ok: true, value: expected });
    expect(await privateNode.context.store.getConnection(payload.connectionId)).toEqual(expected);
  });

  it('tells a public initiator where this node is, and keeps the initiator URL as typed in the code without its trailing slash', async () => {
    const payload = invitation({ destinationIsPublic: true, initiator: { ...invitation().initiator, nodeUrl: `${initiatorUrl}/` } });
    const transport = honestInitiator();
    const result = await acceptInvitation(contextOf(publicNode, transport), { invitationCode: encodeInvitationCode(payload), projectKey: 'SUP' });
    expect(transport.sent[0]!.url).toBe(`${initiatorUrl}/exchange/v1/handshake`);
    expect(JSON.parse(transport.sent[0]!.body!).acceptor).toMatchObject({ nodeUrl: publicNode.nodeUrl, tracker: 'asana' });
    expect(result.ok && result.value).toMatchObject({ localIsPrivate: false, destination: initiatorUrl, peer: { nodeUrl: initiatorUrl } });
  });

  it('refuses a code made on this node, before any call', async () => {
    const transport = new ScriptedInitiator();
    const own = invitation({ initiator: { ...invitation().initiator, nodeId: privateNode.context.identity.nodeId } });
    const error = await refusal(privateNode, own, transport);
    expect([error.code, error.message]).toEqual([
      'invitation_rejected',
      'This invitation code was created on this instance. Paste it into Accept Invitation on the other side.',
    ]);
    expect(transport.sent).toEqual([]);
  });

  it('refuses a code whose connection is already here, and takes one whose connection here was deleted', async () => {
    const payload = invitation();
    expect((await acceptInvitation(contextOf(privateNode, honestInitiator()), { invitationCode: encodeInvitationCode(payload), projectKey: 'SUP' })).ok).toBe(
      true,
    );
    const transport = honestInitiator();
    const error = await refusal(privateNode, payload, transport);
    expect([error.code, error.message]).toEqual([
      'invitation_used',
      'This invitation was already accepted here: the connection "acme_to_partner" exists and is active.',
    ]);
    expect(transport.sent).toEqual([]);

    const stored = await privateNode.context.store.getConnection(payload.connectionId);
    await privateNode.context.store.updateConnection({ ...stored!, status: 'deleted' });
    const again = await acceptInvitation(contextOf(privateNode, transport), { invitationCode: encodeInvitationCode(payload), projectKey: 'SUP' });
    expect(transport.sent).toHaveLength(1);
    expect(again.ok ? 'accepted' : again.error.code).not.toBe('invitation_used');
  });

  it('refuses, before any call, a public invitation on a private node, an unknown project and an initiator in a private network', async () => {
    const transport = new ScriptedInitiator();
    const publicInvitation = await refusal(privateNode, invitation({ destinationIsPublic: true }), transport);
    expect([publicInvitation.code, publicInvitation.message]).toEqual([
      'invitation_rejected',
      'This invitation expects this side to be reachable at a public URL, but this node has none. Ask the initiator to initiate again with "I don\'t have a URL".',
    ]);
    expect((await refusal(privateNode, invitation(), transport, {}, 'NOPE')).code).toBe('project_unknown');
    const privateInitiator = invitation({ initiator: { ...invitation().initiator, nodeUrl: 'http://10.0.0.8/node' } });
    const production = { settings: { ...privateNode.context.settings, allowPrivateDestinations: false } };
    expect((await refusal(privateNode, privateInitiator, transport, production)).code).toBe('destination_invalid');
    expect((await refusal(privateNode, invitation({ expiresAt: clock.now() }), transport)).code).toBe('invitation_expired');
    expect(transport.sent).toEqual([]);
  });

  it.each([
    ['answers with another node id', () => honestInitiator(initiator, 'node_someone_else')],
    ['proves with another key', async () => honestInitiator(await generateNodeIdentity(clock.now()))],
  ])('refuses an initiator that %s, and stores nothing', async (_name, makeTransport) => {
    const payload = invitation();
    const error = await refusal(privateNode, payload, await makeTransport());
    expect([error.code, error.message]).toEqual([
      'peer_invalid_response',
      "The node at the invitation's URL could not prove it created this invitation. Do not accept it; ask the initiator for a new invitation code.",
    ]);
    expect(await privateNode.context.store.getConnection(payload.connectionId)).toBeUndefined();
  });

  it("passes on the initiator's refusal, and throws what is a bug rather than an answer", async () => {
    const refusing = new ScriptedInitiator();
    refusing.answer = async () => ({
      status: 410,
      body: JSON.stringify({ error: { code: 'invitation_expired', message: 'The invitation code expired on 2026-11-23 12:00 UTC.' } }),
    });
    const error = await refusal(privateNode, invitation(), refusing);
    expect([error.code, error.message]).toEqual(['invitation_expired', 'The invitation code expired on 2026-11-23 12:00 UTC.']);

    const notANode = new ScriptedInitiator();
    notANode.answer = async () => ({ status: 200, body: '<html>a parked domain</html>' });
    const unlike = await refusal(privateNode, invitation(), notANode);
    expect([unlike.code, unlike.message]).toEqual([
      'peer_invalid_response',
      `The initiating node at ${initiatorUrl}/exchange/v1/handshake answered, but not as an Exalate node does. Check that the URL points at an Exalate node.`,
    ]);

    const broken = new ScriptedInitiator();
    broken.answer = async () => {
      throw new TypeError('a bug in the transport');
    };
    await expect(acceptInvitation(contextOf(privateNode, broken), { invitationCode: encodeInvitationCode(invitation()), projectKey: 'SUP' })).rejects.toThrow(
      'a bug in the transport',
    );
  });

  it('logs the accepted connection with the initiator it reached', async () => {
    const lines: { message: string; fields: Readonly<Record<string, unknown>> | undefined }[] = [];
    const logger = { ...privateNode.context.logger, info: (message: string, fields?: Readonly<Record<string, unknown>>) => lines.push({ message, fields }) };
    const payload = invitation();
    expect((await acceptWithHonestInitiator(payload, { logger })).ok).toBe(true);
    expect(lines).toEqual([{ message: 'invitation accepted', fields: { connectionId: payload.connectionId, initiator: initiatorUrl } }]);
  });

  it('tells the loser of two parallel accepts that the code was used, after the handshake', async () => {
    const store = privateNode.context.store;
    const losingStore = new Proxy(store, {
      get: (target, property, receiver) => (property === 'insertConnectionUnlessLive' ? async () => false : Reflect.get(target, property, receiver)),
    }) as StoreV1;
    const payload = invitation();
    const transport = honestInitiator();
    const error = await refusal(privateNode, payload, transport, { store: losingStore });
    expect([error.code, error.message]).toEqual([
      'invitation_used',
      'This invitation was already accepted here: the connection "acme_to_partner" exists. Refresh the Connections list.',
    ]);
    expect(transport.sent).toHaveLength(1);
  });
});

import { createSignedRequestToken, messagesOperation } from '../core';
import { FakeTracker } from './fakes/fake-tracker';
import { ManualClock } from './fakes/manual-clock';
import { postgresForTests } from './support/postgres-server';
import { startTestNode, type TestNode } from './support/test-node';

const initiateBody = (destinationUrl: string | null) => ({
  destinationUrl,
  mode: 'script',
  localName: 'acme',
  remoteName: 'partner',
  name: 'acme_to_partner',
  description: 'Escalations',
  projectKey: 'SUP',
});

/**
 * The same cases with each node's state in SQLite (the default) and in PostgreSQL (DATABASE_URL):
 * accepting, the one-time token and the replay cache are rules of the store as much as of core.
 * On PostgreSQL each node gets a schema of its own, named after the node and this run.
 */
const stores = [
  ['SQLite', async (name: string) => ({ name })],
  ['PostgreSQL', async (name: string) => ({ name: `${name}-${process.pid}-${Date.now().toString(36)}`, databaseUrl: await postgresForTests() })],
] as const;

describe.each(stores)('node-to-node exchange between real nodes (%s)', (_store, storeFor) => {
  const nodes: TestNode[] = [];
  const clock = new ManualClock();
  let publicNode: TestNode;
  let privateNode: TestNode;
  let otherPublicNode: TestNode;

  beforeAll(async () => {
    publicNode = await startTestNode({ ...(await storeFor('public')), isPublic: true, tracker: new FakeTracker('jira-cloud'), clock });
    privateNode = await startTestNode({ ...(await storeFor('private')), isPublic: false, tracker: new FakeTracker('azure-devops'), clock });
    otherPublicNode = await startTestNode({ ...(await storeFor('other')), isPublic: true, tracker: new FakeTracker('asana'), clock });
    nodes.push(publicNode, privateNode, otherPublicNode);
  });
  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.close()));
  });

  it('makes a private connection active on both sides without a single request into the private side', async () => {
    const initiated = await publicNode.admin('POST', '/connections/initiate', initiateBody(null));
    expect(initiated.status).toBe(201);
    expect(initiated.body.connection).toMatchObject({ status: 'pending', destination: 'unknown', mode: 'script' });

    const accepted = await privateNode.admin('POST', '/connections/accept', { invitationCode: initiated.body.invitationCode, projectKey: 'SUP' });
    expect(accepted.status).toBe(201);
    expect(accepted.body.connection).toMatchObject({
      status: 'active',
      name: 'acme_to_partner',
      localName: 'partner',
      remoteName: 'acme',
      destination: publicNode.nodeUrl,
    });

    const initiatorView = await publicNode.admin('GET', `/connections/${initiated.body.connection.id}`);
    expect(initiatorView.body).toMatchObject({ status: 'active', destination: 'unknown', remoteTracker: 'azure-devops' });

    // The private side reaches the public side with a signed request; the reverse is impossible.
    const fromPrivate = await privateNode.admin('POST', `/connections/${initiated.body.connection.id}/check`);
    expect(fromPrivate.body).toMatchObject({ reachable: true, remoteStatus: 'active' });
    const fromPublic = await publicNode.admin('POST', `/connections/${initiated.body.connection.id}/check`);
    expect(fromPublic.status).toBe(409);
    expect(fromPublic.body.error.message).toContain('private');

    expect(publicNode.outbound.sent).toEqual([]);
    expect(privateNode.inbound.every((line) => line.includes('/api/v1/'))).toBe(true);
    expect(privateNode.inbound.some((line) => line.includes('/exchange/'))).toBe(false);
  });

  it('makes a public connection active after the initiator asks the destination what it supports', async () => {
    const inspected = await otherPublicNode.admin('POST', '/destinations/inspect', { url: `${publicNode.nodeUrl}/` });
    expect(inspected.body).toMatchObject({ tracker: 'jira-cloud', modes: ['basic', 'visual', 'script'], nodeUrl: publicNode.nodeUrl });
    const initiated = await otherPublicNode.admin('POST', '/connections/initiate', initiateBody(`${publicNode.nodeUrl}/`));
    expect(initiated.body.connection).toMatchObject({ status: 'pending', destination: publicNode.nodeUrl, remoteTracker: 'jira-cloud' });
    const accepted = await publicNode.admin('POST', '/connections/accept', { invitationCode: initiated.body.invitationCode, projectKey: 'SUP' });
    expect(accepted.status).toBe(201);
    const id = initiated.body.connection.id;
    expect((await otherPublicNode.admin('GET', `/connections/${id}`)).body.status).toBe('active');
    expect((await otherPublicNode.admin('POST', `/connections/${id}/check`)).body).toMatchObject({ reachable: true, remoteStatus: 'active' });
    expect((await publicNode.admin('POST', `/connections/${id}/check`)).body).toMatchObject({ reachable: true, remoteStatus: 'active' });
  });

  it('refuses a reused code, on the same node and on another', async () => {
    const initiated = await publicNode.admin('POST', '/connections/initiate', initiateBody(null));
    const code = initiated.body.invitationCode;
    expect((await privateNode.admin('POST', '/connections/accept', { invitationCode: code, projectKey: 'SUP' })).status).toBe(201);
    const again = await privateNode.admin('POST', '/connections/accept', { invitationCode: code, projectKey: 'SUP' });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'invitation_used' } } });
    const elsewhere = await otherPublicNode.admin('POST', '/connections/accept', { invitationCode: code, projectKey: 'SUP' });
    expect(elsewhere).toMatchObject({ status: 409, body: { error: { code: 'invitation_used' } } });
    expect((await otherPublicNode.admin('GET', '/connections')).body.map((each: { id: string }) => each.id)).not.toContain(initiated.body.connection.id);
  });

  it('refuses an expired code before any network call, and the initiator refuses it too', async () => {
    const initiated = await publicNode.admin('POST', '/connections/initiate', initiateBody(null));
    clock.advance(72 * 3600_000 + 1);
    const sentBefore = privateNode.outbound.sent.length;
    const refused = await privateNode.admin('POST', '/connections/accept', { invitationCode: initiated.body.invitationCode, projectKey: 'SUP' });
    expect(refused).toMatchObject({ status: 410, body: { error: { code: 'invitation_expired' } } });
    expect(refused.body.error.message).toMatch(/expired on \d{4}-\d\d-\d\d \d\d:\d\d UTC\. Ask the admin/);
    expect(privateNode.outbound.sent.length).toBe(sentBefore);
    // An acceptor with a slow clock still cannot use it: the initiator checks expiry itself.
    const payload = JSON.parse(Buffer.from(initiated.body.invitationCode.split('.')[1], 'base64url').toString());
    const direct = await fetch(`${publicNode.nodeUrl}/exchange/v1/handshake`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        connectionId: payload.connectionId,
        token: payload.token,
        acceptor: { nodeId: 'node_slow_clock', publicKey: 'D'.repeat(43), tracker: 'asana', nodeUrl: null, name: 'p' },
      }),
    });
    expect(direct.status).toBe(410);
    expect((await publicNode.admin('GET', `/connections/${initiated.body.connection.id}`)).body.status).toBe('pending');
  });

  it('answers a repeated handshake from the same acceptor (its first answer was lost) and refuses any other', async () => {
    const initiated = await publicNode.admin('POST', '/connections/initiate', initiateBody(null));
    const payload = JSON.parse(Buffer.from(initiated.body.invitationCode.split('.')[1], 'base64url').toString());
    const handshake = (publicKey: string, nodeId: string) =>
      fetch(`${publicNode.nodeUrl}/exchange/v1/handshake`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          connectionId: payload.connectionId,
          token: payload.token,
          acceptor: { nodeId, publicKey, tracker: 'asana', nodeUrl: null, name: 'partner' },
        }),
      });
    const key = 'A'.repeat(43);
    expect((await handshake(key, 'node_first')).status).toBe(200);
    expect((await handshake(key, 'node_first')).status).toBe(200);
    const intruder = await handshake('B'.repeat(43), 'node_intruder');
    expect(intruder.status).toBe(409);
    expect(((await intruder.json()) as { error: { code: string } }).error.code).toBe('invitation_used');
  });

  it('refuses a handshake with a guessed token and leaves the invitation usable', async () => {
    const initiated = await publicNode.admin('POST', '/connections/initiate', initiateBody(null));
    const response = await fetch(`${publicNode.nodeUrl}/exchange/v1/handshake`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        connectionId: initiated.body.connection.id,
        token: 'x'.repeat(43),
        acceptor: { nodeId: 'node_guess', publicKey: 'C'.repeat(43), tracker: 'asana', nodeUrl: null, name: 'p' },
      }),
    });
    expect(response.status).toBe(403);
    const accepted = await privateNode.admin('POST', '/connections/accept', { invitationCode: initiated.body.invitationCode, projectKey: 'SUP' });
    expect(accepted.status).toBe(201);
  });

  it('answers a replayed, forged or expired signed request with 401 and changes nothing', async () => {
    const initiated = await publicNode.admin('POST', '/connections/initiate', initiateBody(null));
    const id = initiated.body.connection.id;
    await privateNode.admin('POST', '/connections/accept', { invitationCode: initiated.body.invitationCode, projectKey: 'SUP' });
    await privateNode.admin('POST', `/connections/${id}/check`);
    const signed = privateNode.outbound.sent.at(-1)!;
    expect(signed.url).toContain(`/connections/${id}/messages`);
    const resend = (headers: Record<string, string>, body = signed.body) =>
      fetch(signed.url, { method: 'POST', headers, ...(body === undefined ? {} : { body }) });
    const before = await publicNode.admin('GET', '/connections');

    const replayed = await resend({ ...signed.headers });
    expect(replayed.status).toBe(401);
    expect(((await replayed.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    expect((await resend({ 'content-type': 'application/json' })).status).toBe(401);
    expect((await resend({ ...signed.headers, 'exalate-signature': `${signed.headers!['exalate-signature']!.slice(0, -4)}AAAA` })).status).toBe(401);

    await privateNode.admin('POST', `/connections/${id}/check`);
    const fresh = privateNode.outbound.sent.at(-1)!;
    clock.advance(10 * 60_000);
    expect((await fetch(fresh.url, { method: 'POST', headers: { ...fresh.headers }, ...(fresh.body === undefined ? {} : { body: fresh.body }) })).status).toBe(
      401,
    );
    expect((await publicNode.admin('GET', '/connections')).body).toEqual(before.body);
  });

  it('refuses a message its peer signed that is not a peer message, and the signature cannot be used again', async () => {
    const initiated = await publicNode.admin('POST', '/connections/initiate', initiateBody(null));
    const id = initiated.body.connection.id as string;
    await privateNode.admin('POST', '/connections/accept', { invitationCode: initiated.body.invitationCode, projectKey: 'SUP' });
    const body = JSON.stringify({ type: 'no_such_message' });
    const token = await createSignedRequestToken(
      privateNode.context.identity,
      { audienceNodeId: publicNode.context.identity.nodeId, connectionId: id, operation: messagesOperation(id), body },
      clock.now(),
    );
    const send = () =>
      fetch(`${publicNode.nodeUrl}/exchange/v1/connections/${id}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'exalate-signature': token },
        body,
      });
    const refused = await send();
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    const replayed = await send();
    expect(replayed.status).toBe(401);
    expect((await publicNode.admin('GET', `/connections/${id}`)).body.status).toBe('active');
  });

  it("refuses connection information the wizard would refuse, in the wizard's words", async () => {
    const { wizardMessages } = await import('../core');
    const badName = await publicNode.admin('POST', '/connections/initiate', { ...initiateBody(null), localName: 'acme jira!' });
    expect(badName.status).toBe(400);
    expect(badName.body.error.message).toContain(wizardMessages.shortNameInvalid);
    const sameNames = await publicNode.admin('POST', '/connections/initiate', { ...initiateBody(null), remoteName: 'ACME' });
    expect(sameNames.body.error.message).toContain(wizardMessages.shortNamesMustDiffer);
    const before = (await publicNode.admin('GET', '/connections')).body.length;
    const unknownField = await publicNode.admin('POST', '/connections/initiate', { ...initiateBody(null), secret: 'x' });
    expect(unknownField.status).toBe(400);
    expect((await publicNode.admin('GET', '/connections')).body.length).toBe(before);
  });

  it('lets a private node accept but not initiate, and says why', async () => {
    const refused = await privateNode.admin('POST', '/connections/initiate', initiateBody(null));
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    expect(refused.body.error.message).toContain('Accept Invitation');
  });

  it('refuses a public invitation on a private node, which could never be reached', async () => {
    const initiated = await otherPublicNode.admin('POST', '/connections/initiate', initiateBody(publicNode.nodeUrl));
    const refused = await privateNode.admin('POST', '/connections/accept', { invitationCode: initiated.body.invitationCode, projectKey: 'SUP' });
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'invitation_rejected' } } });
  });
});

describe.each(stores)('Jira Server Script mode requirements (%s)', (_store, storeFor) => {
  it.each([
    ['an expired licence', true, 'expired', 403, 'licence_required'],
    ['no licence of any kind (this open edition needs none)', true, 'none', 201, undefined],
    ['a private instance', false, 'paid', 403, 'forbidden'],
    ['an evaluation licence', true, 'trial', 201, undefined],
    ['a paid licence', true, 'paid', 201, undefined],
  ] as const)('with %s', async (_name, isPublic, licence, status, code) => {
    const node = await startTestNode({
      ...(await storeFor(`jira-server-${licence}-${isPublic}`)),
      isPublic,
      tracker: new FakeTracker('jira-server', undefined, licence),
    });
    try {
      const answer = await node.admin('POST', '/connections/initiate', initiateBody(null));
      expect(answer.status).toBe(status);
      if (code) expect(answer.body.error.code).toBe(code);
    } finally {
      await node.close();
    }
  });
});

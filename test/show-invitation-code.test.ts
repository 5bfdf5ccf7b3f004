import { FakeTracker } from './fakes/fake-tracker';
import { ManualClock } from './fakes/manual-clock';
import { startTestNode, type TestNode } from './support/test-node';

const initiateBody = {
  destinationUrl: null,
  mode: 'script',
  localName: 'acme',
  remoteName: 'partner',
  name: 'acme_to_partner',
  projectKey: 'SUP',
};

/**
 * "Show invitation code": the initiator closed the wizard (or lost the message) and asks its node
 * for a Pending connection's code again, `GET {adminApi}/connections/{id}/invitation`.
 */
describe('showing a Pending connection’s invitation code again', () => {
  const clock = new ManualClock();
  let initiator: TestNode;
  let acceptor: TestNode;

  beforeAll(async () => {
    initiator = await startTestNode({ name: 'initiator', isPublic: true, tracker: new FakeTracker('jira-cloud'), clock });
    acceptor = await startTestNode({ name: 'acceptor', isPublic: false, tracker: new FakeTracker('azure-devops'), clock });
  });
  afterAll(async () => {
    await Promise.all([initiator.close(), acceptor.close()]);
  });

  const initiate = async () => {
    const initiated = await initiator.admin('POST', '/connections/initiate', initiateBody);
    expect(initiated.status).toBe(201);
    return {
      id: initiated.body.connection.id as string,
      code: initiated.body.invitationCode as string,
      expiresAt: initiated.body.connection.invitationExpiresAt as string,
    };
  };

  it('answers the same code and its expiry while Pending, keeps it sealed at rest, and the shown code can be accepted', async () => {
    const { id, code, expiresAt } = await initiate();
    const shown = await initiator.admin('GET', `/connections/${id}/invitation`);
    expect(shown).toMatchObject({ status: 200, body: { invitationCode: code, expiresAt } });
    expect(Date.parse(shown.body.expiresAt) - clock.now()).toBe(72 * 3600_000);

    const stored = await initiator.context.store.getInvitation(id);
    expect(stored?.sealedCode).toMatch(/^sealed1:/);
    expect(stored?.sealedCode).not.toContain(code.slice(5, 40));

    const accepted = await acceptor.admin('POST', '/connections/accept', { invitationCode: shown.body.invitationCode, projectKey: 'SUP' });
    expect(accepted.status).toBe(201);
  });

  it('refuses once the code was used, in words that say so, and drops the sealed code', async () => {
    const { id, code } = await initiate();
    expect((await acceptor.admin('POST', '/connections/accept', { invitationCode: code, projectKey: 'SUP' })).status).toBe(201);
    const refused = await initiator.admin('GET', `/connections/${id}/invitation`);
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'invitation_used' } } });
    expect(refused.body.error.message).toBe(
      'The invitation code of "acme_to_partner" was already used: the other side accepted it, and a code works once. No code is needed any more.',
    );
    expect((await initiator.context.store.getInvitation(id))?.sealedCode).toBeNull();
  });

  it('refuses once the connection is deleted, and drops the sealed code', async () => {
    const { id } = await initiate();
    expect((await initiator.admin('DELETE', `/connections/${id}`)).status).toBe(200);
    const refused = await initiator.admin('GET', `/connections/${id}/invitation`);
    expect(refused).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
    expect(refused.body.error.message).toContain('it may have been deleted, and its invitation code with it');
    expect((await initiator.context.store.getInvitation(id))?.sealedCode).toBeNull();
  });

  it('refuses an expired code with the date and what to do instead', async () => {
    const { id } = await initiate();
    clock.advance(72 * 3600_000);
    const refused = await initiator.admin('GET', `/connections/${id}/invitation`);
    expect(refused).toMatchObject({ status: 410, body: { error: { code: 'invitation_expired' } } });
    expect(refused.body.error.message).toMatch(/expired on \d{4}-\d\d-\d\d \d\d:\d\d UTC\. Delete this connection and initiate a new one/);
  });

  it('has no code to show on the accepting side, or for an unknown connection', async () => {
    const { id, code } = await initiate();
    await acceptor.admin('POST', '/connections/accept', { invitationCode: code, projectKey: 'SUP' });
    const onAcceptor = await acceptor.admin('GET', `/connections/${id}/invitation`);
    expect(onAcceptor).toMatchObject({ status: 409, body: { error: { code: 'connection_state' } } });
    expect(onAcceptor.body.error.message).toContain('only the initiator');
    expect(await initiator.admin('GET', '/connections/con_nothing/invitation')).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } });
  });

  it('describes the call in the OpenAPI document', async () => {
    const response = await fetch(`${initiator.adminApi}/openapi.json`, { headers: { authorization: `Bearer ${initiator.adminToken}` } });
    const document = (await response.json()) as { paths: Record<string, Record<string, { summary: string }>> };
    expect(document.paths['/connections/{id}/invitation']?.['get']?.summary).toMatch(/^Show invitation code/);
  });
});

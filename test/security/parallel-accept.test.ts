import { FakeTracker } from '../fakes/fake-tracker';
import { postgresForTests, uniqueSchemaName } from '../support/postgres-server';
import { startTestNode, type TestNode } from '../support/test-node';

const initiateBody = { destinationUrl: null, mode: 'script', localName: 'acme', remoteName: 'partner', name: 'acme_to_partner', projectKey: 'SUP' };
const parallelAccepts = 8;

/**
 * An admin double-clicks Accept, or a script retries while the first call is still running: every
 * accept of one code runs the handshake at once. One of them makes the connection; every other one
 * must be told the code was already used (409 invitation_used), never answered with a 500.
 */
describe.each([
  ['SQLite', async () => undefined],
  ['PostgreSQL', async () => postgresForTests()],
])('accepting one invitation code in parallel on %s', (storeName, databaseUrl) => {
  const nodes: TestNode[] = [];
  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.close()));
  });

  it(`answers one 201 and ${parallelAccepts - 1} times "already used", and stores one connection`, async () => {
    const url = await databaseUrl();
    const start = async (name: string, isPublic: boolean, tracker: FakeTracker) => {
      const node = await startTestNode({ name: uniqueSchemaName(name), isPublic, tracker, ...(url ? { databaseUrl: url } : {}) });
      nodes.push(node);
      return node;
    };
    const initiator = await start('initiator', true, new FakeTracker('jira-cloud'));
    const acceptor = await start('acceptor', false, new FakeTracker('azure-devops'));
    const initiated = await initiator.admin('POST', '/connections/initiate', initiateBody);
    expect(initiated.status).toBe(201);

    const answers = await Promise.all(
      Array.from({ length: parallelAccepts }, () =>
        acceptor.admin('POST', '/connections/accept', { invitationCode: initiated.body.invitationCode, projectKey: 'SUP' }),
      ),
    );

    const statuses = answers.map((answer) => answer.status).sort();
    process.stdout.write(`parallel accepts on ${storeName}: ${statuses.join(' ')}\n`);
    expect(statuses).toEqual([201, ...Array<number>(parallelAccepts - 1).fill(409)]);
    for (const refused of answers.filter((answer) => answer.status !== 201)) {
      expect(refused.body.error.code).toBe('invitation_used');
      expect(refused.body.error.message).toMatch(/already (used|accepted)/);
    }
    const acceptorList = (await acceptor.admin('GET', '/connections')).body as { id: string; status: string }[];
    expect(acceptorList).toEqual([expect.objectContaining({ id: initiated.body.connection.id, status: 'active' })]);
    const initiatorView = await initiator.admin('GET', `/connections/${initiated.body.connection.id}`);
    expect(initiatorView.body).toMatchObject({ status: 'active' });
    // The connection that was stored works: the acceptor's signed ping is answered.
    expect((await acceptor.admin('POST', `/connections/${initiated.body.connection.id}/check`)).body).toMatchObject({
      reachable: true,
      remoteStatus: 'active',
    });
  });
});

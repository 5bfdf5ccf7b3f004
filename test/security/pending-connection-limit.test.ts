import { defaultInvitationLifetimeMs, defaultMaximumPendingConnections } from '../../core';
import { FakeTracker } from '../fakes/fake-tracker';
import { ManualClock } from '../fakes/manual-clock';
import { startTestNode, type TestNode } from '../support/test-node';

const initiateBody = (name: string) => ({ destinationUrl: null, mode: 'script', localName: 'acme', remoteName: 'partner', name, projectKey: 'SUP' });

/**
 * Whoever holds the admin token could initiate without end, and every initiation stores a
 * connection and an invitation. The node keeps at most 100 codes waiting to be accepted.
 */
describe('the limit of pending connections', () => {
  const clock = new ManualClock();
  let node: TestNode;
  beforeAll(async () => {
    node = await startTestNode({ name: 'pending-limit', isPublic: true, tracker: new FakeTracker('jira-cloud'), clock });
  });
  afterAll(async () => {
    await node.close();
  });

  it('refuses initiations past the limit, even sent all at once, with words that say to delete some or let them expire', async () => {
    const extra = 5;
    const startedAt = Date.now();
    const answers = await Promise.all(
      Array.from({ length: defaultMaximumPendingConnections + extra }, (_unused, index) =>
        node.admin('POST', '/connections/initiate', initiateBody(`pending_${index}`)),
      ),
    );
    process.stdout.write(`${answers.length} parallel initiations answered in ${Date.now() - startedAt} ms\n`);
    expect(answers.filter((answer) => answer.status === 201)).toHaveLength(defaultMaximumPendingConnections);
    const refused = answers.filter((answer) => answer.status !== 201);
    expect(refused).toHaveLength(extra);
    for (const answer of refused) {
      expect(answer.status).toBe(409);
      expect(answer.body.error.message).toContain(`${defaultMaximumPendingConnections} is the limit`);
      expect(answer.body.error.message).toMatch(/Delete pending connections .* or wait until some expire/);
    }
    // Nothing of a refused initiation was stored.
    expect((await node.admin('GET', `/connections?limit=500`)).body).toHaveLength(defaultMaximumPendingConnections);
  });

  it('makes room when a pending connection is deleted', async () => {
    const pending = (await node.admin('GET', '/connections?limit=500')).body as { id: string }[];
    expect((await node.admin('POST', '/connections/initiate', initiateBody('one_too_many'))).status).toBe(409);
    expect((await node.admin('DELETE', `/connections/${pending[0]!.id}`)).status).toBe(200);
    expect((await node.admin('POST', '/connections/initiate', initiateBody('in_the_freed_place'))).status).toBe(201);
    expect((await node.admin('POST', '/connections/initiate', initiateBody('one_too_many_again'))).status).toBe(409);
  });

  it('does not count codes that expired: they can never be accepted', async () => {
    clock.advance(defaultInvitationLifetimeMs + 1);
    const answers = await Promise.all(
      Array.from({ length: defaultMaximumPendingConnections + 1 }, (_unused, index) =>
        node.admin('POST', '/connections/initiate', initiateBody(`after_expiry_${index}`)),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([...Array<number>(defaultMaximumPendingConnections).fill(201), 409]);
  });
});

import { richTextFromPlain } from '../core';
import { trackerItem } from './fakes/tracker-item';
import { startTestNodePair, type TestNodePair } from './support/test-node-pair';
import { waitFor } from './support/wait-for';

// Room for one lost long-poll answer (its changes wait out a 30 s lease) on a loaded machine.
jest.setTimeout(90_000);

const fast = { reconcileIntervalMs: 100, pollWaitMs: 1000 };

describe.each([
  ['a private', false],
  ['a public', true],
])('Basic mode over %s connection', (_kind, adoIsPublic) => {
  let nodes: TestNodePair;
  let connectionId: string;

  beforeAll(async () => {
    nodes = await startTestNodePair({ adoIsPublic, sync: fast });
  });
  afterAll(() => nodes.close());

  it('is initiated and accepted in Basic mode, and both sides list the connection as Basic', async () => {
    expect((await nodes.jiraNode.admin('GET', '/instance')).body.modes).toContain('basic');
    const initiated = await nodes.jiraNode.admin('POST', '/connections/initiate', {
      destinationUrl: nodes.adoNode.nodeUrl,
      mode: 'basic',
      localName: 'jira',
      remoteName: 'ado',
      name: 'basic_jira_ado',
      projectKey: 'SUP',
    });
    expect(initiated.status).toBe(201);
    expect(initiated.body.connection.mode).toBe('basic');
    connectionId = initiated.body.connection.id;

    const preview = await nodes.adoNode.admin('POST', '/invitations/preview', { invitationCode: initiated.body.invitationCode });
    expect(preview.body.mode).toBe('basic');
    const accepted = await nodes.adoNode.admin('POST', '/connections/accept', { invitationCode: initiated.body.invitationCode, projectKey: 'SUP' });
    expect(accepted.status).toBe(201);
    expect(accepted.body.connection.mode).toBe('basic');

    for (const node of [nodes.jiraNode, nodes.adoNode]) {
      const listed = (await node.admin('GET', '/connections')).body as { id: string; mode: string }[];
      expect(listed.map((connection) => [connection.id, connection.mode])).toEqual([[connectionId, 'basic']]);
    }
  });

  it('syncs summary, description, status, priority, labels and comments both ways, and not the assignee', async () => {
    nodes.jira.items.set(
      'SUP-1',
      trackerItem({
        key: 'SUP-1',
        type: 'Bug',
        summary: 'Printer on fire',
        description: richTextFromPlain('Smoke from tray 2'),
        status: 'In Progress',
        priority: 'High',
        labels: ['hardware'],
        assignee: { email: 'alice@example.com', displayName: 'Alice Example', id: 'u-alice' },
        url: 'https://jira.example/browse/SUP-1',
      }),
    );
    await nodes.jira.addComment('SUP-1', richTextFromPlain('Fire is spreading'));
    expect((await nodes.jiraNode.admin('POST', `/connections/${connectionId}/sync`, { issueKey: 'SUP-1' })).status).toBe(202);

    const created = await waitFor(
      'the item on Azure DevOps',
      () => [...nodes.ado.items.values()].find((item) => item.summary === 'Printer on fire' && item.comments.length === 1),
      45_000,
    );
    expect(created).toMatchObject({
      description: richTextFromPlain('Smoke from tray 2'),
      status: 'Active',
      priority: '2',
      labels: ['hardware'],
      assignee: null,
    });
    expect(JSON.stringify(created.comments[0]!.body)).toContain('Fire is spreading');

    nodes.ado.edit(created.key, { status: 'Closed', priority: '1', labels: ['hardware', 'urgent'] });
    await nodes.ado.addComment(created.key, richTextFromPlain('Extinguished'));
    const back = await waitFor(
      'the Azure DevOps change on Jira',
      () => {
        const item = nodes.jira.items.get('SUP-1')!;
        return item.status === 'Done' && item.comments.length === 2 ? item : undefined;
      },
      45_000,
    );
    expect(back).toMatchObject({ priority: 'Highest', labels: ['hardware', 'urgent'], assignee: { email: 'alice@example.com' } });
  });

  it('refuses to save scripts on either side, says what to do instead, and keeps running the Basic set', async () => {
    for (const node of [nodes.jiraNode, nodes.adoNode]) {
      const before = (await node.admin('GET', `/connections/${connectionId}/rules`)).body;
      expect(before.outgoing).toContain('Basic mode');
      expect(before.outgoing).not.toContain('assignee');

      const refused = await node.admin('PUT', `/connections/${connectionId}/rules`, { outgoing: 'replica.summary = "mine";', incoming: before.incoming });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('mode_fixed');
      expect(refused.body.error.message).toMatch(/Basic mode.*create a new connection in Script mode; a connection's mode cannot be changed/);

      expect((await node.admin('GET', `/connections/${connectionId}/rules`)).body).toEqual(before);
      expect(await node.context.store.getRules(connectionId)).toBeFalsy();
    }
  });

  it('test-runs the Basic scripts, and refuses to try other scripts', async () => {
    const run = await nodes.jiraNode.admin('POST', `/connections/${connectionId}/test-run`, { issueKey: 'SUP-1' });
    expect(run.status).toBe(200);
    expect(run.body.replica).toMatchObject({ summary: 'Printer on fire', labels: ['hardware', 'urgent'] });
    expect(run.body.replica.assignee ?? null).toBeNull();

    const trial = await nodes.jiraNode.admin('POST', `/connections/${connectionId}/test-run`, {
      issueKey: 'SUP-1',
      rules: { outgoing: 'replica.summary = "mine";', incoming: '' },
    });
    expect(trial.status).toBe(409);
    expect(trial.body.error.code).toBe('mode_fixed');
  });
});

import { richTextFromPlain, type MappingView } from '../core';
import { MemoryTracker } from './fakes/memory-tracker';
import { trackerItem } from './fakes/tracker-item';
import { startTestNode, type TestNode } from './support/test-node';

jest.setTimeout(60_000);

/**
 * Test run on a Visual connection, as the mapping editor asks for it: `draft: true` runs the
 * scripts compiled from the mapping the editor opens on (the draft, else the version awaiting
 * approval, else the agreed one), writing nothing; scripts sent by a console stay refused.
 */
describe('Test run of a Visual mapping', () => {
  let jira: MemoryTracker;
  let ado: MemoryTracker;
  let jiraNode: TestNode;
  let adoNode: TestNode;
  let connectionId: string;

  const testRun = (body: Record<string, unknown>, id = connectionId) => jiraNode.admin('POST', `/connections/${id}/test-run`, { issueKey: 'SUP-1', ...body });
  const mapping = async () => (await jiraNode.admin('GET', `/connections/${connectionId}/visual-mapping`)).body;

  beforeAll(async () => {
    jira = new MemoryTracker('jira-cloud');
    ado = new MemoryTracker('azure-devops');
    jira.items.set(
      'SUP-1',
      trackerItem({ key: 'SUP-1', type: 'Bug', summary: 'Printer on fire', description: richTextFromPlain('Smoke'), status: 'In Progress', priority: 'High' }),
    );
    jiraNode = await startTestNode({ name: 'jira', isPublic: true, tracker: jira });
    adoNode = await startTestNode({ name: 'ado', isPublic: true, tracker: ado });
    const initiated = await jiraNode.admin('POST', '/connections/initiate', {
      destinationUrl: adoNode.nodeUrl,
      mode: 'visual',
      localName: 'jira',
      remoteName: 'ado',
      name: 'visual_trial',
      projectKey: 'SUP',
    });
    expect(initiated.status).toBe(201);
    connectionId = initiated.body.connection.id;
    expect((await adoNode.admin('POST', '/connections/accept', { invitationCode: initiated.body.invitationCode, projectKey: 'SUP' })).status).toBe(201);
  });
  afterAll(async () => {
    await Promise.all([jiraNode?.close(), adoNode?.close()]);
  });

  it('runs the agreed version when there is no draft: the replica carries the priority version 1 maps', async () => {
    const run = await testRun({ draft: true });
    expect(run.status).toBe(200);
    expect(run.body.replica).toMatchObject({ summary: 'Printer on fire', priority: { name: 'High' } });
  });

  it('runs the saved draft, writing nothing: without its Priority row the replica has no priority, while the connection still runs version 1', async () => {
    const view: MappingView = (await mapping()).agreed.view;
    const saved = await jiraNode.admin('PUT', `/connections/${connectionId}/visual-mapping/draft`, {
      view: { ...view, fields: view.fields.filter((row) => row.local !== 'priority') },
    });
    expect(saved.status).toBe(200);

    const drafted = await testRun({ draft: true });
    expect(drafted.status).toBe(200);
    expect(drafted.body.replica.summary).toBe('Printer on fire');
    expect(drafted.body.replica.priority ?? null).toBeNull();

    const running = await testRun({});
    expect(running.body.replica.priority).toEqual({ name: 'High' });
    expect((await mapping()).agreed.version).toBe(1);
    expect(ado.items.size).toBe(0);
  });

  it('runs the published version while it awaits the other side’s approval', async () => {
    expect((await jiraNode.admin('POST', `/connections/${connectionId}/visual-mapping/publish`, {})).status).toBe(202);
    expect((await mapping()).draft).toBeNull();
    const awaiting = await testRun({ draft: true });
    expect(awaiting.status).toBe(200);
    expect(awaiting.body.replica.priority ?? null).toBeNull();
  });

  it('still refuses scripts sent by a console, and says what is wrong with a request mixing both', async () => {
    const rules = { outgoing: 'replica.summary = "mine";', incoming: '' };
    const sent = await testRun({ rules });
    expect(sent.status).toBe(409);
    expect(sent.body.error.code).toBe('mode_fixed');
    const both = await testRun({ rules, draft: true });
    expect(both.status).toBe(400);
    expect(both.body.error.message).toContain('not both');
  });

  it('refuses `draft` on a connection in another mode, saying it has no mapping', async () => {
    const script = await jiraNode.admin('POST', '/connections/initiate', {
      destinationUrl: adoNode.nodeUrl,
      mode: 'script',
      localName: 'jira',
      remoteName: 'ado2',
      name: 'script_trial',
      projectKey: 'SUP',
    });
    expect(script.status).toBe(201);
    const refused = await testRun({ draft: true }, script.body.connection.id);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('Script mode: it has no mapping draft to try') });
  });
});

import { richTextFromPlain, type MappingView } from '../core';
import { receiveEnvelopes } from '../core/sync/receive-envelopes';
import { trackerItem } from './fakes/tracker-item';
import type { TestNode } from './support/test-node';
import { startTestNodePair, type TestNodePair } from './support/test-node-pair';
import { readAgreedVersion, readVisualMapping } from './support/visual-mapping-admin';
import { waitFor } from './support/wait-for';

// Room for one lost long-poll answer (its changes wait out a 30 s lease) on a loaded machine.
jest.setTimeout(120_000);

const fast = { reconcileIntervalMs: 100, pollWaitMs: 1000 };

describe.each([
  ['a private', false],
  ['a public', true],
])('Visual mode over %s connection', (_kind, adoIsPublic) => {
  let nodes: TestNodePair;
  let connectionId: string;
  let adoKey: string;

  const mappingOf = (node: TestNode) => readVisualMapping(node, connectionId);
  const agreedVersionOf = (node: TestNode) => readAgreedVersion(node, connectionId);
  /** An edit on Jira, and the Azure DevOps item once the edit's new summary arrived there. */
  const editOnJira = async (changes: { summary: string; priority: string }) => {
    nodes.jira.edit('SUP-1', changes);
    expect((await nodes.jiraNode.admin('POST', `/connections/${connectionId}/sync`, { issueKey: 'SUP-1' })).status).toBe(202);
    return waitFor(
      'the Jira edit on Azure DevOps',
      () => (nodes.ado.items.get(adoKey)?.summary === changes.summary ? nodes.ado.items.get(adoKey) : undefined),
      60_000,
    );
  };
  const withoutPriorityRow = (view: MappingView): MappingView => ({ ...view, fields: view.fields.filter((row) => row.local !== 'priority') });

  beforeAll(async () => {
    nodes = await startTestNodePair({ adoIsPublic, sync: fast });
  });
  afterAll(() => nodes.close());

  it('is offered by both nodes, initiated and accepted in Visual mode, and both sides start on version 1, agreed', async () => {
    for (const node of [nodes.jiraNode, nodes.adoNode]) expect((await node.admin('GET', '/instance')).body.modes).toContain('visual');
    const initiated = await nodes.jiraNode.admin('POST', '/connections/initiate', {
      destinationUrl: adoIsPublic ? nodes.adoNode.nodeUrl : null,
      mode: 'visual',
      localName: 'jira',
      remoteName: 'ado',
      name: 'visual_jira_ado',
      projectKey: 'SUP',
    });
    expect(initiated.status).toBe(201);
    connectionId = initiated.body.connection.id;
    const accepted = await nodes.adoNode.admin('POST', '/connections/accept', { invitationCode: initiated.body.invitationCode, projectKey: 'SUP' });
    expect(accepted.status).toBe(201);
    expect(accepted.body.connection.mode).toBe('visual');
    await waitFor('the initiator to see the connection active', async () =>
      (await nodes.jiraNode.admin('GET', '/connections')).body.find((connection: { status: string }) => connection.status === 'active'),
    );

    const jiraSide = await mappingOf(nodes.jiraNode);
    const adoSide = await mappingOf(nodes.adoNode);
    expect([jiraSide.side, adoSide.side]).toEqual(['initiator', 'acceptor']);
    expect([jiraSide.agreed.version, adoSide.agreed.version]).toEqual([1, 1]);
    expect(jiraSide.agreed.view.local.tracker).toBe('jira-cloud');
    expect(adoSide.agreed.view.local.tracker).toBe('azure-devops');
    expect(jiraSide.agreed.view.fields.map((row: { local: string }) => row.local)).toContain('priority');
    expect(jiraSide.compiled.outgoing).toContain('version 1');
    expect([jiraSide.draft, jiraSide.outgoingProposal, jiraSide.incomingProposal]).toEqual([null, null, null]);
  });

  it('syncs at once with the default mapping', async () => {
    nodes.jira.items.set(
      'SUP-1',
      trackerItem({ key: 'SUP-1', type: 'Bug', summary: 'Printer on fire', description: richTextFromPlain('Smoke'), status: 'In Progress', priority: 'High' }),
    );
    expect((await nodes.jiraNode.admin('POST', `/connections/${connectionId}/sync`, { issueKey: 'SUP-1' })).status).toBe(202);
    const created = await waitFor('the item on Azure DevOps', () => [...nodes.ado.items.values()].find((item) => item.summary === 'Printer on fire'), 60_000);
    expect(created).toMatchObject({ status: 'Active', priority: '2' });
    adoKey = created.key;
  });

  it('refuses a draft that names a field Jira does not have or a status that does not exist, naming it, and saves nothing', async () => {
    const view: MappingView = (await mappingOf(nodes.jiraNode)).agreed.view;
    const unknownField = await nodes.jiraNode.admin('PUT', `/connections/${connectionId}/visual-mapping/draft`, {
      view: { ...view, fields: [...view.fields, { local: 'due', remote: 'iterationPath', direction: 'to-remote' }] },
    });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error.code).toBe('invalid_request');
    expect(unknownField.body.error.details.problems).toEqual([expect.objectContaining({ side: 'local', subject: 'due' })]);
    expect(unknownField.body.error.message).toContain("Jira Cloud has no field 'due'");

    const goneStatus = await nodes.jiraNode.admin('PUT', `/connections/${connectionId}/visual-mapping/draft`, {
      view: { ...view, values: { ...view.values, status: [{ local: 'Triage', remote: 'Active', direction: 'both' }, ...view.values.status] } },
    });
    expect(goneStatus.status).toBe(400);
    expect(goneStatus.body.error.details.problems).toEqual([expect.objectContaining({ side: 'local', subject: 'Triage' })]);

    expect((await mappingOf(nodes.jiraNode)).draft).toBeNull();
  });

  it('refuses to save scripts, and says to edit the mapping instead', async () => {
    const refused = await nodes.jiraNode.admin('PUT', `/connections/${connectionId}/rules`, { outgoing: 'replica.summary = "x";', incoming: '' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('Edit the mapping instead');
  });

  it('runs a published change only once the other side approves it, on both sides', async () => {
    const view: MappingView = (await mappingOf(nodes.jiraNode)).agreed.view;
    const draft = await nodes.jiraNode.admin('PUT', `/connections/${connectionId}/visual-mapping/draft`, { view: withoutPriorityRow(view), by: 'Alice' });
    expect(draft.status).toBe(200);
    expect(draft.body.savedBy).toBe('Alice');
    const published = await nodes.jiraNode.admin('POST', `/connections/${connectionId}/visual-mapping/publish`, { by: 'Alice' });
    expect(published.status).toBe(202);
    expect(published.body).toMatchObject({ version: 2, basedOnVersion: 1, publishedBy: 'Alice' });
    expect((await nodes.jiraNode.admin('POST', `/connections/${connectionId}/visual-mapping/publish`, {})).status).toBe(409);

    // Not approved yet: priority still crosses.
    expect(await editOnJira({ summary: 'Printer still on fire', priority: 'Highest' })).toMatchObject({ priority: '1' });

    const incoming = await waitFor('the proposal on Azure DevOps', async () => (await mappingOf(nodes.adoNode)).incomingProposal ?? undefined, 60_000);
    expect(incoming).toMatchObject({ version: 2, publishedBy: 'Alice', basedOnVersion: 1 });
    expect(incoming.diff).toEqual([expect.objectContaining({ kind: 'removed', path: 'fields', words: 'Field row removed: Priority ↔ Priority.' })]);
    expect((await mappingOf(nodes.jiraNode)).outgoingProposal).toMatchObject({ proposalId: incoming.proposalId });
    expect(await agreedVersionOf(nodes.adoNode)).toBe(1);

    const wrongId = await nodes.adoNode.admin('POST', `/connections/${connectionId}/visual-mapping/approve`, { proposalId: 'prp_other' });
    expect(wrongId.status).toBe(409);
    const approved = await nodes.adoNode.admin('POST', `/connections/${connectionId}/visual-mapping/approve`, { proposalId: incoming.proposalId, by: 'Bob' });
    expect(approved.status).toBe(200);
    expect(approved.body).toEqual({ proposalId: incoming.proposalId, decision: 'approved', agreedVersion: 2 });
    await waitFor('the approval on Jira', async () => ((await agreedVersionOf(nodes.jiraNode)) === 2 ? true : undefined), 60_000);

    const jiraSide = await mappingOf(nodes.jiraNode);
    expect(jiraSide.agreed).toMatchObject({ version: 2, publishedBy: 'Alice', approvedBy: 'Bob' });
    expect(jiraSide.outgoingProposal).toBeNull();
    expect(jiraSide.history.map((entry: { version: number; state: string; fromSide: string }) => [entry.version, entry.state, entry.fromSide])).toEqual([
      [2, 'agreed', 'local'],
      [1, 'superseded', 'local'],
    ]);
    expect(jiraSide.compiled.outgoing).not.toContain('priority');

    expect(await editOnJira({ summary: 'Printer out', priority: 'Low' })).toMatchObject({ priority: '1' });
  });

  it('keeps the running version when the other side declines', async () => {
    const view: MappingView = (await mappingOf(nodes.adoNode)).agreed.view;
    const draft = await nodes.adoNode.admin('PUT', `/connections/${connectionId}/visual-mapping/draft`, {
      view: { ...view, comments: { send: false, receive: true } },
    });
    expect(draft.status).toBe(200);
    const published = await nodes.adoNode.admin('POST', `/connections/${connectionId}/visual-mapping/publish`, {});
    expect(published.status).toBe(202);
    const incoming = await waitFor('the proposal on Jira', async () => (await mappingOf(nodes.jiraNode)).incomingProposal ?? undefined, 60_000);
    expect(incoming.diff.map((difference: { words: string }) => difference.words)).toEqual(['Comments of the other side are no longer added here.']);
    const declined = await nodes.jiraNode.admin('POST', `/connections/${connectionId}/visual-mapping/decline`, {
      proposalId: incoming.proposalId,
      by: 'Alice',
    });
    expect(declined.body).toEqual({ proposalId: incoming.proposalId, decision: 'declined', agreedVersion: 2 });
    const adoSide = await waitFor(
      'the decline on Azure DevOps',
      async () => {
        const answer = await mappingOf(nodes.adoNode);
        return answer.outgoingProposal === null ? answer : undefined;
      },
      60_000,
    );
    expect(adoSide.agreed.version).toBe(2);
    expect(adoSide.history[0]).toMatchObject({ version: 3, state: 'declined', decidedBy: 'Alice', fromSide: 'local' });
  });

  it('applies a redelivered proposal once, and declines a proposal made on an older version, saying so', async () => {
    const connection = (await nodes.jiraNode.context.store.getConnection(connectionId))!;
    const adoConnection = (await nodes.adoNode.context.store.getConnection(connectionId))!;
    const view: MappingView = (await mappingOf(nodes.jiraNode)).agreed.view;
    await nodes.jiraNode.admin('PUT', `/connections/${connectionId}/visual-mapping/draft`, { view: { ...view, attachments: { send: false, receive: true } } });
    await nodes.jiraNode.admin('POST', `/connections/${connectionId}/visual-mapping/publish`, {});
    const sent = await nodes.jiraNode.context.store.listQueue({
      connectionId: connection.id,
      direction: 'outbound',
      states: ['queued', 'in_flight', 'done'],
      limit: 10_000,
      itemKey: '#visual-mapping',
    });
    const proposal = sent
      .map((entry) => entry.envelope)
      .filter((envelope) => envelope.kind === 'mapping')
      .at(-1)!;
    await waitFor('the proposal on Azure DevOps', async () => (await mappingOf(nodes.adoNode)).incomingProposal ?? undefined, 60_000);
    // The same message again, and again under a new id: one proposal.
    await receiveEnvelopes(nodes.adoNode.context, adoConnection, [proposal, { ...proposal, id: 'map_again' }]);
    await waitFor('the repeats to be taken in', async () => {
      const waiting = await nodes.adoNode.context.store.listQueue({
        connectionId,
        direction: 'inbound',
        states: ['queued', 'in_flight'],
        limit: 10,
        itemKey: '#visual-mapping',
      });
      return waiting.length === 0 ? true : undefined;
    });
    const adoSide = await mappingOf(nodes.adoNode);
    expect(adoSide.history.filter((entry: { proposalId: string }) => entry.proposalId === proposal.proposalId)).toHaveLength(1);

    // A proposal made on version 1, when version 2 runs.
    if (proposal.kind !== 'mapping') throw new Error('not a proposal');
    await receiveEnvelopes(nodes.adoNode.context, adoConnection, [
      { ...proposal, id: 'map_stale', proposalId: 'prp_stale', basedOnVersion: 1, version: 2, mapping: { ...(proposal.mapping as object), version: 2 } },
    ]);
    const stale = await waitFor('the stale proposal declined', async () =>
      (await mappingOf(nodes.adoNode)).history.find(
        (entry: { proposalId: string; state: string }) => entry.proposalId === 'prp_stale' && entry.state === 'declined',
      ),
    );
    expect(stale.reason).toContain('was made on version 1, but version 2 runs now');
    expect((await mappingOf(nodes.adoNode)).incomingProposal.proposalId).toBe(proposal.proposalId);

    const approved = await nodes.adoNode.admin('POST', `/connections/${connectionId}/visual-mapping/approve`, { proposalId: proposal.proposalId });
    expect(approved.body.agreedVersion).toBe(3);
    await waitFor('the approval on Jira', async () => ((await agreedVersionOf(nodes.jiraNode)) === 3 ? true : undefined), 60_000);
  });

  it('rolls back to an earlier version only once the other side approves it', async () => {
    const rolledBack = await nodes.jiraNode.admin('POST', `/connections/${connectionId}/visual-mapping/roll-back`, { version: 1, by: 'Alice' });
    expect(rolledBack.status).toBe(202);
    expect(rolledBack.body).toMatchObject({ version: 4, basedOnVersion: 3 });
    expect((await nodes.jiraNode.admin('POST', `/connections/${connectionId}/visual-mapping/roll-back`, { version: 9 })).status).toBe(404);

    expect(await editOnJira({ summary: 'Printer smoking again', priority: 'Lowest' })).toMatchObject({ priority: '1' });

    const incoming = await waitFor('the roll back on Azure DevOps', async () => (await mappingOf(nodes.adoNode)).incomingProposal ?? undefined, 60_000);
    expect(incoming.diff).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'added', path: 'fields', words: 'Field row added: Priority ↔ Priority (both ways).' })]),
    );
    await nodes.adoNode.admin('POST', `/connections/${connectionId}/visual-mapping/approve`, { proposalId: incoming.proposalId });
    await waitFor('the roll back agreed on Jira', async () => ((await agreedVersionOf(nodes.jiraNode)) === 4 ? true : undefined), 60_000);

    expect(await editOnJira({ summary: 'Printer fixed', priority: 'High' })).toMatchObject({ priority: '2' });
  });
});

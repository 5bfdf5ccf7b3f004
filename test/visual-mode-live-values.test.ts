import { ExalateError, type ItemChanges, type MappingView, type NewItem, type TrackerKind, type TrackerProjectValues } from '../core';
import { MemoryTracker } from './fakes/memory-tracker';
import type { TestNode } from './support/test-node';
import { startTestNodePair, type TestNodePair } from './support/test-node-pair';
import { readAgreedVersion, readVisualMapping } from './support/visual-mapping-admin';
import { waitFor } from './support/wait-for';

// Room for one lost long-poll answer (its changes wait out a 30 s lease) on a loaded machine.
jest.setTimeout(120_000);

const fast = { reconcileIntervalMs: 100, pollWaitMs: 1000 };

/**
 * A tracker whose project has its own workflow: it lists its values like a real adapter does, and
 * refuses to move an item to a status its workflow does not have, as Jira and Azure DevOps do.
 */
class ProjectTracker extends MemoryTracker {
  /** When set, listing the values fails as a tracker that is down does. */
  valuesUnavailable = false;

  constructor(
    kind: TrackerKind,
    public values: TrackerProjectValues,
  ) {
    super(kind);
  }

  async readProjectValues(): Promise<TrackerProjectValues> {
    if (this.valuesUnavailable) throw new ExalateError('tracker_unavailable', 'The tracker answered 503.');
    return this.values;
  }

  override async createItem(input: NewItem): Promise<{ key: string }> {
    this.refuseUnknownStatus(input);
    return super.createItem(input);
  }

  override async updateItem(key: string, changes: ItemChanges): Promise<void> {
    this.refuseUnknownStatus(changes);
    return super.updateItem(key, changes);
  }

  private refuseUnknownStatus(changes: ItemChanges): void {
    if (changes.status !== undefined && !this.values.statuses.includes(changes.status))
      throw new ExalateError('invalid_request', `The workflow has no status "${changes.status}".`);
  }
}

interface ErrorRow {
  readonly connectionId: string;
  readonly itemKey: string | null;
  readonly message: string;
}

describe('Visual mode with the projects’ own values', () => {
  let nodes: TestNodePair<ProjectTracker, ProjectTracker>;
  let connectionId: string;

  const mappingOf = (node: TestNode) => readVisualMapping(node, connectionId);
  const agreedVersionOf = (node: TestNode) => readAgreedVersion(node, connectionId);
  const openErrorsOf = async (node: TestNode): Promise<ErrorRow[]> =>
    ((await node.admin('GET', '/errors')).body as ErrorRow[]).filter((error) => error.connectionId === connectionId);
  /** Publishes `view` from Jira and has Azure DevOps approve it; resolves once both run it. */
  const agreeFromJira = async (view: MappingView) => {
    const draft = await nodes.jiraNode.admin('PUT', `/connections/${connectionId}/visual-mapping/draft`, { view });
    expect(draft.status).toBe(200);
    const published = await nodes.jiraNode.admin('POST', `/connections/${connectionId}/visual-mapping/publish`, {});
    expect(published.status).toBe(202);
    const incoming = await waitFor('the proposal on Azure DevOps', async () => (await mappingOf(nodes.adoNode)).incomingProposal ?? undefined, 60_000);
    const approved = await nodes.adoNode.admin('POST', `/connections/${connectionId}/visual-mapping/approve`, { proposalId: incoming.proposalId });
    expect(approved.status).toBe(200);
    await waitFor('the approval on Jira', async () => ((await agreedVersionOf(nodes.jiraNode)) === published.body.version ? true : undefined), 60_000);
  };
  const adoItemNamed = (summary: string) =>
    waitFor(`"${summary}" on Azure DevOps`, () => [...nodes.ado.items.values()].find((item) => item.summary === summary), 60_000);

  beforeAll(async () => {
    nodes = await startTestNodePair({
      adoIsPublic: false,
      sync: fast,
      jira: new ProjectTracker('jira-cloud', {
        statuses: ['To Do', 'In Progress', 'Code review', 'Done'],
        priorities: ['Highest', 'High', 'Medium', 'Low', 'Lowest'],
        types: ['Bug', 'Task', 'Story'],
      }),
      ado: new ProjectTracker('azure-devops', {
        statuses: ['New', 'Active', 'Blocked', 'Resolved', 'Closed', 'Removed'],
        priorities: ['1', '2', '3', '4'],
        types: ['Bug', 'Task', 'User Story'],
      }),
    });
    const initiated = await nodes.jiraNode.admin('POST', '/connections/initiate', {
      destinationUrl: null,
      mode: 'visual',
      localName: 'jira',
      remoteName: 'ado',
      name: 'visual_live_values',
      projectKey: 'SUP',
    });
    expect(initiated.status).toBe(201);
    connectionId = initiated.body.connection.id;
    const accepted = await nodes.adoNode.admin('POST', '/connections/accept', { invitationCode: initiated.body.invitationCode, projectKey: 'SUP' });
    expect(accepted.status).toBe(201);
    await waitFor('the initiator to see the connection active', async () =>
      (await nodes.jiraNode.admin('GET', '/connections')).body.find((connection: { status: string }) => connection.status === 'active'),
    );
  });
  afterAll(() => nodes.close());

  it("offers each side its own project's statuses, read live, and the other side's as its node sent them", async () => {
    const jiraSide = await mappingOf(nodes.jiraNode);
    expect(jiraSide.values.local.statuses).toEqual(['To Do', 'In Progress', 'Code review', 'Done']);
    expect(jiraSide.values.live.local).toBe(true);

    // Reading the mapping sent Jira's values and asked for Azure DevOps' back.
    const remote = await waitFor('Azure DevOps values on Jira', async () => {
      const answer = await mappingOf(nodes.jiraNode);
      return answer.values.live.remote ? answer.values.remote : undefined;
    });
    expect(remote.statuses).toEqual(['New', 'Active', 'Blocked', 'Resolved', 'Closed', 'Removed']);
    const adoSide = await mappingOf(nodes.adoNode);
    expect(adoSide.values.remote.statuses).toContain('Code review');
    // The custom status has no pair in the default mapping: it is flagged.
    expect(jiraSide.unmapped).toContainEqual({ kind: 'status', side: 'local', value: 'Code review' });
  });

  it("accepts a pair naming a project's own status, and once agreed each side's filter syncs matching items by itself", async () => {
    const view: MappingView = (await mappingOf(nodes.jiraNode)).agreed.view;
    await agreeFromJira({
      ...view,
      local: { ...view.local, filter: 'project = SUP AND labels = visual' },
      values: { ...view.values, status: [{ local: 'Code review', remote: 'Blocked', direction: 'both' }, ...view.values.status] },
    });
    const triggers = (await nodes.jiraNode.admin('GET', `/connections/${connectionId}/triggers`)).body as { query: string; active: boolean }[];
    expect(triggers).toEqual([expect.objectContaining({ query: 'project = SUP AND labels = visual', active: true })]);

    // Created one after the other: the reconciler judges both, the outside one first.
    await nodes.jira.createItem({ projectKey: 'SUP', type: 'Bug', summary: 'Outside the filter', labels: ['other'] });
    await nodes.jira.createItem({ projectKey: 'SUP', type: 'Bug', summary: 'Matches the filter', labels: ['visual'], status: 'Code review' });
    const arrived = await adoItemNamed('Matches the filter');
    expect(arrived.status).toBe('Blocked');
    expect([...nodes.ado.items.values()].map((item) => item.summary)).not.toContain('Outside the filter');
  });

  it('refuses to approve a proposal naming a status the approving side no longer has, naming it', async () => {
    const view: MappingView = (await mappingOf(nodes.jiraNode)).agreed.view;
    const draft = await nodes.jiraNode.admin('PUT', `/connections/${connectionId}/visual-mapping/draft`, {
      view: { ...view, values: { ...view.values, status: [{ local: 'To Do', remote: 'Blocked', direction: 'to-remote' }, ...view.values.status] } },
    });
    expect(draft.status).toBe(200);
    expect((await nodes.jiraNode.admin('POST', `/connections/${connectionId}/visual-mapping/publish`, {})).status).toBe(202);
    const incoming = await waitFor('the proposal on Azure DevOps', async () => (await mappingOf(nodes.adoNode)).incomingProposal ?? undefined, 60_000);

    // Meanwhile the Azure DevOps admin removed the state from the process.
    nodes.ado.values = { ...nodes.ado.values, statuses: nodes.ado.values.statuses.filter((status) => status !== 'Blocked') };
    const refused = await nodes.adoNode.admin('POST', `/connections/${connectionId}/visual-mapping/approve`, { proposalId: incoming.proposalId });

    expect(refused.status).toBe(400);
    expect(refused.body.error.details.problems).toContainEqual(expect.objectContaining({ side: 'local', subject: 'Blocked' }));
    expect(refused.body.error.message).toContain("The status 'Blocked' no longer exists in Azure DevOps");
    expect(await agreedVersionOf(nodes.adoNode)).toBe(2);
    nodes.ado.values = { ...nodes.ado.values, statuses: [...nodes.ado.values.statuses, 'Blocked'] };
    expect((await nodes.adoNode.admin('POST', `/connections/${connectionId}/visual-mapping/decline`, { proposalId: incoming.proposalId })).status).toBe(200);
    await waitFor('the decline on Jira', async () => ((await mappingOf(nodes.jiraNode)).outgoingProposal === null ? true : undefined), 60_000);

    // The state is back; reading the mapping on Azure DevOps tells Jira.
    expect((await mappingOf(nodes.adoNode)).values.local.statuses).toContain('Blocked');
    await waitFor(
      'Blocked back on Jira',
      async () => ((await mappingOf(nodes.jiraNode)).values.remote.statuses.includes('Blocked') ? true : undefined),
      60_000,
    );
  });

  it('shows a mapped status renamed in the tracker as an error on the connection that names the pair, keeps unrelated items syncing, and clears it once a version no longer names it', async () => {
    // The Jira admin renamed Code review: its issues are in Reviewing now.
    nodes.jira.values = { ...nodes.jira.values, statuses: ['To Do', 'In Progress', 'Reviewing', 'Done'] };
    for (const item of nodes.jira.items.values()) if (item.status === 'Code review') nodes.jira.edit(item.key, { status: 'Reviewing' });
    const blocked = await adoItemNamed('Matches the filter');
    const words = "The status pair 'Code review' ↔ 'Blocked' names 'Code review', which Jira Cloud no longer has; edit the Visual mapping and publish it.";

    // A change that maps to the renamed status is refused by Jira: the item is in error, and the drift is found.
    const unrelated = await nodes.ado.createItem({ projectKey: 'SUP', type: 'Bug', summary: 'Unrelated', status: 'Active' });
    nodes.ado.edit(blocked.key, { summary: 'Matches the filter, edited' });
    expect((await nodes.adoNode.admin('POST', `/connections/${connectionId}/sync`, { issueKey: blocked.key })).status).toBe(202);
    const drift = await waitFor('the drift on the connection', async () =>
      (await openErrorsOf(nodes.jiraNode)).find((error) => error.itemKey === '#visual-mapping' && error.message.includes(words)),
    );
    expect(drift.message).toContain(words);
    expect((await mappingOf(nodes.jiraNode)).drift).toEqual([
      expect.objectContaining({ kind: 'status', value: 'Code review', pairedWith: 'Blocked', message: words }),
    ]);

    // Unrelated items keep syncing.
    expect((await nodes.adoNode.admin('POST', `/connections/${connectionId}/sync`, { issueKey: unrelated.key })).status).toBe(202);
    const synced = await waitFor('the unrelated item on Jira', () => [...nodes.jira.items.values()].find((item) => item.summary === 'Unrelated'), 60_000);
    expect(synced.status).toBe('In Progress');

    // A version that pairs the new name instead clears the error.
    const view: MappingView = (await mappingOf(nodes.jiraNode)).agreed.view;
    await agreeFromJira({
      ...view,
      values: { ...view.values, status: view.values.status.map((pair) => (pair.local === 'Code review' ? { ...pair, local: 'Reviewing' } : pair)) },
    });
    await waitFor('the drift resolved', async () =>
      (await openErrorsOf(nodes.jiraNode)).some((error) => error.itemKey === '#visual-mapping') ? undefined : true,
    );
    expect((await mappingOf(nodes.jiraNode)).drift).toEqual([]);
  });

  it('uses the values read last, and says so, when the tracker cannot list them just now', async () => {
    nodes.jira.valuesUnavailable = true;
    try {
      const answer = await mappingOf(nodes.jiraNode);
      expect(answer.values.local.statuses).toEqual(['To Do', 'In Progress', 'Reviewing', 'Done']);
      expect(answer.values.notes).toEqual([expect.stringContaining('could not be read from the tracker just now (The tracker answered 503.)')]);
    } finally {
      nodes.jira.valuesUnavailable = false;
    }
  });
});

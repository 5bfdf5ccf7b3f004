import { trackerKinds, type TrackerKind } from '../trackers';
import { defaultScripts } from './default-scripts';
import { createQuickJsSandbox } from './quickjs-sandbox';
import { runIncomingScript } from './run-incoming-script';
import { runOutgoingScript } from './run-outgoing-script';
import { connectionBetween, outgoingItemOf, sampleItems } from './test-fixtures';

const sandbox = createQuickJsSandbox();
afterAll(() => sandbox.dispose());

const pairs = trackerKinds.flatMap((local) => trackerKinds.map((remote) => [local, remote] as const));

/** What the remote sample item (jira-cloud In Progress, jira-server Done, azure-devops Active, asana incomplete) creates here. */
const createdAs: Readonly<Record<TrackerKind, Readonly<Record<TrackerKind, { status: string; type: string; priority?: string }>>>> = {
  'jira-cloud': {
    'jira-cloud': { status: 'In Progress', type: 'Story', priority: 'High' },
    'jira-server': { status: 'Done', type: 'Bug', priority: 'Medium' },
    'azure-devops': { status: 'In Progress', type: 'Story', priority: 'High' },
    asana: { status: 'To Do', type: 'Task' },
  },
  'jira-server': {
    'jira-cloud': { status: 'In Progress', type: 'Story', priority: 'High' },
    'jira-server': { status: 'Done', type: 'Bug', priority: 'Medium' },
    'azure-devops': { status: 'In Progress', type: 'Story', priority: 'High' },
    asana: { status: 'To Do', type: 'Task' },
  },
  'azure-devops': {
    'jira-cloud': { status: 'Active', type: 'User Story', priority: '2' },
    'jira-server': { status: 'Closed', type: 'Bug', priority: '3' },
    'azure-devops': { status: 'Active', type: 'User Story', priority: '2' },
    asana: { status: 'New', type: 'Task' },
  },
  asana: {
    'jira-cloud': { status: 'incomplete', type: 'Task' },
    'jira-server': { status: 'completed', type: 'Task' },
    'azure-devops': { status: 'incomplete', type: 'Task' },
    asana: { status: 'incomplete', type: 'Task' },
  },
};

/** The status change on the local sample item (jira-cloud In Progress, jira-server Done, azure-devops Active, asana incomplete); undefined: none. */
const statusChange: Readonly<Record<TrackerKind, Readonly<Record<TrackerKind, string | undefined>>>> = {
  'jira-cloud': { 'jira-cloud': undefined, 'jira-server': 'Done', 'azure-devops': undefined, asana: undefined },
  // The Jira Server item is Done: an unfinished remote reopens it.
  'jira-server': { 'jira-cloud': 'In Progress', 'jira-server': undefined, 'azure-devops': 'In Progress', asana: 'To Do' },
  'azure-devops': { 'jira-cloud': undefined, 'jira-server': 'Closed', 'azure-devops': undefined, asana: undefined },
  asana: { 'jira-cloud': undefined, 'jira-server': 'completed', 'azure-devops': undefined, asana: undefined },
};

async function replicaFrom(remote: TrackerKind, local: TrackerKind) {
  const outgoing = await runOutgoingScript(sandbox, {
    script: defaultScripts(remote, local).outgoing,
    issue: outgoingItemOf(sampleItems[remote]),
    connection: connectionBetween(remote, local),
  });
  if (!outgoing.ok) throw outgoing.error;
  if (outgoing.value === null) throw new Error('the default outgoing script sent nothing');
  return outgoing.value;
}

describe.each(pairs)('default scripts, %s receiving from %s', (local, remote) => {
  const scripts = defaultScripts(local, remote);
  const base = {
    script: scripts.incoming,
    connection: connectionBetween(local, remote),
    commentLinks: [],
    attachmentLinks: [],
    syncedKeys: [],
    defaultProjectKey: 'TARGET',
  };

  it('creates the item on first sync with summary, description, mapped status, type and priority, labels, comments and attachments', async () => {
    const replica = await replicaFrom(remote, local);
    const source = sampleItems[remote];
    const result = await runIncomingScript(sandbox, { ...base, issue: null, replica, previous: null, firstSync: true });
    if (!result.ok) throw result.error;
    const expected = createdAs[local][remote];
    const labels = local.startsWith('jira') ? source.labels.map((label) => label.replace(/\s+/g, '_')) : source.labels;
    expect(result.value.create).toEqual({
      projectKey: 'TARGET',
      type: expected.type,
      summary: source.summary,
      description: source.description,
      status: expected.status,
      ...(expected.priority === undefined ? {} : { priority: expected.priority }),
      ...(labels.length === 0 ? {} : { labels }),
    });
    expect(result.value.commentsToAdd).toEqual([{ remoteId: source.comments[0]!.id, body: expect.objectContaining({ type: 'doc' }) }]);
    expect(JSON.stringify(result.value.commentsToAdd[0]!.body)).toContain('[Bob Partner]: ');
    expect(result.value.attachmentsToAdd).toEqual([{ remoteId: source.attachments[0]!.id, filename: 'export.log', mimeType: 'text/plain' }]);
  });

  it('updates an existing twin with only what differs, and nothing more on a second identical run', async () => {
    const replica = await replicaFrom(remote, local);
    const current = sampleItems[local];
    const commentLinks = [{ remoteId: sampleItems[remote].comments[0]!.id, localId: current.comments[0]!.id }];
    const attachmentLinks = [{ remoteId: sampleItems[remote].attachments[0]!.id, localId: current.attachments[0]!.id }];
    const result = await runIncomingScript(sandbox, { ...base, issue: current, replica, previous: replica, firstSync: false, commentLinks, attachmentLinks });
    if (!result.ok) throw result.error;
    expect(result.value.changes.status).toBe(statusChange[local][remote]);
    expect(result.value.changes.summary).toBeUndefined();
    expect(result.value.changes.description).toBeUndefined();
    expect(result.value).toMatchObject({ create: null, commentsToAdd: [], commentsToUpdate: [], attachmentsToAdd: [], transitions: [] });
  });
});

describe('default scripts', () => {
  it('echo nothing back: a comment this side created by sync is marked, and the other side skips it', async () => {
    const jiraItem = outgoingItemOf(sampleItems['jira-cloud'], { '10001': '501' });
    const outgoing = await runOutgoingScript(sandbox, {
      script: defaultScripts('jira-cloud', 'azure-devops').outgoing,
      issue: jiraItem,
      connection: connectionBetween('jira-cloud', 'azure-devops'),
    });
    if (!outgoing.ok || outgoing.value === null) throw new Error('no replica');
    const incoming = await runIncomingScript(sandbox, {
      script: defaultScripts('azure-devops', 'jira-cloud').incoming,
      issue: sampleItems['azure-devops'],
      replica: outgoing.value,
      previous: null,
      firstSync: false,
      connection: connectionBetween('azure-devops', 'jira-cloud'),
      commentLinks: [],
      attachmentLinks: [],
      syncedKeys: [],
      defaultProjectKey: 'Platform',
    });
    expect(incoming.ok && incoming.value.commentsToAdd).toEqual([]);
  });

  it('keeps an Asana task open when the other side only moves between unfinished statuses', async () => {
    const replica = { ...(await replicaFrom('jira-cloud', 'asana')), status: { name: 'In Review' } };
    const result = await runIncomingScript(sandbox, {
      script: defaultScripts('asana', 'jira-cloud').incoming,
      issue: sampleItems.asana,
      replica,
      previous: null,
      firstSync: false,
      connection: connectionBetween('asana', 'jira-cloud'),
      commentLinks: [],
      attachmentLinks: [],
      syncedKeys: [],
      defaultProjectKey: 'P',
    });
    expect(result.ok && result.value.changes.status).toBeUndefined();
  });
});

import { richTextFromPlain } from '../rich-text/rich-text';
import { trackerKinds, type TrackerKind } from '../trackers';
import type { TrackerItem } from '../ports/tracker-item';
import { basicModeFields, basicModeScripts } from './basic-mode-scripts';
import { createQuickJsSandbox } from './quickjs-sandbox';
import { runIncomingScript } from './run-incoming-script';
import { runOutgoingScript } from './run-outgoing-script';
import { alice, bob, connectionBetween, outgoingItemOf, sampleItems } from './test-fixtures';

const sandbox = createQuickJsSandbox();
afterAll(() => sandbox.dispose());

const pairs = trackerKinds.flatMap((local) => trackerKinds.map((remote) => [local, remote] as const));

/** Each tracker's default statuses for "not started" and "finished", as its adapter reports them. */
const toDo: Readonly<Record<TrackerKind, string>> = { 'jira-cloud': 'To Do', 'jira-server': 'To Do', 'azure-devops': 'New', asana: 'incomplete' };
const finished: Readonly<Record<TrackerKind, string>> = { 'jira-cloud': 'Done', 'jira-server': 'Done', 'azure-devops': 'Closed', asana: 'completed' };
/** The top of each tracker's priority scale; Asana has none. */
const highest: Readonly<Record<TrackerKind, string | null>> = { 'jira-cloud': 'Highest', 'jira-server': 'Highest', 'azure-devops': '1', asana: null };

const carol = { email: 'carol@partner.example', displayName: 'Carol Remote', id: 'acc-carol' };

/** The remote item after its admin edited every field of the Basic set, and some outside it. */
function editedRemoteItem(remote: TrackerKind): TrackerItem {
  const source = sampleItems[remote];
  return {
    ...source,
    summary: 'Export fails for files over 2 GB',
    description: richTextFromPlain('Seen on Windows only.'),
    status: finished[remote],
    priority: highest[remote],
    labels: ['export', 'big files'],
    assignee: carol,
    reporter: alice,
    parentKey: `${source.projectKey}-PARENT`,
    comments: [{ ...source.comments[0]!, id: 'remote-comment-9', body: richTextFromPlain('Fixed in build 12.') }],
    attachments: [{ ...source.attachments[0]!, id: 'remote-attachment-9', filename: 'trace.txt' }],
  };
}

async function replicaFrom(remote: TrackerKind, local: TrackerKind, item: TrackerItem = editedRemoteItem(remote)) {
  const run = await runOutgoingScript(sandbox, {
    script: basicModeScripts(remote, local).outgoing,
    issue: outgoingItemOf(item),
    connection: connectionBetween(remote, local),
  });
  if (!run.ok) throw run.error;
  if (run.value === null) throw new Error('the Basic outgoing script sent nothing');
  return run.value;
}

function incomingBase(local: TrackerKind, remote: TrackerKind) {
  return {
    script: basicModeScripts(local, remote).incoming,
    connection: connectionBetween(local, remote),
    commentLinks: [],
    attachmentLinks: [],
    syncedKeys: [],
    defaultProjectKey: 'TARGET',
  };
}

function labelsAsWritten(local: TrackerKind): string[] {
  return local.startsWith('jira') ? ['export', 'big_files'] : ['export', 'big files'];
}

describe.each(pairs)('Basic mode, %s receiving from %s', (local, remote) => {
  it('updates the twin with every field of the set: summary, description, status, priority, labels, comments, attachments', async () => {
    const replica = await replicaFrom(remote, local);
    const twin = { ...sampleItems[local], status: toDo[local], priority: local === 'asana' ? null : 'Low' };
    const run = await runIncomingScript(sandbox, { ...incomingBase(local, remote), issue: twin, replica, previous: null, firstSync: false });
    if (!run.ok) throw run.error;
    const expectedPriority = highest[local] !== null && highest[remote] !== null ? highest[local] : undefined;
    expect(run.value.changes).toEqual({
      summary: 'Export fails for files over 2 GB',
      description: richTextFromPlain('Seen on Windows only.'),
      status: finished[local],
      ...(expectedPriority === undefined ? {} : { priority: expectedPriority }),
      labels: labelsAsWritten(local),
    });
    expect(run.value.commentsToAdd).toEqual([{ remoteId: 'remote-comment-9', body: expect.objectContaining({ type: 'doc' }) }]);
    expect(JSON.stringify(run.value.commentsToAdd[0]!.body)).toContain('Fixed in build 12.');
    expect(run.value.attachmentsToAdd).toEqual([{ remoteId: 'remote-attachment-9', filename: 'trace.txt', mimeType: 'text/plain' }]);
  });

  it('creates a new item in the connection project on first sync, with a type this tracker has', async () => {
    const replica = await replicaFrom(remote, local);
    const run = await runIncomingScript(sandbox, { ...incomingBase(local, remote), issue: null, replica, previous: null, firstSync: true });
    if (!run.ok) throw run.error;
    expect(run.value.create).toMatchObject({ projectKey: 'TARGET', summary: 'Export fails for files over 2 GB', labels: labelsAsWritten(local) });
    expect(typeof run.value.create?.type).toBe('string');
    expect(run.value.create).not.toHaveProperty('assigneeEmail');
    expect(run.value.create).not.toHaveProperty('parentKey');
  });

  it('leaves assignee, parent and custom fields alone, even when a replica carries them', async () => {
    const replica = {
      ...(await replicaFrom(remote, local)),
      assignee: { email: bob.email, displayName: bob.displayName },
      parent: { key: 'OTHER-1' },
      customFields: { 'Story Points': { value: 13 } },
    };
    const run = await runIncomingScript(sandbox, { ...incomingBase(local, remote), issue: sampleItems[local], replica, previous: null, firstSync: false });
    if (!run.ok) throw run.error;
    expect(run.value.changes).not.toHaveProperty('assigneeEmail');
    expect(run.value.changes).not.toHaveProperty('parentKey');
    expect(run.value.changes).not.toHaveProperty('customFields');
  });
});

describe('Basic mode, what crosses', () => {
  it.each(trackerKinds)('%s sends the set and what the other side needs to create the twin, nothing else', async (tracker) => {
    const replica = await replicaFrom(tracker, 'jira-cloud');
    expect(replica).toMatchObject({ summary: 'Export fails for files over 2 GB', labels: ['export', 'big files'], status: { name: finished[tracker] } });
    expect(replica.assignee ?? null).toBeNull();
    expect(replica.reporter ?? null).toBeNull();
    expect(replica.parent ?? null).toBeNull();
    expect(Object.keys(replica.customFields ?? {})).toEqual([]);
  });

  it('the console lists the same set the scripts carry', () => {
    expect(basicModeFields.map((field) => field.name)).toEqual(['summary', 'description', 'status', 'priority', 'labels', 'comments', 'attachments']);
    const outgoing = basicModeScripts('azure-devops', 'asana').outgoing;
    for (const field of basicModeFields) expect(outgoing).toContain(`replica.${field.name} = workItem.${field.name};`);
  });
});

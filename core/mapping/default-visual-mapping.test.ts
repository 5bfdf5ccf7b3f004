import type { TrackerItem } from '../ports/tracker-item';
import { defaultScripts } from '../rules/default-scripts';
import { createQuickJsSandbox } from '../rules/quickjs-sandbox';
import { runIncomingScript } from '../rules/run-incoming-script';
import { runOutgoingScript } from '../rules/run-outgoing-script';
import { connectionBetween, outgoingItemOf, sampleItems } from '../rules/test-fixtures';
import { trackerKinds, type TrackerKind } from '../trackers';
import { defaultVisualMapping } from './default-visual-mapping';
import { sendAcross } from './testing/run-mapping';
import { defaultVocabularyOf } from './tracker-values';
import { validateMapping } from './validate-mapping';
import { mappingSides, otherSide, type MappingSide } from './visual-mapping';

const sandbox = createQuickJsSandbox();
afterAll(() => sandbox.dispose());

/** local receives from remote; the local side is the initiator in one case and the acceptor in the other. */
const cases = trackerKinds.flatMap((local) => trackerKinds.flatMap((remote) => mappingSides.map((localSide) => [local, remote, localSide] as const)));

/** What the default scripts plan on `local` for the remote item: created (current null) or changed. */
async function defaultScriptsPlan(local: TrackerKind, remote: TrackerKind, current: TrackerItem | null) {
  const outgoing = await runOutgoingScript(sandbox, {
    script: defaultScripts(remote, local).outgoing,
    issue: outgoingItemOf(sampleItems[remote]),
    connection: connectionBetween(remote, local),
  });
  if (!outgoing.ok || outgoing.value === null) throw new Error('the default outgoing script sent nothing');
  const incoming = await runIncomingScript(sandbox, {
    script: defaultScripts(local, remote).incoming,
    issue: current,
    replica: outgoing.value,
    previous: null,
    firstSync: current === null,
    connection: connectionBetween(local, remote),
    commentLinks: [],
    attachmentLinks: [],
    syncedKeys: [],
    defaultProjectKey: 'TARGET',
  });
  if (!incoming.ok) throw incoming.error;
  return incoming.value;
}

function visualMappingWith(local: TrackerKind, remote: TrackerKind, localSide: MappingSide) {
  return localSide === 'initiator' ? defaultVisualMapping(local, remote) : defaultVisualMapping(remote, local);
}

describe.each(cases)('the default Visual mapping, %s receiving from %s (as the %s)', (local, remote, localSide) => {
  const mapping = visualMappingWith(local, remote, localSide);

  it('creates the same item as the default scripts, with the same comments and attachments', async () => {
    const expected = await defaultScriptsPlan(local, remote, null);
    const { plan } = await sendAcross(sandbox, mapping, otherSide(localSide), sampleItems[remote], null);
    expect(plan?.create).toEqual(expected.create);
    expect(plan?.commentsToAdd).toEqual(expected.commentsToAdd);
    expect(plan?.attachmentsToAdd).toEqual(expected.attachmentsToAdd);
  });

  it('changes an existing twin as the default scripts do', async () => {
    const expected = await defaultScriptsPlan(local, remote, sampleItems[local]);
    const { plan } = await sendAcross(sandbox, mapping, otherSide(localSide), sampleItems[remote], sampleItems[local]);
    expect(plan?.changes).toEqual(expected.changes);
  });

  it('passes validation against the trackers’ default vocabularies', () => {
    const vocabularies = { [localSide]: defaultVocabularyOf(local), [otherSide(localSide)]: defaultVocabularyOf(remote) } as Record<
      MappingSide,
      ReturnType<typeof defaultVocabularyOf>
    >;
    expect(validateMapping(mapping, vocabularies)).toEqual({ ok: true, value: mapping });
  });
});

describe('defaultVisualMapping', () => {
  it('finishes a Jira issue when its Asana task completes, reopens a finished one, and leaves an unfinished one as it is', async () => {
    const mapping = defaultVisualMapping('jira-cloud', 'asana');
    const completed = { ...sampleItems.asana, status: 'completed' };
    const inReview = { ...sampleItems['jira-cloud'], status: 'In Review' };
    const done = { ...sampleItems['jira-cloud'], status: 'Done' };
    expect((await sendAcross(sandbox, mapping, 'acceptor', completed, inReview)).plan?.changes.status).toBe('Done');
    expect((await sendAcross(sandbox, mapping, 'acceptor', sampleItems.asana, done)).plan?.changes.status).toBe('To Do');
    expect((await sendAcross(sandbox, mapping, 'acceptor', sampleItems.asana, inReview)).plan?.changes.status).toBeUndefined();
  });

  it('closes an Azure DevOps work item when its Asana task completes (Closed, not the first finished state the process lists)', async () => {
    const completed = { ...sampleItems.asana, status: 'completed' };
    expect(
      (await sendAcross(sandbox, defaultVisualMapping('asana', 'azure-devops'), 'initiator', completed, sampleItems['azure-devops'])).plan?.changes.status,
    ).toBe('Closed');
    expect(
      (await sendAcross(sandbox, defaultVisualMapping('azure-devops', 'asana'), 'acceptor', completed, sampleItems['azure-devops'])).plan?.changes.status,
    ).toBe('Closed');
  });

  it('maps Azure DevOps priorities 1 to 4 onto Jira names and back', async () => {
    const mapping = defaultVisualMapping('azure-devops', 'jira-server');
    const urgent = { ...sampleItems['azure-devops'], priority: '1' };
    expect((await sendAcross(sandbox, mapping, 'initiator', urgent, sampleItems['jira-server'])).plan?.changes.priority).toBe('Highest');
    const lowest = { ...sampleItems['jira-server'], priority: 'Lowest' };
    expect((await sendAcross(sandbox, mapping, 'acceptor', lowest, sampleItems['azure-devops'])).plan?.changes.priority).toBe('4');
  });

  it('has no priority row where one side has no priority', () => {
    expect(defaultVisualMapping('asana', 'jira-cloud').fields.map((row) => row.initiatorField)).toEqual(['summary', 'description', 'status', 'type', 'labels']);
    expect(defaultVisualMapping('asana', 'jira-cloud').values.priority).toEqual([]);
  });
});

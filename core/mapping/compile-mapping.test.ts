import type { TrackerItem } from '../ports/tracker-item';
import { richTextFromPlain } from '../rich-text/rich-text';
import { createQuickJsSandbox } from '../rules/quickjs-sandbox';
import { alice, bob, sampleItems } from '../rules/test-fixtures';
import { trackerKinds, trackerProfile, type TrackerKind } from '../trackers';
import { compileMapping } from './compile-mapping';
import { replicaOf, sendAcross } from './testing/run-mapping';
import { defaultVocabularyOf } from './tracker-values';
import type { FieldRow, VisualMapping } from './visual-mapping';

const sandbox = createQuickJsSandbox();
afterAll(() => sandbox.dispose());

const carol = { email: 'carol@acme.example', displayName: 'Carol Acme', id: 'acc-carol' };
const pairs = trackerKinds.flatMap((initiator) => trackerKinds.map((acceptor) => [initiator, acceptor] as const));

const hasPriority = (tracker: TrackerKind) => trackerProfile(tracker).vocabulary.hasPriority;
const jiraLabels = (tracker: TrackerKind, labels: readonly string[]) =>
  tracker.startsWith('jira') ? labels.map((label) => label.replace(/\s+/g, '_')) : labels;

/** A value of the tracker's default vocabulary other than the ones given. */
function anotherValue(values: readonly string[], ...not: readonly (string | null)[]): string {
  const value = values.find((candidate) => !not.includes(candidate));
  if (value === undefined) throw new Error('the vocabulary has no other value');
  return value;
}

/**
 * Rows in every direction: summary both ways, description only to the initiator, labels, type and
 * the reporter (as the acceptor's assignee) only to the acceptor, the assignee only to the
 * initiator. The status (and priority) pairs apply to the acceptor only.
 */
function mappingBetween(initiator: TrackerKind, acceptor: TrackerKind) {
  const sent = sampleItems[initiator];
  const received = sampleItems[acceptor];
  const status = anotherValue(defaultVocabularyOf(acceptor).statuses, received.status);
  const withPriority = hasPriority(initiator) && hasPriority(acceptor);
  const priority = withPriority ? anotherValue(defaultVocabularyOf(acceptor).priorities, received.priority) : null;
  const type = trackerProfile(acceptor).vocabulary.onlyItemType ?? anotherValue(defaultVocabularyOf(acceptor).types, received.type);
  const fields: FieldRow[] = [
    { initiatorField: 'summary', acceptorField: 'summary', direction: 'both' },
    { initiatorField: 'description', acceptorField: 'description', direction: 'to-initiator' },
    { initiatorField: 'labels', acceptorField: 'labels', direction: 'to-acceptor' },
    { initiatorField: 'status', acceptorField: 'status', direction: 'both' },
    ...(withPriority ? [{ initiatorField: 'priority', acceptorField: 'priority', direction: 'both' } as const] : []),
    { initiatorField: 'type', acceptorField: 'type', direction: 'to-acceptor' },
    { initiatorField: 'reporter', acceptorField: 'assignee', direction: 'to-acceptor' },
    { initiatorField: 'assignee', acceptorField: 'assignee', direction: 'to-initiator' },
  ];
  const mapping: VisualMapping = {
    version: 7,
    initiator: { tracker: initiator, filter: null },
    acceptor: { tracker: acceptor, filter: null },
    fields,
    values: {
      status: [{ initiator: sent.status, acceptor: status, direction: 'to-acceptor' }],
      priority: priority === null || sent.priority === null ? [] : [{ initiator: sent.priority, acceptor: priority, direction: 'to-acceptor' }],
      type: [{ initiator: sent.type, acceptor: type, direction: 'to-acceptor' }],
    },
    comments: { toAcceptor: true, toInitiator: false },
    attachments: { toAcceptor: false, toInitiator: true },
  };
  return { mapping, status, priority, type };
}

describe.each(pairs)('a Visual mapping between %s (initiator) and %s (acceptor)', (initiator, acceptor) => {
  const { mapping, status, priority, type } = mappingBetween(initiator, acceptor);
  const fromInitiator: TrackerItem = {
    ...sampleItems[initiator],
    summary: 'Renamed by the initiator',
    description: richTextFromPlain('Edited by the initiator, whose description never crosses'),
    labels: ['sync me', 'export'],
  };

  it('says which mapping version the scripts come from, on their first line', () => {
    const scripts = compileMapping(mapping, 'acceptor');
    for (const script of [scripts.outgoing, scripts.incoming]) {
      expect(script.split('\n')[0]).toBe('// Generated from the Visual mapping, version 7. Not edited by hand: change the mapping and publish it.');
    }
  });

  it('brings what flows to the acceptor across, through the value maps, and nothing else', async () => {
    const { replica, plan } = await sendAcross(sandbox, mapping, 'initiator', fromInitiator, sampleItems[acceptor]);
    expect(replica).not.toHaveProperty('description');
    expect(replica).not.toHaveProperty('attachments');
    expect(plan?.changes).toEqual({
      summary: 'Renamed by the initiator',
      labels: jiraLabels(acceptor, ['sync me', 'export']),
      status,
      ...(priority === null ? {} : { priority }),
      // The initiator's reporter becomes the acceptor's assignee.
      assigneeEmail: bob.email,
    });
    expect(plan?.commentsToAdd.map((comment) => comment.remoteId)).toEqual([sampleItems[initiator].comments[0]!.id]);
    expect(plan?.attachmentsToAdd).toEqual([]);
  });

  it('creates the item on the acceptor with the mapped type and status', async () => {
    const { plan } = await sendAcross(sandbox, mapping, 'initiator', fromInitiator, null);
    expect(plan?.create).toEqual({
      projectKey: 'TARGET',
      type,
      summary: 'Renamed by the initiator',
      status,
      ...(priority === null ? {} : { priority }),
      labels: jiraLabels(acceptor, ['sync me', 'export']),
      assigneeEmail: bob.email,
    });
  });

  it('sends back only what flows to the initiator: what flows to the acceptor never comes back', async () => {
    const fromAcceptor: TrackerItem = {
      ...sampleItems[acceptor],
      summary: 'Renamed by the acceptor',
      description: richTextFromPlain('Edited by the acceptor'),
      labels: ['never-back'],
      assignee: carol,
      reporter: alice,
      // The status and priority pairs apply to the acceptor only, and the initiator has no value of these names.
      status: 'Waiting for Legal',
      priority: hasPriority(acceptor) ? 'Blocker-ish' : null,
    };
    const { plan } = await sendAcross(sandbox, mapping, 'acceptor', fromAcceptor, sampleItems[initiator]);
    expect(plan?.changes).toEqual({
      summary: 'Renamed by the acceptor',
      description: richTextFromPlain('Edited by the acceptor'),
      assigneeEmail: carol.email,
    });
    expect(plan?.commentsToAdd).toEqual([]);
    expect(plan?.attachmentsToAdd.map((attachment) => attachment.remoteId)).toEqual([sampleItems[acceptor].attachments[0]!.id]);
  });

  it('keeps the current value when a status or priority is not in the map and the acceptor has none of that name', async () => {
    const unknown: TrackerItem = { ...fromInitiator, status: 'Waiting for Legal', priority: hasPriority(initiator) ? 'Blocker-ish' : null };
    const { plan } = await sendAcross(sandbox, mapping, 'initiator', unknown, sampleItems[acceptor]);
    expect(plan?.changes.status).toBeUndefined();
    expect(plan?.changes.priority).toBeUndefined();
    expect(plan?.changes.summary).toBe('Renamed by the initiator');
  });

  it('uses a value the map does not name as it is when the acceptor has a value of that name', async () => {
    const sameName = anotherValue(defaultVocabularyOf(acceptor).statuses, sampleItems[acceptor].status, sampleItems[initiator].status);
    const { plan } = await sendAcross(sandbox, mapping, 'initiator', { ...fromInitiator, status: sameName }, sampleItems[acceptor]);
    expect(plan?.changes.status).toBe(sameName);
  });
});

describe('compileMapping', () => {
  const { mapping } = mappingBetween('jira-cloud', 'azure-devops');

  it('leaves the item as it is when it already has one of the values paired with the incoming one', async () => {
    const resolvedOrClosed: VisualMapping = {
      ...mapping,
      values: {
        ...mapping.values,
        status: [
          { initiator: 'Done', acceptor: 'Closed', direction: 'both' },
          { initiator: 'Done', acceptor: 'Resolved', direction: 'both' },
        ],
      },
    };
    const done = { ...sampleItems['jira-cloud'], status: 'Done' };
    const resolved = await sendAcross(sandbox, resolvedOrClosed, 'initiator', done, { ...sampleItems['azure-devops'], status: 'Resolved' });
    expect(resolved.plan?.changes.status).toBeUndefined();
    const active = await sendAcross(sandbox, resolvedOrClosed, 'initiator', done, sampleItems['azure-devops']);
    expect(active.plan?.changes.status).toBe('Closed');
  });

  it('uses the live values of the receiving side for names the map does not give', async () => {
    const live = { ...defaultVocabularyOf('azure-devops'), statuses: [...defaultVocabularyOf('azure-devops').statuses, 'Waiting for Legal'] };
    const waiting = { ...sampleItems['jira-cloud'], status: 'Waiting for Legal' };
    const { plan } = await sendAcross(sandbox, mapping, 'initiator', waiting, sampleItems['azure-devops'], live);
    expect(plan?.changes.status).toBe('Waiting for Legal');
  });

  it('sends nothing from a side nothing flows from', async () => {
    const oneWay: VisualMapping = {
      ...mapping,
      fields: [{ initiatorField: 'summary', acceptorField: 'summary', direction: 'to-acceptor' }],
      comments: { toAcceptor: true, toInitiator: false },
      attachments: { toAcceptor: false, toInitiator: false },
    };
    await expect(replicaOf(sandbox, oneWay, 'acceptor', sampleItems['azure-devops'])).resolves.toBeNull();
    await expect(replicaOf(sandbox, oneWay, 'initiator', sampleItems['jira-cloud'])).resolves.toMatchObject({ summary: sampleItems['jira-cloud'].summary });
  });

  it('copies dates and paths between trackers that have them', async () => {
    const paths: VisualMapping = {
      ...mappingBetween('azure-devops', 'azure-devops').mapping,
      fields: [{ initiatorField: 'iterationPath', acceptorField: 'areaPath', direction: 'to-acceptor' }],
    };
    const { plan } = await sendAcross(sandbox, paths, 'initiator', sampleItems['azure-devops'], sampleItems['azure-devops']);
    expect(plan?.changes).toEqual({ customFields: { 'System.AreaPath': 'Platform\\Sprint 4' } });
    const dates: VisualMapping = { ...mappingBetween('asana', 'asana').mapping, fields: [{ initiatorField: 'due', acceptorField: 'due', direction: 'both' }] };
    const later = { ...sampleItems.asana, customFields: { due_on: '2027-01-15' } };
    expect((await sendAcross(sandbox, dates, 'acceptor', later, sampleItems.asana)).plan?.changes).toEqual({ customFields: { due_on: '2027-01-15' } });
  });

  it('turns a formatted description into plain text for a summary', async () => {
    const toSummary: VisualMapping = { ...mapping, fields: [{ initiatorField: 'description', acceptorField: 'summary', direction: 'to-acceptor' }] };
    const item = { ...sampleItems['jira-cloud'], description: richTextFromPlain('Short and plain') };
    expect((await sendAcross(sandbox, toSummary, 'initiator', item, sampleItems['azure-devops'])).plan?.changes).toEqual({ summary: 'Short and plain' });
  });

  it('keeps field names and values from the other side out of the code', async () => {
    const hostile: VisualMapping = {
      ...mapping,
      fields: [
        { initiatorField: 'summary', acceptorField: 'summary;throw new Error("owned")', direction: 'both' },
        { initiatorField: 'status', acceptorField: 'status', direction: 'both' },
      ],
      values: { ...mapping.values, status: [{ initiator: "In Progress'];throw new Error('owned');//", acceptor: 'Closed', direction: 'both' }] },
    };
    const scripts = compileMapping(hostile, 'acceptor');
    expect(scripts.incoming).not.toContain('owned")');
    expect(scripts.incoming).toContain('// Left out: a row naming a field its tracker does not have.');
    const sent = { ...sampleItems['jira-cloud'], status: "In Progress'];throw new Error('owned');//" };
    const { plan } = await sendAcross(sandbox, hostile, 'initiator', sent, sampleItems['azure-devops']);
    expect(plan?.changes).toEqual({ status: 'Closed' });
  });
});

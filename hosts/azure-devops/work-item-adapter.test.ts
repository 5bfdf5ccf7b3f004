import { ExalateError, plainTextOf, type RichText } from '../../core';
import { AzureDevOpsAdapter } from './adapter';
import { heading, orderedList, paragraph, richTextDocument, text } from '../../test/fakes/rich-text-document';
import { startAzureDevOpsHarness, type AzureDevOpsHarness } from '../../test/support/azure-devops-harness';

const project = 'Fabrikam Fiber';
const plainDocument = (value: string): RichText => richTextDocument(paragraph(text(value)));
const formatted = richTextDocument(heading(2, text('Steps')), orderedList([paragraph(text('Open '), text('checkout', 'bold'))]));

describe('AzureDevOpsAdapter work items against the Azure DevOps emulator', () => {
  let harness: AzureDevOpsHarness;
  let adapter: AzureDevOpsAdapter;

  beforeAll(async () => {
    harness = await startAzureDevOpsHarness();
    adapter = harness.adapter;
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.checks.clear());
  afterEach(() => harness.checks.assertExchangesMatchSpec());

  const patches = () => harness.checks.exchanges.filter((exchange) => exchange.method === 'PATCH' && /\/workitems\/\d+$/.test(exchange.path));

  it('creates a work item through JSON Patch and reads every field back', async () => {
    const { key: parent } = await adapter.createItem({ projectKey: project, type: 'Epic', summary: 'Checkout 2.0' });
    const { key } = await adapter.createItem({
      projectKey: project,
      type: 'Bug',
      summary: 'Card declined',
      description: formatted,
      priority: '1',
      labels: ['sync', 'checkout'],
      assigneeEmail: 'ADA@acme.example',
      parentKey: parent,
      customFields: { 'System.AreaPath': project, 'Custom.Severity': '2 - High' },
    });

    const item = await adapter.getItem(key);

    expect(item).toMatchObject({
      key,
      projectKey: project,
      type: 'Bug',
      summary: 'Card declined',
      status: 'New',
      priority: '1',
      labels: ['checkout', 'sync'],
      assignee: { email: 'ada@acme.example', displayName: 'Ada Lovelace' },
      reporter: { email: 'dana@acme.example' },
      parentKey: parent,
      comments: [],
      attachments: [],
      updated: harness.emulator.state.findWorkItem(Number(key))?.fields['System.ChangedDate'],
      url: `${harness.organizationUrl}/Fabrikam%20Fiber/_workitems/edit/${key}`,
    });
    expect(item?.description).toEqual(formatted);
    expect(item?.customFields).toMatchObject({
      'System.AreaPath': project,
      'System.IterationPath': project,
      'Custom.Severity': '2 - High',
      'System.ChangedBy': 'dana@acme.example',
    });
    expect(item?.customFields).not.toHaveProperty('System.Title');
    expect(harness.emulator.state.findWorkItem(Number(parent))?.relations).toEqual([
      expect.objectContaining({ rel: 'System.LinkTypes.Hierarchy-Forward', target: { workItemId: Number(key) } }),
    ]);
  });

  it('updates with a test on /rev first, touching only the fields asked for', async () => {
    const { key } = await adapter.createItem({
      projectKey: project,
      type: 'Bug',
      summary: 'Before',
      labels: ['old'],
      assigneeEmail: 'ada@acme.example',
      priority: '3',
    });
    harness.checks.clear();

    await adapter.updateItem(key, { summary: 'After', labels: [], assigneeEmail: null, priority: '2', status: 'Active' });
    const item = await adapter.getItem(key);

    expect(item).toMatchObject({ summary: 'After', labels: [], assignee: null, priority: '2', status: 'Active', reporter: { email: 'dana@acme.example' } });
    expect(patches()).toHaveLength(1);
    expect(harness.emulator.state.findWorkItem(Number(key))?.rev).toBe(2);
  });

  it('sends no write when nothing would change', async () => {
    const { key } = await adapter.createItem({ projectKey: project, type: 'Task', summary: 'Quiet' });
    harness.checks.clear();

    await adapter.updateItem(key, { labels: [], assigneeEmail: null, parentKey: null });

    expect(patches()).toHaveLength(0);
  });

  it('re-reads and retries once when someone else changed the item between read and write (412, TF26071)', async () => {
    // Clearing the priority depends on what the item holds, so it is written against a revision.
    const { key } = await adapter.createItem({ projectKey: project, type: 'Bug', summary: 'Contested', priority: '3' });
    let interfered = false;
    // A person edits the work item right after the node read it.
    const interfering = new AzureDevOpsAdapter({
      baseUrl: harness.organizationUrl,
      authorization: harness.emulator.authorization,
      identityUrl: harness.organizationUrl,
      fetch: async (url, init) => {
        if (init.method === 'PATCH' && !interfered) {
          interfered = true;
          await harness.adapterWith({}).updateItem(key, { labels: ['edited-by-a-person'] });
        }
        return harness.checks.fetch(url, init);
      },
    });

    await interfering.updateItem(key, { summary: 'Written by the node', priority: null });

    expect(patches().map((exchange) => exchange.status)).toEqual([200, 412, 200]);
    await expect(adapter.getItem(key)).resolves.toMatchObject({ summary: 'Written by the node', priority: null, labels: ['edited-by-a-person'] });
  });

  it('writes a change that only sets values over a concurrent edit in one call, keeping both', async () => {
    const { key } = await adapter.createItem({ projectKey: project, type: 'Bug', summary: 'Contested' });
    let interfered = false;
    const interfering = new AzureDevOpsAdapter({
      baseUrl: harness.organizationUrl,
      authorization: harness.emulator.authorization,
      identityUrl: harness.organizationUrl,
      fetch: async (url, init) => {
        if (init.method === 'PATCH' && !interfered) {
          interfered = true;
          await harness.adapterWith({}).updateItem(key, { labels: ['edited-by-a-person'] });
        }
        return harness.checks.fetch(url, init);
      },
    });
    harness.checks.clear();

    await interfering.updateItem(key, { summary: 'Written by the node', status: 'Active' });

    expect(patches().map((exchange) => exchange.status)).toEqual([200, 200]);
    await expect(adapter.getItem(key)).resolves.toMatchObject({ summary: 'Written by the node', status: 'Active', labels: ['edited-by-a-person'] });
  });

  it('reports a conflict, retryable, when the item changes again during the retry', async () => {
    const { key } = await adapter.createItem({ projectKey: project, type: 'Bug', summary: 'Busy' });
    let edits = 0;
    const alwaysLate = new AzureDevOpsAdapter({
      baseUrl: harness.organizationUrl,
      authorization: harness.emulator.authorization,
      fetch: async (url, init) => {
        if (init.method === 'PATCH') await harness.adapterWith({}).updateItem(key, { summary: `Automation edit ${(edits += 1)}` });
        return fetch(url, init);
      },
    });

    const failure = await alwaysLate.updateItem(key, { priority: '1', labels: [] }).catch((error: unknown) => error);

    expect(ExalateError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({ code: 'conflict', isRetryable: true, message: expect.stringContaining(`Work item ${key} kept changing`) });
    expect((await adapter.getItem(key))?.priority).toBe('2');
  });

  it('names the status it cannot reach, as a failure that will not heal by retrying', async () => {
    const { key } = await adapter.createItem({ projectKey: project, type: 'Bug', summary: 'Stuck' });

    const failure = await adapter.updateItem(key, { status: 'Done' }).catch((error: unknown) => error);

    expect(failure).toMatchObject({ code: 'invalid_request', isRetryable: false, message: expect.stringContaining('move Bug') });
    expect(failure).toMatchObject({ message: expect.stringContaining('"Done"') });
  });

  it('moves the parent link, and removes it', async () => {
    const { key: first } = await adapter.createItem({ projectKey: project, type: 'Feature', summary: 'First parent' });
    const { key: second } = await adapter.createItem({ projectKey: project, type: 'Feature', summary: 'Second parent' });
    const { key } = await adapter.createItem({ projectKey: project, type: 'User Story', summary: 'Child', parentKey: first });

    await adapter.updateItem(key, { parentKey: second });
    await expect(adapter.getItem(key)).resolves.toMatchObject({ parentKey: second });
    await adapter.updateItem(key, { parentKey: null });

    await expect(adapter.getItem(key)).resolves.toMatchObject({ parentKey: null });
    expect(harness.emulator.state.findWorkItem(Number(first))?.relations).toEqual([]);
  });

  it('adds and edits comments in HTML, read back oldest first with their authors', async () => {
    const { key } = await adapter.createItem({ projectKey: project, type: 'Bug', summary: 'Talkative' });

    const first = await adapter.addComment(key, plainDocument('First'));
    await adapter.addComment(key, formatted);
    await adapter.updateComment(key, first.id, plainDocument('First, edited'));
    const item = await adapter.getItem(key);

    expect(item?.comments.map((comment) => plainTextOf(comment.body))).toEqual(['First, edited', plainTextOf(formatted)]);
    expect(item?.comments[1]?.body).toEqual(formatted);
    expect(item?.comments[0]).toMatchObject({ id: first.id, author: { email: 'dana@acme.example' } });
    expect(harness.emulator.state.findWorkItem(Number(key))?.fields['System.CommentCount']).toBe(2);
  });

  it('uploads an attachment, links it, and downloads the same bytes', async () => {
    const { key } = await adapter.createItem({ projectKey: project, type: 'Bug', summary: 'With a screenshot' });
    const content = Uint8Array.from({ length: 2048 }, (_, index) => (index * 31) % 256);

    const { id } = await adapter.uploadAttachment(key, { filename: 'screen shot.png', mimeType: 'image/png', content });
    const item = await adapter.getItem(key);

    expect(item?.attachments).toEqual([
      { id, filename: 'screen shot.png', mimeType: 'image/png', size: 2048, created: harness.emulator.state.findAttachment(id)?.createdDate },
    ]);
    expect(Array.from(await adapter.downloadAttachment(key, id))).toEqual(Array.from(content));
  });

  it('finds people by email in any case, and nobody for an unknown address', async () => {
    await expect(adapter.findUserByEmail('Grace@ACME.example')).resolves.toEqual({
      email: 'grace@acme.example',
      displayName: 'Grace Hopper',
      id: expect.any(String),
    });
    await expect(adapter.findUserByEmail('nobody@acme.example')).resolves.toBeUndefined();
  });

  it('reads a missing or malformed key as undefined, and refuses to update it as not found', async () => {
    await expect(adapter.getItem('999999')).resolves.toBeUndefined();
    await expect(adapter.getItem('SUP-1')).resolves.toBeUndefined();
    await expect(adapter.updateItem('999999', { summary: 'x' })).rejects.toMatchObject({ code: 'not_found' });
  });
});

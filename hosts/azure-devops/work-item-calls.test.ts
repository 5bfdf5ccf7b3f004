import { richTextFromPlain, type ItemChanges, type TrackerItem } from '../../core';
import { AzureDevOpsAdapter } from './adapter';
import { startAzureDevOpsHarness, type AzureDevOpsHarness } from '../../test/support/azure-devops-harness';

const project = 'Fabrikam Fiber';

/**
 * Each call to Azure DevOps counts against the organization's rate limit (TSTUs): a synced change
 * should cost the read before and the write, and no more than the change needs.
 */
describe('Azure DevOps calls per read and per change, against the emulator', () => {
  let harness: AzureDevOpsHarness;
  let adapter: AzureDevOpsAdapter;

  beforeAll(async () => {
    harness = await startAzureDevOpsHarness();
    adapter = harness.adapter;
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.checks.clear());
  afterEach(() => harness.checks.assertExchangesMatchSpec());

  /** The calls made, as `METHOD _apis/… [$expand]`, without the organization, project and api-version. */
  const calls = (): string[] =>
    harness.checks.exchanges.map((exchange) => {
      const url = new URL(exchange.url);
      const expand = url.searchParams.get('$expand');
      return `${exchange.method} ${url.pathname.replace(/^.*?\/_apis\//, '_apis/')}${expand === null ? '' : ` $expand=${expand}`}`;
    });

  /** An adapter over a server that does not send System.CommentCount (as older servers may not). */
  const adapterWithoutCommentCount = (): AzureDevOpsAdapter =>
    new AzureDevOpsAdapter({
      baseUrl: harness.organizationUrl,
      authorization: harness.emulator.authorization,
      identityUrl: harness.organizationUrl,
      fetch: async (url, init) => {
        const response = await harness.checks.fetch(url, init);
        if (!/\/_apis\/wit\/workitems\/\d+\?/i.test(url) || !response.ok) return response;
        const workItem = (await response.json()) as { fields: Record<string, unknown> };
        delete workItem.fields['System.CommentCount'];
        return new Response(JSON.stringify(workItem), { status: response.status, headers: { 'Content-Type': 'application/json' } });
      },
    });

  async function createBug(changes: Partial<ItemChanges> = {}): Promise<string> {
    const { key } = await adapter.createItem({ projectKey: project, type: 'Bug', summary: 'Counted', labels: ['old'], ...changes });
    harness.checks.clear();
    return key;
  }

  describe('reading a work item', () => {
    it('reads a work item without comments in one call, the same item a server without CommentCount gives', async () => {
      const key = await createBug();

      const item = await adapter.getItem(key);

      expect(calls()).toEqual([`GET _apis/wit/workitems/${key} $expand=all`]);
      expect(item).toMatchObject({ key, summary: 'Counted', comments: [] });
      await expect(adapterWithoutCommentCount().getItem(key)).resolves.toEqual(item);
    });

    it('reads the comments of a work item that has some, the same item a server without CommentCount gives', async () => {
      const key = await createBug();
      await adapter.addComment(key, richTextFromPlain('First'));
      const second = await adapter.addComment(key, richTextFromPlain('Second'));
      harness.checks.clear();

      const item = await adapter.getItem(key);

      expect(calls()).toEqual([`GET _apis/wit/workitems/${key} $expand=all`, `GET _apis/wit/workItems/${key}/comments`]);
      expect(item?.comments.map((comment) => comment.id)).toEqual([expect.any(String), second.id]);
      await expect(adapterWithoutCommentCount().getItem(key)).resolves.toEqual(item);
    });

    it('reads the comments when the server does not say how many there are', async () => {
      const key = await createBug();
      await adapter.addComment(key, richTextFromPlain('Only one'));
      harness.checks.clear();

      const item = await adapterWithoutCommentCount().getItem(key);

      expect(calls()).toEqual([`GET _apis/wit/workitems/${key} $expand=all`, `GET _apis/wit/workItems/${key}/comments`]);
      expect(item?.comments).toHaveLength(1);
    });

    it('reads no comments once the last one was deleted', async () => {
      const key = await createBug();
      const { id } = await adapter.addComment(key, richTextFromPlain('Soon gone'));
      const deleted = await fetch(
        `${harness.organizationUrl}/${encodeURIComponent(project)}/_apis/wit/workItems/${key}/comments/${id}?api-version=7.1-preview.4`,
        {
          method: 'DELETE',
          headers: { Authorization: harness.emulator.authorization },
        },
      );
      expect(deleted.status).toBe(204);
      harness.checks.clear();

      const item = await adapter.getItem(key);

      expect(calls()).toEqual([`GET _apis/wit/workitems/${key} $expand=all`]);
      expect(item?.comments).toEqual([]);
    });
  });

  describe('writing a change', () => {
    it.each<[string, ItemChanges, Partial<TrackerItem>]>([
      ['a summary', { summary: 'Renamed' }, { summary: 'Renamed' }],
      ['a status', { status: 'Active' }, { status: 'Active' }],
      ['a priority', { priority: '1' }, { priority: '1' }],
      ['a description', { description: richTextFromPlain('Steps to reproduce') }, { description: richTextFromPlain('Steps to reproduce') }],
      ['labels', { labels: ['checkout', 'sync'] }, { labels: ['checkout', 'sync'] }],
      ['an assignee', { assigneeEmail: 'ada@acme.example' }, { assignee: expect.objectContaining({ email: 'ada@acme.example' }) as TrackerItem['assignee'] }],
      [
        'a custom field',
        { customFields: { 'Custom.Severity': '1 - Critical' } },
        { customFields: expect.objectContaining({ 'Custom.Severity': '1 - Critical' }) },
      ],
    ])('writes %s in one call, without reading the work item first', async (_change, changes, expected) => {
      const key = await createBug();

      await adapter.updateItem(key, changes);

      expect(calls()).toEqual([`PATCH _apis/wit/workitems/${key} $expand=all`]);
      await expect(adapter.getItem(key)).resolves.toMatchObject(expected);
    });

    it.each<[string, ItemChanges, Partial<TrackerItem>]>([
      ['clears the labels', { labels: [] }, { labels: [] }],
      ['clears the priority', { priority: null }, { priority: null }],
      ['clears the assignee', { assigneeEmail: null }, { assignee: null }],
    ])('%s after reading the fields only (no relations), then one write', async (_change, changes, expected) => {
      const key = await createBug({ priority: '2', assigneeEmail: 'ada@acme.example' });

      await adapter.updateItem(key, changes);

      expect(calls()).toEqual([`GET _apis/wit/workitems/${key}`, `PATCH _apis/wit/workitems/${key} $expand=all`]);
      await expect(adapter.getItem(key)).resolves.toMatchObject(expected);
    });

    it('reads the relations before moving the parent link, which is removed by its index', async () => {
      const { key: first } = await adapter.createItem({ projectKey: project, type: 'Feature', summary: 'First parent' });
      const { key: second } = await adapter.createItem({ projectKey: project, type: 'Feature', summary: 'Second parent' });
      const key = await createBug({ parentKey: first });

      await adapter.updateItem(key, { parentKey: second });

      expect(calls()).toEqual([`GET _apis/wit/workitems/${key} $expand=relations`, `PATCH _apis/wit/workitems/${key} $expand=all`]);
      await expect(adapter.getItem(key)).resolves.toMatchObject({ parentKey: second });
      expect(harness.emulator.state.findWorkItem(Number(first))?.relations).toEqual([]);
    });

    it('links an uploaded attachment without reading the work item', async () => {
      const key = await createBug();
      await adapter.getItem(key);
      harness.checks.clear();

      await adapter.uploadAttachment(key, { filename: 'log.txt', mimeType: 'text/plain', content: new TextEncoder().encode('trace') });

      expect(calls()).toEqual(['POST _apis/wit/attachments', `PATCH _apis/wit/workitems/${key} $expand=all`]);
      await expect(adapter.getItem(key)).resolves.toMatchObject({ attachments: [expect.objectContaining({ filename: 'log.txt' })] });
    });
  });

  describe('the work item as written', () => {
    it('answers a write with the item getItem reads afterwards, from the write alone when it has no comments', async () => {
      const key = await createBug();

      const written = await adapter.updateItemReturningItem(key, { summary: 'Renamed', labels: ['sync'] });

      expect(calls()).toEqual([`PATCH _apis/wit/workitems/${key} $expand=all`]);
      expect(written).toMatchObject({ summary: 'Renamed', labels: ['sync'] });
      await expect(adapter.getItem(key)).resolves.toEqual(written);
    });

    it('answers a write with the item and its comments when it has some', async () => {
      const key = await createBug();
      await adapter.addComment(key, richTextFromPlain('Kept'));
      harness.checks.clear();

      const written = await adapter.updateItemReturningItem(key, { status: 'Active' });

      expect(calls()).toEqual([`PATCH _apis/wit/workitems/${key} $expand=all`, `GET _apis/wit/workItems/${key}/comments`]);
      expect(written?.comments).toHaveLength(1);
      await expect(adapter.getItem(key)).resolves.toEqual(written);
    });

    it('answers null, after no write, when nothing would change', async () => {
      const key = await createBug();

      await expect(adapter.updateItemReturningItem(key, { parentKey: null })).resolves.toBeNull();
      expect(calls()).toEqual([`GET _apis/wit/workitems/${key} $expand=relations`]);
    });
  });
});

import { plainTextOf, type RichText } from '../../core';
import { startAsanaHarness, type AsanaHarness } from '../../test/support/asana-harness';
import { readTrigger } from '../../test/support/read-trigger';

const paragraph = (text: string): RichText => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

describe('AsanaAdapter tasks against the Asana emulator', () => {
  let harness: AsanaHarness;
  let bugs: string;
  let roadmap: string;

  beforeAll(async () => {
    harness = await startAsanaHarness();
    bugs = harness.emulator.state.projects.find((project) => project.name === 'Bugs')?.gid ?? '';
    roadmap = harness.emulator.state.projects.find((project) => project.name === 'Roadmap')?.gid ?? '';
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.checks.clear());
  afterEach(() => harness.checks.assertExchangesMatchSpec());

  it('creates a task with html_notes, assignee, tags, priority and parent, and reads them back with emails', async () => {
    const { key: parent } = await harness.adapter.createItem({ projectKey: bugs, type: 'Milestone', summary: 'Release 3' });
    const description: RichText = {
      type: 'doc',
      content: [
        { type: 'heading', level: 1, content: [{ type: 'text', text: 'Steps' }] },
        { type: 'bulletList', items: [[paragraph('Open the app').content[0]!]] },
      ],
    };

    const { key } = await harness.adapter.createItem({
      projectKey: bugs,
      type: 'Task',
      summary: 'Crash on start',
      description,
      assigneeEmail: 'grace@acme.example',
      labels: ['mobile', 'crash'],
      priority: 'High',
      parentKey: parent,
    });
    const item = await harness.adapter.getItem(key);

    expect(item).toMatchObject({
      key,
      projectKey: bugs,
      type: 'Task',
      summary: 'Crash on start',
      status: 'incomplete',
      priority: 'High',
      parentKey: parent,
      assignee: { email: 'grace@acme.example', displayName: 'Grace Hopper' },
      reporter: { email: 'sam@acme.example' },
      customFields: { Section: 'To do' },
      url: expect.stringContaining(key),
    });
    expect([...(item?.labels ?? [])].sort()).toEqual(['crash', 'mobile']);
    expect(item?.description).toEqual(description);
    expect(harness.emulator.state.find('tasks', key)?.htmlNotes).toBe('<body><h1>Steps</h1><ul><li>Open the app</li></ul></body>');
    await expect(harness.adapter.getItem(parent)).resolves.toMatchObject({ type: 'Milestone' });
  });

  it('completes a task, moves it to a section, swaps tags (reusing existing ones) and clears the assignee', async () => {
    const { key } = await harness.adapter.createItem({
      projectKey: bugs,
      type: 'Task',
      summary: 'Board work',
      labels: ['mobile'],
      assigneeEmail: 'ada@acme.example',
    });
    const tagsBefore = harness.emulator.state.list('tags').length;

    await harness.adapter.updateItem(key, { status: 'completed', labels: ['web', 'mobile'], assigneeEmail: null, customFields: { Section: 'Done' } });
    await harness.adapter.updateItem(key, { labels: ['web'] });

    await expect(harness.adapter.getItem(key)).resolves.toMatchObject({
      status: 'completed',
      labels: ['web'],
      assignee: null,
      customFields: { Section: 'Done' },
    });
    expect(harness.emulator.state.list('tags').length).toBe(tagsBefore + 1);
  });

  it('explains what it cannot write: a status other than completed/incomplete, an unknown priority or section', async () => {
    const { key } = await harness.adapter.createItem({ projectKey: bugs, type: 'Task', summary: 'Strict' });

    await expect(harness.adapter.updateItem(key, { status: 'In Progress' })).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringContaining('only "completed" or "incomplete"'),
    });
    await expect(harness.adapter.updateItem(key, { priority: 'Urgent' })).rejects.toMatchObject({
      message: expect.stringContaining('"High", "Medium", "Low"'),
    });
    await expect(harness.adapter.updateItem(key, { customFields: { Section: 'Icebox' } })).rejects.toMatchObject({
      message: expect.stringContaining('no section "Icebox"'),
    });
  });

  it('keeps comments as stories with html_text and edits them, leaving system stories out', async () => {
    const { key } = await harness.adapter.createItem({ projectKey: roadmap, type: 'Task', summary: 'Discussed' });

    const { id } = await harness.adapter.addComment(key, {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Looks ' },
            { type: 'text', text: 'good', marks: ['bold'] },
          ],
        },
      ],
    });
    await harness.adapter.updateComment(key, id, paragraph('Looks fine'));
    const item = await harness.adapter.getItem(key);

    expect(item?.comments).toEqual([expect.objectContaining({ id, author: expect.objectContaining({ email: 'sam@acme.example' }) })]);
    expect(plainTextOf(item!.comments[0]!.body)).toBe('Looks fine');
    expect(harness.emulator.state.find('stories', id)).toMatchObject({ htmlText: '<body>Looks fine</body>', isEdited: true });
  });

  it('uploads a file as multipart and downloads it from download_url without sending the token there', async () => {
    const { key } = await harness.adapter.createItem({ projectKey: roadmap, type: 'Task', summary: 'With a file' });
    const content = new TextEncoder().encode('name,value\nx,1\n');

    const { id } = await harness.adapter.uploadAttachment(key, { filename: 'data.csv', mimeType: 'text/csv', content });
    const downloaded = await harness.adapter.downloadAttachment(key, id);

    expect(new TextDecoder().decode(downloaded)).toBe('name,value\nx,1\n');
    expect((await harness.adapter.getItem(key))?.attachments).toEqual([
      expect.objectContaining({ id, filename: 'data.csv', mimeType: 'text/csv', size: content.length }),
    ]);
    const download = harness.checks.exchanges.find((exchange) => exchange.url.includes('/attachment-downloads/'));
    expect(download?.status).toBe(200);
  });

  it('searches a project page by page, and only incomplete tasks when asked', async () => {
    const { key: open } = await harness.adapter.createItem({ projectKey: roadmap, type: 'Task', summary: 'Open one' });
    const { key: done } = await harness.adapter.createItem({ projectKey: roadmap, type: 'Task', summary: 'Done one', status: 'completed' });

    const keys: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await harness.adapter.searchItems(readTrigger(`project = ${roadmap}`, 'asana'), { cursor, limit: 1 });
      keys.push(...page.keys);
      cursor = page.nextCursor;
    } while (cursor !== null);
    const incomplete = await harness.adapter.searchItems(readTrigger(`project = ${roadmap} AND completed = false`, 'asana'), { cursor: null, limit: 100 });

    expect(keys).toEqual(expect.arrayContaining([open, done]));
    expect(incomplete.keys).toContain(open);
    expect(incomplete.keys).not.toContain(done);
    // The grammar reads a list of projects; Asana's task list filters one project only.
    await expect(harness.adapter.searchItems(readTrigger(`project in (${roadmap}, 1)`, 'asana'), { cursor: null, limit: 1 })).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringContaining('The Asana trigger cannot be used'),
    });
  });

  it('finds people by email, and nobody for an unknown address', async () => {
    await expect(harness.adapter.findUserByEmail('ADA@acme.example')).resolves.toEqual({
      email: 'ada@acme.example',
      displayName: 'Ada Lovelace',
      id: expect.any(String),
    });
    await expect(harness.adapter.findUserByEmail('nobody@acme.example')).resolves.toBeUndefined();
  });
});

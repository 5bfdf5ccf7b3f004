import { richTextFromPlain, type ItemChanges } from '../../core';
import { startAsanaHarness, type AsanaHarness } from '../../test/support/asana-harness';

/**
 * updateItemReturningItem: the item as written, as a read right after the write gives it. After the
 * read the sync engine makes before each write, a change of values is one PUT, whose answer is the
 * task; the comments and attachments come from that read.
 */
describe('Asana: the item as written, from the write itself', () => {
  let harness: AsanaHarness;
  let bugs: string;

  beforeAll(async () => {
    harness = await startAsanaHarness();
    bugs = harness.emulator.state.projects.find((project) => project.name === 'Bugs')?.gid ?? '';
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.checks.clear());
  afterEach(() => harness.checks.assertExchangesMatchSpec());

  const calls = () => harness.checks.exchanges.map((exchange) => `${exchange.method} ${exchange.path.replace(/\/\d{6,}(?=\/|$)/g, '/GID')} ${exchange.status}`);

  /** A task with a priority, a comment from someone else, a system story and an attachment. */
  const taskWithHistory = async (): Promise<string> => {
    const { key } = await harness.adapter.createItem({
      projectKey: bugs,
      type: 'Task',
      summary: 'Crash on start',
      description: richTextFromPlain('Old words'),
      assigneeEmail: 'ada@acme.example',
      priority: 'Low',
    });
    await harness.adapter.addComment(key, richTextFromPlain('Seen on Android'));
    await harness.adapter.uploadAttachment(key, { filename: 'log.txt', mimeType: 'text/plain', content: new TextEncoder().encode('trace') });
    const grace = harness.emulator.state.people.find((person) => person.email === 'grace@acme.example');
    harness.emulator.state.save('stories', {
      gid: harness.emulator.state.nextGid(),
      taskGid: key,
      type: 'comment',
      resourceSubtype: 'comment_added',
      text: 'Also on iOS',
      htmlText: '<body>Also on iOS</body>',
      createdByGid: grace?.gid ?? '',
      createdAt: new Date(harness.timers.clock.now()).toISOString(),
      isEdited: false,
    });
    return key;
  };

  /** As the engine does: read the task, let time pass (the script runs), write; then a fresh read to compare with. */
  const writeAfterRead = async (key: string, changes: ItemChanges) => {
    await harness.adapter.getItem(key);
    harness.timers.advance(1_500);
    harness.checks.clear();
    const written = await harness.adapter.updateItemReturningItem(key, changes);
    const made = calls();
    return { made, written, fresh: await harness.adapter.getItem(key) };
  };

  it.each<[string, ItemChanges]>([
    ['a summary', { summary: 'Crash on start (Android)' }],
    ['a status', { status: 'completed' }],
    ['a description', { description: richTextFromPlain('New words\n\nWith a second paragraph') }],
    ['a priority', { priority: 'High' }],
    ['an assignee', { assigneeEmail: 'grace@acme.example' }],
  ])('answers %s change with one PUT, the item equal to a read right after it, comments and attachments included', async (_name, changes) => {
    const key = await taskWithHistory();

    const { made, written, fresh } = await writeAfterRead(key, changes);

    expect(made.filter((call) => !call.startsWith('GET /api/1.0/users/'))).toEqual(['PUT /api/1.0/tasks/GID 200']);
    expect(written).toEqual(fresh);
    expect(written?.comments.map((comment) => comment.author?.email)).toEqual(['sam@acme.example', 'grace@acme.example']);
    expect(written?.attachments.map((attachment) => attachment.filename)).toEqual(['log.txt']);
    expect(written?.updated).toBe(harness.emulator.state.find('tasks', key)?.modifiedAt);
  });

  it('writes a custom field change with one PUT and answers with the value Asana shows for it', async () => {
    const { key } = await harness.adapter.createItem({ projectKey: bugs, type: 'Task', summary: 'Route me' });
    harness.emulator.state.save('customFields', {
      gid: harness.emulator.state.nextGid(),
      workspaceGid: harness.emulator.state.find('tasks', key)?.workspaceGid ?? '',
      name: 'Team',
      type: 'text',
      enumOptions: [],
      projectGids: [bugs],
    });

    const { made, written, fresh } = await writeAfterRead(key, { customFields: { Team: 'Mobile' } });

    expect(made).toEqual(['PUT /api/1.0/tasks/GID 200']);
    expect(written).toEqual(fresh);
    expect(written?.customFields['Team']).toBe('Mobile');
  });

  it('reads the task after a section move, which the PUT answer would not show, and answers with that read', async () => {
    const key = await taskWithHistory();

    const { made, written, fresh } = await writeAfterRead(key, { status: 'completed', customFields: { Section: 'Done' } });

    expect(made.at(-1)).toBe('POST /api/1.0/batch 200');
    expect(made).toContain('POST /api/1.0/sections/GID/addTask 200');
    expect(written).toEqual(fresh);
    expect(written).toMatchObject({ status: 'completed', customFields: { Section: 'Done' } });
  });

  it('reads the task after the write when no read of it came before, as a write without one always did', async () => {
    const key = await taskWithHistory();
    harness.checks.clear();

    const written = await harness.adapter.updateItemReturningItem(key, { summary: 'Unread' });

    expect(calls()).toEqual(['PUT /api/1.0/tasks/GID 200', 'POST /api/1.0/batch 200']);
    expect(written).toEqual(await harness.adapter.getItem(key));
  });

  it('reads the task again when its read is older than the write at hand (past 30 seconds)', async () => {
    const key = await taskWithHistory();
    await harness.adapter.getItem(key);
    harness.timers.advance(31_000);
    harness.checks.clear();

    const written = await harness.adapter.updateItemReturningItem(key, { summary: 'Late' });

    expect(calls()).toEqual(['PUT /api/1.0/tasks/GID 200', 'POST /api/1.0/batch 200']);
    expect(written).toEqual(await harness.adapter.getItem(key));
  });

  it("reads the task again after the node's own comment or attachment on it, which the last read did not have", async () => {
    const key = await taskWithHistory();
    await harness.adapter.getItem(key);
    await harness.adapter.addComment(key, richTextFromPlain('Synced comment'));
    harness.checks.clear();

    const afterComment = await harness.adapter.updateItemReturningItem(key, { summary: 'After a comment' });

    expect(calls()).toEqual(['PUT /api/1.0/tasks/GID 200', 'POST /api/1.0/batch 200']);
    expect(afterComment?.comments.map((comment) => comment.body)).toContainEqual(richTextFromPlain('Synced comment'));
    await harness.adapter.uploadAttachment(key, { filename: 'second.txt', mimeType: 'text/plain', content: new TextEncoder().encode('more') });
    harness.checks.clear();

    const afterAttachment = await harness.adapter.updateItemReturningItem(key, { summary: 'After an attachment' });

    expect(calls()).toEqual(['PUT /api/1.0/tasks/GID 200', 'POST /api/1.0/batch 200']);
    expect(afterAttachment?.attachments.map((attachment) => attachment.filename)).toEqual(['log.txt', 'second.txt']);
  });

  it('says a task Asana does not have is not found, and writes nothing', async () => {
    await expect(harness.adapter.updateItemReturningItem('987654321', { summary: 'Nowhere' })).rejects.toMatchObject({ code: 'not_found' });
  });
});

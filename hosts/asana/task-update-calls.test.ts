import { richTextFromPlain, type ItemChanges, type TrackerItem } from '../../core';
import { startAsanaHarness, type AsanaHarness } from '../../test/support/asana-harness';
import { AsanaClient } from './asana-client';
import { TaskWriter } from './task-writer';

/**
 * The requests an update costs, and that what it writes is what the write after a read of the
 * task writes: a summary, description, status or assignee change is one PUT; the parts named by
 * gid (custom fields, tags, parent, section) still read the task first.
 */
describe('Asana task updates: requests per change', () => {
  let harness: AsanaHarness;
  let bugs: string;
  /** The same writer the adapter uses, always given the task as read first: the write before this change. */
  let readFirst: { update(key: string, changes: ItemChanges): Promise<void> };

  beforeAll(async () => {
    harness = await startAsanaHarness();
    bugs = harness.emulator.state.projects.find((project) => project.name === 'Bugs')?.gid ?? '';
    const writer = new TaskWriter(
      new AsanaClient({
        baseUrl: harness.server.mountUrl,
        authorization: harness.emulator.authorization,
        fetch: harness.checks.fetch,
        clock: harness.timers.clock,
        sleep: harness.timers.sleep,
      }),
    );
    readFirst = {
      update: async (key, changes) => {
        await writer.update(key, changes, await writer.read(key));
      },
    };
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.checks.clear());
  afterEach(() => harness.checks.assertExchangesMatchSpec());

  const calls = () => harness.checks.exchanges.map((exchange) => `${exchange.method} ${exchange.path.replace(/\/\d{6,}(?=\/|$)/g, '/GID')} ${exchange.status}`);
  /** What a user sees of a task, without what differs between two tasks (key, link, times). */
  const seen = (item: TrackerItem | undefined) => {
    if (item === undefined) return undefined;
    const { key: _key, url: _url, updated: _updated, ...rest } = item;
    return rest;
  };
  /** Two tasks alike; `changes` written to one by the adapter and to the other after a read; the adapter's requests. */
  const writeBothWays = async (changes: ItemChanges) => {
    const twins = [];
    for (let index = 0; index < 2; index++)
      twins.push(
        await harness.adapter.createItem({
          projectKey: bugs,
          type: 'Task',
          summary: 'Before',
          description: richTextFromPlain('Old words'),
          assigneeEmail: 'ada@acme.example',
          labels: ['mobile'],
          priority: 'Low',
        }),
      );
    const [mine, reference] = twins.map((twin) => twin.key) as [string, string];
    harness.checks.clear();
    await harness.adapter.updateItem(mine, changes);
    const made = calls();
    await readFirst.update(reference, changes);
    return { made, written: await harness.adapter.getItem(mine), reference: await harness.adapter.getItem(reference) };
  };

  it('writes a summary change with one PUT, the task as the write after a read leaves it', async () => {
    const { made, written, reference } = await writeBothWays({ summary: 'After' });

    expect(made).toEqual(['PUT /api/1.0/tasks/GID 200']);
    expect(written?.summary).toBe('After');
    expect(seen(written)).toEqual(seen(reference));
  });

  it('writes description, status and assignee together with one PUT', async () => {
    const changes: ItemChanges = { description: richTextFromPlain('New words'), status: 'completed', assigneeEmail: 'grace@acme.example' };
    const { made, written, reference } = await writeBothWays(changes);

    expect(made).toEqual(['PUT /api/1.0/tasks/GID 200']);
    expect(written).toMatchObject({ description: richTextFromPlain('New words'), status: 'completed', assignee: { email: 'grace@acme.example' } });
    expect(seen(written)).toEqual(seen(reference));
  });

  it('clears the assignee and reopens a task with one PUT', async () => {
    const { made, written, reference } = await writeBothWays({ assigneeEmail: null, status: 'Incomplete' });

    expect(made).toEqual(['PUT /api/1.0/tasks/GID 200']);
    expect(written).toMatchObject({ assignee: null, status: 'incomplete' });
    expect(seen(written)).toEqual(seen(reference));
  });

  it('writes a priority right after creating the task with one PUT: the creation named the field and its options by gid', async () => {
    const { made, written, reference } = await writeBothWays({ summary: 'After', priority: 'High' });

    expect(made).toEqual(['PUT /api/1.0/tasks/GID 200']);
    expect(written).toMatchObject({ summary: 'After', priority: 'High' });
    expect(seen(written)).toEqual(seen(reference));
  });

  it('writes a priority with one PUT right after a read of the task, as the sync engine reads before it writes', async () => {
    const { key } = await harness.adapter.createItem({ projectKey: bugs, type: 'Task', summary: 'Triage', priority: 'Low' });
    await harness.adapter.getItem(key);
    harness.checks.clear();

    await harness.adapter.updateItem(key, { status: 'completed', priority: 'High' });

    expect(calls()).toEqual(['PUT /api/1.0/tasks/GID 200']);
    await expect(harness.adapter.getItem(key)).resolves.toMatchObject({ status: 'completed', priority: 'High' });
  });

  it('reads the task again when the read it has is over a minute old', async () => {
    const { key } = await harness.adapter.createItem({ projectKey: bugs, type: 'Task', summary: 'Slow', priority: 'Low' });
    await harness.adapter.getItem(key);
    harness.timers.advance(61_000);
    harness.checks.clear();

    await harness.adapter.updateItem(key, { priority: 'Medium' });

    expect(calls()).toEqual(['GET /api/1.0/tasks/GID 200', 'PUT /api/1.0/tasks/GID 200']);
    await expect(harness.adapter.getItem(key)).resolves.toMatchObject({ priority: 'Medium' });
  });

  it('writes an option replaced in Asana since the read: refused once by its old gid, then read and written by the new one', async () => {
    const { key } = await harness.adapter.createItem({ projectKey: bugs, type: 'Task', summary: 'Renamed options', priority: 'Low' });
    await harness.adapter.getItem(key);
    const field = harness.emulator.state.list('customFields').find((candidate) => candidate.name === 'Priority' && candidate.projectGids.includes(bugs))!;
    harness.emulator.state.save('customFields', {
      ...field,
      enumOptions: field.enumOptions.map((option) => (option.name === 'High' ? { ...option, gid: harness.emulator.state.nextGid() } : option)),
    });
    harness.checks.clear();

    await harness.adapter.updateItem(key, { priority: 'High' });

    expect(calls()).toEqual(['PUT /api/1.0/tasks/GID 400', 'GET /api/1.0/tasks/GID 200', 'PUT /api/1.0/tasks/GID 200']);
    await expect(harness.adapter.getItem(key)).resolves.toMatchObject({ priority: 'High' });
  });

  it('reads the task when the field to write was added to its project since the read', async () => {
    const { key } = await harness.adapter.createItem({ projectKey: bugs, type: 'Task', summary: 'New field' });
    await harness.adapter.getItem(key);
    harness.emulator.state.save('customFields', {
      gid: harness.emulator.state.nextGid(),
      workspaceGid: harness.emulator.state.find('tasks', key)!.workspaceGid,
      name: 'Team',
      type: 'text',
      enumOptions: [],
      projectGids: [bugs],
    });
    harness.checks.clear();

    await harness.adapter.updateItem(key, { customFields: { Team: 'Core' } });

    expect(calls()).toEqual(['GET /api/1.0/tasks/GID 200', 'PUT /api/1.0/tasks/GID 200']);
    await expect(harness.adapter.getItem(key)).resolves.toMatchObject({ customFields: { Team: 'Core' } });
  });

  it('reads the task before changing its tags, which are removed by gid', async () => {
    const { made, written, reference } = await writeBothWays({ labels: ['web'] });

    expect(made[0]).toBe('GET /api/1.0/tasks/GID 200');
    expect(written?.labels).toEqual(['web']);
    expect(seen(written)).toEqual(seen(reference));
  });

  it('says a task Asana does not have is not found, as the read before the write said, and writes nothing', async () => {
    const before = harness.emulator.state.list('tasks').length;

    await expect(harness.adapter.updateItem('987654321', { summary: 'Nowhere' })).rejects.toMatchObject({
      code: 'not_found',
      message: "Asana has no task 987654321 (or the node's user cannot see it).",
    });
    await expect(harness.adapter.updateItem('not-a-task', { summary: 'Nowhere' })).rejects.toMatchObject({
      code: 'not_found',
      message: "Asana has no task not-a-task (or the node's user cannot see it).",
    });
    expect(calls()).toEqual(['PUT /api/1.0/tasks/GID 404']);
    expect(harness.emulator.state.list('tasks').length).toBe(before);
  });

  it('refuses a status Asana does not have before any request, and leaves the task as it was', async () => {
    const { key } = await harness.adapter.createItem({ projectKey: bugs, type: 'Task', summary: 'Strict' });
    harness.checks.clear();

    await expect(harness.adapter.updateItem(key, { summary: 'Changed', status: 'In Progress' })).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringContaining(`Asana cannot set task ${key} to the status "In Progress"`),
    });
    expect(calls()).toEqual([]);
    expect(harness.emulator.state.find('tasks', key)?.name).toBe('Strict');
  });
});

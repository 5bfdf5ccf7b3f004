import { ExalateError, richTextFromPlain, type TrackerItem, type TrackerUser } from '../../core';
import { checkResponseAgainstSpec } from '../../test/spec/openapi-validator';
import { checkRequestAgainstSpec } from '../../test/spec/request-validator';
import { asanaTolerances, startAsanaHarness, type AsanaHarness } from '../../test/support/asana-harness';
import { readTrigger } from '../../test/support/read-trigger';
import { AsanaAdapter } from './adapter';
import { attachmentPageSchema, storyPageSchema, taskEnvelopeSchema, userEnvelopeSchema } from './asana-responses';
import { taskOptFields, toTrackerItem } from './task-mapping';

interface RecordedAction {
  readonly method: string;
  readonly relative_path: string;
  readonly data?: Record<string, unknown>;
  readonly options?: { readonly limit?: number; readonly fields?: readonly string[] };
}
interface RecordedResult {
  readonly status_code: number;
  readonly body: unknown;
}

/**
 * The batch half of the Tracker port on Asana (`POST /batch`), against the emulator. Every request
 * and answer is checked against asana.yaml, and so is every action inside a batch and its result,
 * as if it had been sent alone.
 */
describe('AsanaAdapter batch operations', () => {
  let harness: AsanaHarness;
  let adapter: AsanaAdapter;
  let bugs: string;
  let batches: { actions: RecordedAction[]; results: RecordedResult[] }[];

  beforeAll(async () => {
    harness = await startAsanaHarness();
    bugs = harness.emulator.state.projects.find((project) => project.name === 'Bugs')?.gid ?? '';
  });
  afterAll(() => harness.close());
  beforeEach(() => {
    // A fresh adapter each test (no remembered people), its batches recorded to check each action.
    batches = [];
    adapter = new AsanaAdapter({
      baseUrl: harness.server.mountUrl,
      authorization: harness.emulator.authorization,
      clock: harness.timers.clock,
      sleep: harness.timers.sleep,
      random: harness.timers.random,
      fetch: async (input, init) => {
        const request = new Request(input, init);
        const sent = request.body === null ? '' : await request.clone().text();
        const response = await harness.checks.fetch(input, init);
        if (new URL(request.url).pathname.endsWith('/api/1.0/batch') && response.status === 200) {
          const actions = (JSON.parse(sent) as { data: { actions: RecordedAction[] } }).data.actions;
          batches.push({ actions, results: ((await response.clone().json()) as { data: RecordedResult[] }).data });
        }
        return response;
      },
    });
    harness.checks.clear();
  });
  afterEach(() => {
    harness.checks.assertExchangesMatchSpec();
    expect(batchActionsAgainstSpec()).toEqual([]);
  });

  const calls = () => harness.checks.exchanges.map((exchange) => `${exchange.method} ${exchange.path.replace(/\/\d{6,}(?=\/|$)/g, '/GID')} ${exchange.status}`);
  const tasksNamed = (name: string) => harness.emulator.state.list('tasks').filter((task) => task.name === name);

  it('reads a task, its comments and its attachments in one call, the item three separate requests give', async () => {
    const { key } = await adapter.createItem({ projectKey: bugs, type: 'Task', summary: 'Read at once', assigneeEmail: 'grace@acme.example' });
    await adapter.addComment(key, richTextFromPlain('A first comment'));
    await adapter.uploadAttachment(key, { filename: 'trace.txt', mimeType: 'text/plain', content: new TextEncoder().encode('stack') });
    harness.checks.clear();

    const item = await adapter.getItem(key);

    // One batch for the task; the two people it names (creator, assignee) in one more.
    expect(calls()).toEqual(['POST /api/1.0/batch 200', 'POST /api/1.0/batch 200']);
    expect(batches[0]!.actions.map((action) => `${action.method} ${action.relative_path}`)).toEqual([
      `get /tasks/${key}`,
      `get /tasks/${key}/stories`,
      'get /attachments',
    ]);
    expect(item).toEqual(await readWithSeparateRequests(key));
    expect(item).toMatchObject({
      summary: 'Read at once',
      assignee: { email: 'grace@acme.example' },
      comments: [{ body: richTextFromPlain('A first comment') }],
      attachments: [{ filename: 'trace.txt', size: 5 }],
    });
    harness.checks.clear();
    await adapter.getItem(key);
    expect(calls()).toEqual(['POST /api/1.0/batch 200']);
    await expect(adapter.getItem('987654321')).resolves.toBeUndefined();
  });

  it('reads a page of whole tasks with one list request and one batch per five tasks, the items one read each gives', async () => {
    const project = harness.emulator.state.projects.find((candidate) => candidate.name === 'Roadmap')?.gid ?? '';
    const keys: string[] = [];
    for (let index = 0; index < 7; index += 1) keys.push((await adapter.createItem({ projectKey: project, type: 'Task', summary: `Paged ${index}` })).key);
    await adapter.addComment(keys[3]!, richTextFromPlain('Only this one has a comment'));
    await adapter.getItem(keys[0]!); // the creator, remembered: the count below is the tasks' alone
    const trigger = readTrigger(`project = ${project}`, 'asana');
    const total = (await adapter.searchItems(trigger, { cursor: null, limit: 100 })).keys.length;
    harness.checks.clear();

    const page = await adapter.batch.searchItemsWithFields(trigger, { cursor: null, limit: 100 });

    expect(calls()).toEqual([`GET /api/1.0/projects/GID/tasks 200`, ...Array.from({ length: Math.ceil(total / 5) }, () => 'POST /api/1.0/batch 200')]);
    expect(page.items.map((item) => item.key)).toEqual((await adapter.searchItems(trigger, { cursor: null, limit: 100 })).keys);
    expect(page.items.map((item) => item.key)).toEqual(expect.arrayContaining(keys));
    for (const item of page.items) expect(item).toEqual(await adapter.getItem(item.key));
    expect(page.items.find((item) => item.key === keys[3])?.comments).toHaveLength(1);
  });

  it('pages the search by the cursor Asana gives, and keeps only completed tasks when the trigger asks', async () => {
    const { key: open } = await adapter.createItem({ projectKey: bugs, type: 'Task', summary: 'Still open' });
    const { key: done } = await adapter.createItem({ projectKey: bugs, type: 'Task', summary: 'Done already', status: 'completed' });

    const first = await adapter.batch.searchItemsWithFields(readTrigger(`project = ${bugs}`, 'asana'), { cursor: null, limit: 1 });
    const second = await adapter.batch.searchItemsWithFields(readTrigger(`project = ${bugs}`, 'asana'), { cursor: first.nextCursor, limit: 1 });
    const completed = await adapter.batch.searchItemsWithFields(readTrigger(`project = ${bugs} AND completed = true`, 'asana'), { cursor: null, limit: 100 });

    expect(first.items).toHaveLength(1);
    expect(second.items).toHaveLength(1);
    expect(second.items[0]!.key).not.toBe(first.items[0]!.key);
    expect(completed.items.map((item) => item.key)).toContain(done);
    expect(completed.items.map((item) => item.key)).not.toContain(open);
    expect(completed.items.every((item) => item.status === 'completed')).toBe(true);
  });

  it('leaves out of a page a task deleted between the list and the batch that reads its comments', async () => {
    const project = harness.emulator.state.projects.find((candidate) => candidate.name === 'Roadmap')?.gid ?? '';
    const { key: kept } = await adapter.createItem({ projectKey: project, type: 'Task', summary: 'Kept on the page' });
    const { key: deleted } = await adapter.createItem({ projectKey: project, type: 'Task', summary: 'Deleted meanwhile' });
    const racing = new AsanaAdapter({
      baseUrl: harness.server.mountUrl,
      authorization: harness.emulator.authorization,
      ...harness.timers,
      fetch: async (input, init) => {
        const response = await harness.checks.fetch(input, init);
        if (new URL(new Request(input, init).url).pathname.endsWith(`/projects/${project}/tasks`)) harness.emulator.state.remove('tasks', deleted);
        return response;
      },
    });

    const page = await racing.batch.searchItemsWithFields(readTrigger(`project = ${project}`, 'asana'), { cursor: null, limit: 100 });

    expect(page.items.map((item) => item.key)).toContain(kept);
    expect(page.items.map((item) => item.key)).not.toContain(deleted);
  });

  it('reads when tasks last changed, ten a call, and leaves out one that does not exist', async () => {
    const keys: string[] = [];
    for (let index = 0; index < 11; index += 1) keys.push((await adapter.createItem({ projectKey: bugs, type: 'Task', summary: `Timed ${index}` })).key);
    await adapter.updateItem(keys[4]!, { summary: 'Timed again' });
    harness.checks.clear();

    const times = await adapter.batch.readUpdatedTimes([...keys, '987654321', 'not-a-gid']);

    expect(calls()).toEqual(['POST /api/1.0/batch 200', 'POST /api/1.0/batch 200']);
    const expected: [string, string][] = [];
    for (const key of keys) expected.push([key, (await adapter.getItem(key))!.updated]);
    expect([...times.entries()]).toEqual(expected);
    expect(times.get(keys[4]!)).toBe(harness.emulator.state.find('tasks', keys[4]!)?.modifiedAt);
  });

  it('creates several tasks in one call, the accepted ones exactly once, each refusal for its own task in Asana words', async () => {
    const outcomes = await adapter.batch.createItems([
      { projectKey: bugs, type: 'Task', summary: 'Batch plain', description: richTextFromPlain('Made together') },
      { projectKey: bugs, type: 'Task', summary: 'Batch refused by Asana', assigneeEmail: 'nobody@nowhere.example' },
      { projectKey: bugs, type: 'Epic', summary: 'Batch refused here' },
      { projectKey: bugs, type: 'Milestone', summary: 'Batch with more', labels: ['batch'], priority: 'High', customFields: { Section: 'Done' } },
    ]);

    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false, false, true]);
    const byAsana = outcomes[1]!;
    expect(!byAsana.ok && ExalateError.isInstance(byAsana.error) && byAsana.error.message).toContain('assignee: Not a recognized ID: nobody@nowhere.example');
    expect(!byAsana.ok && byAsana.error.code).toBe('invalid_request');
    const byType = outcomes[2]!;
    expect(!byType.ok && byType.error.message).toContain('Asana has no task type "Epic"');
    expect(tasksNamed('Batch plain')).toHaveLength(1);
    expect(tasksNamed('Batch with more')).toHaveLength(1);
    expect(tasksNamed('Batch refused by Asana')).toHaveLength(0);
    expect(tasksNamed('Batch refused here')).toHaveLength(0);
    // The two creations went in one batch; the refused type never reached Asana.
    const creations = batches.filter((batch) => batch.actions.some((action) => action.method === 'post'));
    expect(creations).toHaveLength(1);
    expect(creations[0]!.actions.map((action) => (action.data as { name: string }).name)).toEqual(['Batch plain', 'Batch refused by Asana', 'Batch with more']);
    for (const outcome of outcomes) if (outcome.ok) expect(outcome.written).toEqual(await adapter.getItem(outcome.key));
    expect(outcomes[3]).toMatchObject({ written: { type: 'Milestone', labels: ['batch'], priority: 'High', customFields: { Section: 'Done' } } });
  });

  it('answers creations whose follow-up is one PUT (a priority) with that PUT, and reads only those with tags or a section', async () => {
    harness.checks.clear();

    const outcomes = await adapter.batch.createItems([
      { projectKey: bugs, type: 'Task', summary: 'Batch prioritised', priority: 'High' },
      { projectKey: bugs, type: 'Task', summary: 'Batch tagged', priority: 'Low', labels: ['tagged'] },
    ]);

    const reads = batches.filter((batch) => batch.actions.every((action) => action.method === 'get' && /^\/tasks\/\d+$/.test(action.relative_path)));
    expect(reads.map((batch) => batch.actions.map((action) => action.relative_path))).toEqual([[`/tasks/${outcomes[1]?.ok ? outcomes[1].key : ''}`]]);
    for (const outcome of outcomes) if (outcome.ok) expect(outcome.written).toEqual(await adapter.getItem(outcome.key));
    expect(outcomes[0]).toMatchObject({ ok: true, written: { summary: 'Batch prioritised', priority: 'High' } });
  });

  it('creates what the one-item create creates, item for item', async () => {
    const item = {
      projectKey: bugs,
      type: 'Task',
      summary: 'Twice the same',
      description: richTextFromPlain('Same words'),
      assigneeEmail: 'ada@acme.example',
      labels: ['same', 'twice'],
      priority: 'Low',
      status: 'completed',
    } as const;

    const [batched] = await adapter.batch.createItems([item]);
    const { key: single } = await adapter.createItem(item);

    expect(batched?.ok).toBe(true);
    const fromBatch = await adapter.getItem(batched!.ok ? batched!.key : '');
    const fromSingle = await adapter.getItem(single);
    const sameness = (read: TrackerItem | undefined) => ({ ...read, key: '', url: '', updated: '', labels: [...(read?.labels ?? [])].sort() });
    expect(sameness(fromBatch)).toEqual(sameness(fromSingle));
  });

  it('creates ten tasks a call and more in the next', async () => {
    const items = Array.from({ length: 12 }, (_unused, index) => ({ projectKey: bugs, type: 'Task', summary: `Dozen ${index}` }));

    const outcomes = await adapter.batch.createItems(items);

    expect(adapter.batch.maximumCreateBatch).toBe(10);
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    expect(batches.filter((batch) => batch.actions.some((action) => action.method === 'post')).map((batch) => batch.actions.length)).toEqual([10, 2]);
    for (const [index] of items.entries()) expect(tasksNamed(`Dozen ${index}`)).toHaveLength(1);
  });

  it('repeats a batch of creations refused with 429 as a whole, and creates each task once', async () => {
    harness.emulator.rateLimit.start({ retryAfterSeconds: 7, requests: 1 });
    const waitsBefore = harness.timers.waits.length;

    const outcomes = await adapter.batch.createItems([
      { projectKey: bugs, type: 'Task', summary: 'Throttled one' },
      { projectKey: bugs, type: 'Task', summary: 'Throttled two' },
    ]);

    expect(calls().slice(0, 2)).toEqual(['POST /api/1.0/batch 429', 'POST /api/1.0/batch 200']);
    expect(harness.timers.waits.slice(waitsBefore)[0]).toBeGreaterThanOrEqual(7000);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true]);
    expect(tasksNamed('Throttled one')).toHaveLength(1);
    expect(tasksNamed('Throttled two')).toHaveLength(1);
  });

  it('throws when Asana cannot say whether a task was created, after finishing the ones it did create', async () => {
    const failing = new AsanaAdapter({
      baseUrl: harness.server.mountUrl,
      authorization: harness.emulator.authorization,
      ...harness.timers,
      fetch: async (input, init) => {
        const response = await harness.checks.fetch(input, init);
        if (!new URL(new Request(input, init).url).pathname.endsWith('/batch')) return response;
        // Asana answered the second action with a server error: it may or may not have created it.
        const answer = (await response.json()) as { data: RecordedResult[] };
        const results = answer.data.map((result, index) =>
          index === 1 ? { status_code: 500, headers: {}, body: { errors: [{ message: 'Server Error' }] } } : result,
        );
        return new Response(JSON.stringify({ data: results }), { status: 200, headers: { 'content-type': 'application/json' } });
      },
    });

    await expect(
      failing.batch.createItems([
        { projectKey: bugs, type: 'Task', summary: 'Known one', labels: ['known'] },
        { projectKey: bugs, type: 'Task', summary: 'Unknown one' },
      ]),
    ).rejects.toMatchObject({ code: 'tracker_unavailable', isRetryable: true });
    expect(tasksNamed('Known one')).toHaveLength(1);
    expect(harness.emulator.state.find('tasks', tasksNamed('Known one')[0]!.gid)?.tagGids).toHaveLength(1);
    batches = [];
  });

  /** Every action of every batch, and its result, against the operation it names in asana.yaml. */
  function batchActionsAgainstSpec(): string[] {
    const failures: string[] = [];
    for (const { actions, results } of batches) {
      for (const [index, action] of actions.entries()) {
        const method = action.method.toUpperCase();
        const path = `/api/1.0${action.relative_path}`;
        const writes = method === 'POST' || method === 'PUT';
        const query = new URLSearchParams();
        if (!writes) for (const [name, value] of Object.entries(action.data ?? {})) query.set(name, String(value));
        if (action.options?.limit !== undefined) query.set('limit', String(action.options.limit));
        if (action.options?.fields !== undefined) query.set('opt_fields', action.options.fields.join(','));
        const request = checkRequestAgainstSpec('asana', {
          method,
          path,
          query,
          contentType: writes ? 'application/json' : undefined,
          body: writes ? { data: action.data } : undefined,
          hasBody: writes,
        });
        if (request.outcome !== 'valid') failures.push(`${method} ${path}: ${JSON.stringify(request)}`);
        const result = results[index]!;
        const response = checkResponseAgainstSpec('asana', { method, path, status: result.status_code, body: result.body });
        const errors =
          response.outcome === 'invalid'
            ? response.errors.filter((error) => !asanaTolerances.some((tolerance) => tolerance.applies(error, { responseBody: result.body } as never)))
            : [];
        if (response.outcome === 'undescribed' || errors.length > 0)
          failures.push(`${method} ${path} → ${result.status_code}: ${JSON.stringify(errors.length > 0 ? errors : response)}`);
      }
    }
    return failures;
  }

  /** The item as three plain requests (task, stories, attachments) and one per person give it. */
  async function readWithSeparateRequests(key: string): Promise<TrackerItem> {
    const get = async (path: string) => {
      const response = await fetch(`${harness.server.mountUrl}/api/1.0${path}`, { headers: { Authorization: harness.emulator.authorization } });
      return (await response.json()) as unknown;
    };
    const task = taskEnvelopeSchema.parse(await get(`/tasks/${key}?opt_fields=${taskOptFields}`)).data;
    const stories = storyPageSchema.parse(
      await get(`/tasks/${key}/stories?limit=100&opt_fields=type,resource_subtype,text,html_text,created_at,created_by,created_by.name`),
    ).data;
    const attachments = attachmentPageSchema.parse(await get(`/attachments?parent=${key}&limit=100&opt_fields=name,size,created_at`)).data;
    const people = new Map<string, TrackerUser | null>();
    for (const gid of new Set([task.assignee?.gid, task.created_by?.gid, ...stories.map((story) => story.created_by?.gid)])) {
      if (gid === undefined) continue;
      const user = userEnvelopeSchema.parse(await get(`/users/${gid}?opt_fields=name,email`)).data;
      people.set(gid, { email: user.email ?? null, displayName: user.name ?? '', id: gid });
    }
    return toTrackerItem(task, people, stories, attachments);
  }
});

import { checkResponseAgainstSpec } from '../../../test/spec/openapi-validator';
import { createAsanaEmulator } from './index';
import { startAsanaHarness, type AsanaHarness } from '../../../test/support/asana-harness';

/** A raw call to the emulator, with the check of its answer against asana.yaml. */
async function callEmulator(harness: AsanaHarness, method: string, path: string, body?: unknown) {
  const response = await fetch(`${harness.server.mountUrl}/api/1.0${path}`, {
    method,
    headers: { Authorization: harness.emulator.authorization, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json: unknown = await response.json();
  // Every answer, refusals included, must be one asana.yaml allows.
  const check = checkResponseAgainstSpec('asana', { method, path: `/api/1.0${path.split('?')[0] ?? ''}`, status: response.status, body: json });
  return { status: response.status, body: json, check, retryAfter: response.headers.get('retry-after') };
}

describe('Asana emulator: refusals and state as Asana has them', () => {
  let harness: AsanaHarness;
  let bugs: string;
  const call = (method: string, path: string, body?: unknown) => callEmulator(harness, method, path, body);

  beforeAll(async () => {
    harness = await startAsanaHarness();
    bugs = harness.emulator.state.projects.find((project) => project.name === 'Bugs')?.gid ?? '';
  });
  afterAll(() => harness.close());

  it('refuses html_notes without a <body> root, as Asana validates rich text', async () => {
    const answer = await call('POST', '/tasks', { data: { name: 'x', projects: [bugs], html_notes: '<p>not Asana</p>' } });

    expect(answer).toMatchObject({ status: 400, body: { errors: [{ message: expect.stringContaining('<body>') }] }, check: { outcome: 'valid' } });
  });

  it('refuses to change the parent through PUT, pointing to setParent', async () => {
    const created = await call('POST', '/tasks', { data: { name: 'child', projects: [bugs] } });
    const gid = (created.body as { data: { gid: string } }).data.gid;

    const answer = await call('PUT', `/tasks/${gid}`, { data: { parent: gid } });

    expect(answer).toMatchObject({ status: 400, body: { errors: [{ message: expect.stringContaining('setParent') }] } });
  });

  it('asks for exactly one list to read tasks from', async () => {
    await expect(call('GET', '/tasks')).resolves.toMatchObject({
      status: 400,
      body: { errors: [{ message: expect.stringContaining('Must specify exactly one of project') }] },
    });
  });

  it('answers 429 with Retry-After during a rate limit storm', async () => {
    harness.emulator.rateLimit.start({ retryAfterSeconds: 30, requests: 1 });

    const throttled = await call('GET', `/tasks?project=${bugs}`);
    const after = await call('GET', `/tasks?project=${bugs}`);

    expect(throttled).toMatchObject({ status: 429, retryAfter: '30', body: { errors: [{ message: expect.any(String) }] } });
    expect(after.status).toBe(200);
    expect(harness.emulator.rateLimit.refusedCount).toBe(1);
  });

  it('keeps tasks, stories, tags and webhooks through toJSON and restore, and reads snapshots from before them', async () => {
    const { key } = await harness.adapter.createItem({ projectKey: bugs, type: 'Task', summary: 'Kept', labels: ['kept'] });
    await harness.adapter.addComment(key, { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'also kept' }] }] });
    const snapshot = JSON.parse(JSON.stringify(harness.emulator.state)) as Record<string, unknown>;
    const restored = createAsanaEmulator();

    restored.state.restore(snapshot);

    expect(restored.state.find('tasks', key)?.name).toBe('Kept');
    expect(
      restored.state
        .list('stories')
        .filter((story) => story.taskGid === key && story.type === 'comment')
        .map((story) => story.text),
    ).toEqual(['also kept']);
    expect(restored.state.list('tags').map((tag) => tag.name)).toContain('kept');
    expect(restored.state.nextGid()).not.toBe(key);
    const {
      people: _p,
      sections: _s,
      tags: _t,
      customFields: _c,
      tasks: _k,
      stories: _y,
      attachments: _a,
      webhooks: _w,
      events: _e,
      lastEventSequence: _l,
      ...firstFormat
    } = snapshot;
    expect(() => restored.state.restore(firstFormat)).not.toThrow();
    expect(restored.state.list('tasks')).toEqual([]);
  });
});

describe('Asana emulator: an event is stamped with the instant of the change it tells of', () => {
  let harness: AsanaHarness;
  let bugs: string;
  let now = Date.parse('2026-03-01T10:00:00.000Z');
  // A clock that moves on at every reading, as a real one does between two steps of one request.
  const ticking = { now: () => (now += 7) };

  beforeAll(async () => {
    harness = await startAsanaHarness({ emulatorClock: ticking });
    bugs = harness.emulator.state.projects.find((project) => project.name === 'Bugs')?.gid ?? '';
  });
  afterAll(() => harness.close());
  afterEach(() => harness.checks.assertExchangesMatchSpec());

  it('gives each event created_at equal to the modified_at its change gave the task, for fields, tags, sections, comments and attachments', async () => {
    // Through the harness's checked fetch: every answer is checked against asana.yaml after the test.
    const events = (query: string) =>
      harness.checks.fetch(`${harness.server.mountUrl}/api/1.0/events?resource=${bugs}${query}`, {
        headers: { Authorization: harness.emulator.authorization },
      });
    const first = await events('');
    let sync = ((await first.json()) as { sync: string }).sync;
    const eventTimesSince = async () => {
      const page = (await (await events(`&sync=${sync}`)).json()) as { data: { created_at: string }[]; sync: string };
      sync = page.sync;
      return page.data.map((event) => event.created_at);
    };
    const { key } = await harness.adapter.createItem({ projectKey: bugs, type: 'Task', summary: 'Ticking' });
    const modifiedAt = () => harness.emulator.state.find('tasks', key)?.modifiedAt;
    const steps: readonly (() => Promise<unknown>)[] = [
      async () => undefined,
      () => harness.adapter.updateItem(key, { summary: 'Ticking, edited', status: 'completed' }),
      () => harness.adapter.updateItem(key, { labels: ['clock'] }),
      () => harness.adapter.updateItem(key, { customFields: { Section: 'Doing' } }),
      () => harness.adapter.addComment(key, { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'tick' }] }] }),
      () => harness.adapter.uploadAttachment(key, { filename: 'tock.txt', mimeType: 'text/plain', content: new TextEncoder().encode('tock') }),
    ];

    const seen: { events: string[]; task: string | undefined }[] = [];
    for (const step of steps) {
      await step();
      seen.push({ events: await eventTimesSince(), task: modifiedAt() });
    }

    expect(first.status).toBe(412);
    for (const { events, task } of seen) {
      expect(events.length).toBeGreaterThan(0);
      expect(events).toEqual(events.map(() => task));
    }
    // The write with two fields: one event per field, both of the one instant.
    expect(seen[1]?.events).toHaveLength(2);
  });
});

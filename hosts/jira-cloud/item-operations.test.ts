import { ExalateError } from '../../core';
import { startEmulatorServer } from '../emulator-kit';
import { jiraHarnessForEachTest, startJiraCloudHarness } from '../../test/support/jira-harness';
import { readTrigger } from '../../test/support/read-trigger';
import { JiraCloudAdapter } from './adapter';
import { createJiraCloudEmulator } from './emulator';

/** Jira Cloud behaviour beyond the shared contract: workflows, people, custom fields, search paging, the emulator's refusals. */
describe('JiraCloudAdapter items', () => {
  const harness = jiraHarnessForEachTest(startJiraCloudHarness);

  it('walks the workflow through an in-progress status and says which statuses are reachable when none leads there', async () => {
    const { key } = await harness.adapter.createItem({ projectKey: 'SUP', type: 'Task', summary: 'Workflow' });

    await harness.adapter.updateItem(key, { status: 'Done' });
    expect((await harness.adapter.getItem(key))!.status).toBe('Done');
    await harness.adapter.updateItem(key, { status: 'Done' });
    const failure = await harness.adapter.updateItem(key, { status: 'Blocked' }).catch((error: unknown) => error);

    expect(ExalateError.isInstance(failure)).toBe(true);
    expect((failure as ExalateError).message).toBe(
      `Jira Cloud at ${harness.server.mountUrl} cannot move ${key} from "Done" to "Blocked": its workflow has no transition from "Done" to "Blocked"; from "Done" it can reach "In Progress". Add a transition to the workflow in Jira, or map the status to a reachable one in the incoming script.`,
    );
    await expect(harness.adapter.getItem(key)).resolves.toMatchObject({ status: 'Done' });
  });

  it('moves an issue one workflow step with the transition read with the issue: the status write is one call', async () => {
    const { key } = await harness.adapter.createItem({ projectKey: 'SUP', type: 'Task', summary: 'One step' });
    await harness.adapter.getItem(key);
    const start = harness.specCheck.exchanges.length;

    await harness.adapter.updateItem(key, { status: 'In Progress' });

    expect(harness.specCheck.exchanges.slice(start).map((exchange) => `${exchange.method} ${new URL(exchange.url).pathname}`)).toEqual([
      `POST /jira-cloud/tracker/rest/api/3/issue/${key}/transitions`,
    ]);
    await expect(harness.adapter.getItem(key)).resolves.toMatchObject({ status: 'In Progress' });
    // The transitions read went with that status: the next status write asks afresh.
    await harness.adapter.updateItem(key, { status: 'Done' });
    await expect(harness.adapter.getItem(key)).resolves.toMatchObject({ status: 'Done' });
  });

  it('asks for the transitions afresh when someone moved the issue after the read, and still arrives', async () => {
    const { key } = await harness.adapter.createItem({ projectKey: 'SUP', type: 'Task', summary: 'Moved meanwhile' });
    await harness.adapter.updateItem(key, { status: 'In Progress' });
    // Read at "In Progress", where "Stop progress" leads to "To Do"; then someone finishes it.
    await harness.adapter.getItem(key);
    const someoneElse = new JiraCloudAdapter({
      baseUrl: harness.server.mountUrl,
      authorization: harness.emulator.authorization,
      fetch: harness.specCheck.fetch,
    });
    await someoneElse.updateItem(key, { status: 'Done' });
    const start = harness.specCheck.exchanges.length;

    await harness.adapter.updateItem(key, { status: 'To Do' });

    await expect(harness.adapter.getItem(key)).resolves.toMatchObject({ status: 'To Do' });
    const exchanges = harness.specCheck.exchanges.slice(start);
    // The transition read with the issue was refused, and the walk from "Done" was read afresh.
    expect(exchanges[0]).toMatchObject({ method: 'POST', status: 400 });
    expect(exchanges.filter((exchange) => exchange.method === 'POST' && exchange.status === 204)).toHaveLength(2);
  });

  it('answers a summary or status edit right after a read with the issue as written, without reading it again', async () => {
    const { key } = await harness.adapter.createItem({ projectKey: 'SUP', type: 'Task', summary: 'Before' });
    const callsOf = async (write: () => Promise<unknown>) => {
      const start = harness.specCheck.exchanges.length;
      const answer = await write();
      return { answer, calls: harness.specCheck.exchanges.slice(start).map((exchange) => `${exchange.method} ${new URL(exchange.url).pathname}`) };
    };
    const withoutTime = (item: unknown) => ({ ...(item as Record<string, unknown>), updated: undefined });

    await harness.adapter.getItem(key);
    const renamed = await callsOf(() => harness.adapter.updateItemReturningItem(key, { summary: 'After' }));
    expect(renamed.calls).toEqual([`PUT /jira-cloud/tracker/rest/api/3/issue/${key}`]);
    expect(withoutTime(renamed.answer)).toEqual(withoutTime(await harness.adapter.getItem(key)));

    const moved = await callsOf(() => harness.adapter.updateItemReturningItem(key, { status: 'in progress' }));
    expect(moved.calls).toEqual([`POST /jira-cloud/tracker/rest/api/3/issue/${key}/transitions`]);
    // The status as the workflow spells it, as a read gives it.
    expect(withoutTime(moved.answer)).toEqual(withoutTime(await harness.adapter.getItem(key)));
    expect(moved.answer).toMatchObject({ status: 'In Progress' });
  });

  it('reads again where the item as written is not known beforehand: no read first, two fields, a summary Jira would trim', async () => {
    const { key } = await harness.adapter.createItem({ projectKey: 'SUP', type: 'Task', summary: 'Before' });
    await expect(harness.adapter.updateItemReturningItem(key, { summary: 'Unread' })).resolves.toBeNull();
    await harness.adapter.getItem(key);
    await expect(harness.adapter.updateItemReturningItem(key, { summary: 'Two', priority: 'High' })).resolves.toBeNull();
    await harness.adapter.getItem(key);
    await expect(harness.adapter.updateItemReturningItem(key, { summary: ' padded ' })).resolves.toBeNull();
    await expect(harness.adapter.getItem(key)).resolves.toMatchObject({ priority: 'High' });
  });

  it('creates in a status, assigns by email, and reads custom fields by the names admins see', async () => {
    const { key } = await harness.adapter.createItem({
      projectKey: 'SUP',
      type: 'Bug',
      summary: 'Full',
      status: 'In Progress',
      assigneeEmail: 'Dana@Acme.example',
      customFields: { 'Customer Tier': 'gold', 'Story Points': 3 },
      parentKey: null,
    });

    const item = await harness.adapter.getItem(key);

    expect(item).toMatchObject({
      status: 'In Progress',
      assignee: { email: 'dana@acme.example', displayName: 'Dana Developer' },
      reporter: { email: 'admin@acme.example' },
      customFields: { 'Customer Tier': 'gold', 'Story Points': 3 },
    });
    await harness.adapter.updateItem(key, { assigneeEmail: null });
    await expect(harness.adapter.getItem(key)).resolves.toMatchObject({ assignee: null });
  });

  it('refuses an unknown assignee or custom field with what to do, before writing anything', async () => {
    const { key } = await harness.adapter.createItem({ projectKey: 'SUP', type: 'Bug', summary: 'Guarded' });

    await expect(harness.adapter.updateItem(key, { summary: 'changed', assigneeEmail: 'ghost@nowhere.example' })).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringContaining('has no user with the email ghost@nowhere.example'),
    });
    await expect(harness.adapter.updateItem(key, { customFields: { 'Favourite Colour': 'blue' } })).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringContaining('has no field named "Favourite Colour"'),
    });
    await expect(harness.adapter.getItem(key)).resolves.toMatchObject({ summary: 'Guarded' });
  });

  it("turns Jira's field errors into a message naming the field", async () => {
    await expect(harness.adapter.createItem({ projectKey: 'SUP', type: 'Bug', summary: 'Bad priority', priority: 'Urgent!' })).rejects.toMatchObject({
      code: 'invalid_request',
      message: expect.stringContaining("priority: Priority name 'Urgent!' is not valid"),
    });
    await expect(harness.adapter.createItem({ projectKey: 'SUP', type: 'Spaceship', summary: 'Bad type' })).rejects.toMatchObject({
      message: expect.stringContaining('issuetype: Specify a valid issue type'),
    });
  });

  it('pages enhanced search with nextPageToken, oldest first, and refuses a condition JQL cannot write', async () => {
    for (let index = 0; index < 5; index += 1) await harness.adapter.createItem({ projectKey: 'DEV', type: 'Task', summary: `Page ${index}` });

    const first = await harness.adapter.searchItems(readTrigger('project = DEV ORDER BY created', 'jira-cloud'), { cursor: null, limit: 2 });
    const second = await harness.adapter.searchItems(readTrigger('project = DEV ORDER BY created', 'jira-cloud'), { cursor: first.nextCursor, limit: 2 });
    const third = await harness.adapter.searchItems(readTrigger('project = DEV ORDER BY created', 'jira-cloud'), { cursor: second.nextCursor, limit: 2 });

    expect([first.keys, second.keys, third.keys]).toEqual([['DEV-1', 'DEV-2'], ['DEV-3', 'DEV-4'], ['DEV-5']]);
    expect(third.nextCursor).toBeNull();
    // Jira has no completed flag: the grammar never reads one from JQL, and the harness.adapter refuses one handed to it.
    await expect(
      harness.adapter.searchItems(
        [
          { field: 'project', operator: '=', values: ['DEV'] },
          { field: 'completed', operator: '=', values: ['true'] },
        ],
        { cursor: null, limit: 2 },
      ),
    ).rejects.toMatchObject({ code: 'invalid_request', message: expect.stringContaining('cannot test "completed"') });
  });

  it("reads changes since a moment in the account's time zone, to the minute", async () => {
    const { key } = await harness.adapter.createItem({ projectKey: 'OPS', type: 'Task', summary: 'Zoned' });
    const updated = Date.parse((await harness.adapter.getItem(key))!.updated);

    const sameMinute = await harness.adapter.listChangedSince('OPS', new Date(updated).toISOString(), { cursor: null, limit: 10 });
    const nextMinute = await harness.adapter.listChangedSince('OPS', new Date(updated + 60_000).toISOString(), { cursor: null, limit: 10 });

    expect(sameMinute.keys).toEqual([key]);
    expect(nextMinute.keys).toEqual([]);
    const sent = harness.specCheck.exchanges
      .map((exchange) => new URL(exchange.url).searchParams.get('jql'))
      .filter((jql) => jql?.includes('updated') === true);
    // 09:00 UTC is 10:00 in Brussels, the account's zone.
    expect(sent[0]).toMatch(/updated >= "2026\/11\/23 10:00"/);
  });
});

describe('the Jira Cloud emulator refuses what Jira refuses', () => {
  it('wants ADF for rich text, X-Atlassian-Token for uploads, and answers 404 for unknown issues', async () => {
    const emulator = createJiraCloudEmulator();
    const server = await startEmulatorServer(emulator.routes, { prefix: '/j' });
    try {
      const headers = { Authorization: emulator.authorization, 'Content-Type': 'application/json' };
      const plainDescription = await fetch(`${server.mountUrl}/rest/api/3/issue`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ fields: { project: { key: 'SUP' }, issuetype: { name: 'Bug' }, summary: 'x', description: 'plain text' } }),
      });
      const form = new FormData();
      form.append('file', new Blob(['x']), 'x.txt');
      emulator.state.work.createIssue({ projectKey: 'SUP', issueTypeId: '10004', summary: 'Target' }, '5b10a2844c20165700ede21g');
      const withoutToken = await fetch(`${server.mountUrl}/rest/api/3/issue/SUP-1/attachments`, {
        method: 'POST',
        headers: { Authorization: emulator.authorization },
        body: form,
      });
      const missing = await fetch(`${server.mountUrl}/rest/api/3/issue/SUP-404`, { headers });

      expect(plainDescription.status).toBe(400);
      await expect(plainDescription.json()).resolves.toEqual({
        errorMessages: [],
        errors: { description: 'Operation value must be an Atlassian Document (see the Atlassian Document Format)' },
      });
      expect(withoutToken.status).toBe(403);
      expect(missing.status).toBe(404);
      await expect(missing.json()).resolves.toEqual({ errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} });
    } finally {
      await server.close();
    }
  });
});

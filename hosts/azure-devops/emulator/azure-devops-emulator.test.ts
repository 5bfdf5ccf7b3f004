import { createAzureDevOpsEmulator } from './index';
import { startAzureDevOpsHarness, type AzureDevOpsHarness } from '../../../test/support/azure-devops-harness';

describe('Azure DevOps emulator: work item rules and refusals as the service answers them', () => {
  let harness: AzureDevOpsHarness;
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${harness.organizationUrl}${path}`, {
      ...init,
      headers: { Authorization: harness.emulator.authorization, ...(init.headers as Record<string, string> | undefined) },
    });
  const patchHeaders = { 'Content-Type': 'application/json-patch+json' };

  beforeAll(async () => {
    harness = await startAzureDevOpsHarness();
  });
  afterAll(() => harness.close());

  it('refuses a work item write that is not application/json-patch+json with 415', async () => {
    const response = await call('/Platform/_apis/wit/workitems/$Task?api-version=7.1', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify([{ op: 'add', path: '/fields/System.Title', value: 'x' }]),
    });

    expect(response.status).toBe(415);
    await expect(response.json()).resolves.toMatchObject({ typeKey: 'VssRequestContentTypeNotSupportedException' });
  });

  it('answers a stale /rev test with 412 TF26071 and leaves the work item as it was', async () => {
    const created = await call('/Platform/_apis/wit/workitems/$Task?api-version=7.1', {
      method: 'POST',
      headers: patchHeaders,
      body: JSON.stringify([{ op: 'add', path: '/fields/System.Title', value: 'Original' }]),
    });
    const { id } = (await created.json()) as { id: number };

    const stale = await call(`/_apis/wit/workitems/${id}?api-version=7.1`, {
      method: 'PATCH',
      headers: patchHeaders,
      body: JSON.stringify([
        { op: 'test', path: '/rev', value: 7 },
        { op: 'add', path: '/fields/System.Title', value: 'Lost' },
      ]),
    });

    expect(stale.status).toBe(412);
    await expect(stale.json()).resolves.toMatchObject({ message: expect.stringContaining('TF26071') });
    expect(harness.emulator.state.findWorkItem(id)?.fields['System.Title']).toBe('Original');
  });

  it.each([
    ['an unknown type', '/Platform/_apis/wit/workitems/$Gizmo', [{ op: 'add', path: '/fields/System.Title', value: 'x' }], 404, 'VS402323'],
    [
      'a state the process lacks',
      '/Platform/_apis/wit/workitems/$Bug',
      [
        { op: 'add', path: '/fields/System.Title', value: 'x' },
        { op: 'add', path: '/fields/System.State', value: 'Done' },
      ],
      400,
      'TF401320',
    ],
    ['no title', '/Platform/_apis/wit/workitems/$Bug', [{ op: 'add', path: '/fields/System.Tags', value: 'a' }], 400, 'Title'],
    [
      'an unknown assignee',
      '/Platform/_apis/wit/workitems/$Bug',
      [
        { op: 'add', path: '/fields/System.Title', value: 'x' },
        { op: 'add', path: '/fields/System.AssignedTo', value: 'who@else.example' },
      ],
      400,
      'unknown identity',
    ],
    [
      'an area path of another project',
      '/Platform/_apis/wit/workitems/$Bug',
      [
        { op: 'add', path: '/fields/System.Title', value: 'x' },
        { op: 'add', path: '/fields/System.AreaPath', value: 'Contoso Web' },
      ],
      400,
      'TF401347',
    ],
    [
      'a read-only field',
      '/Platform/_apis/wit/workitems/$Bug',
      [
        { op: 'add', path: '/fields/System.Title', value: 'x' },
        { op: 'add', path: '/fields/System.CreatedDate', value: '2020-01-01' },
      ],
      400,
      'ReadOnly',
    ],
  ])('refuses to create a work item with %s', async (_case, path, operations, status, words) => {
    const before = harness.emulator.state.workItems.length;

    const response = await call(`${path}?api-version=7.1`, { method: 'POST', headers: patchHeaders, body: JSON.stringify(operations) });

    expect(response.status).toBe(status);
    await expect(response.json()).resolves.toMatchObject({ message: expect.stringContaining(words) });
    expect(harness.emulator.state.workItems.length).toBe(before);
  });

  it("keeps System.CommentCount equal to the comment list's totalCount through adds, edits and deletes", async () => {
    const { key } = await harness.adapter.createItem({ projectKey: 'Platform', type: 'Bug', summary: 'Discussed' });
    const comments = `/Platform/_apis/wit/workItems/${key}/comments`;
    const preview = 'api-version=7.1-preview.4';
    const counts = async (): Promise<[unknown, unknown]> => {
      const workItem = (await (await call(`/_apis/wit/workitems/${key}?api-version=7.1`)).json()) as { fields: Record<string, unknown> };
      const list = (await (await call(`${comments}?${preview}`)).json()) as { totalCount: number };
      return [workItem.fields['System.CommentCount'], list.totalCount];
    };
    const add = async (text: string): Promise<number> => {
      const response = await call(`${comments}?${preview}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ text }),
      });
      return ((await response.json()) as { id: number }).id;
    };

    const atCreation = await counts();
    const first = await add('one');
    await add('two');
    const afterAdds = await counts();
    await call(`${comments}/${first}?${preview}`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'one, edited' }),
    });
    const afterEdit = await counts();
    await call(`${comments}/${first}?${preview}`, { method: 'DELETE' });
    const afterDelete = await counts();

    expect([atCreation, afterAdds, afterEdit, afterDelete]).toEqual([
      [0, 0],
      [2, 2],
      [2, 2],
      [1, 1],
    ]);
  });

  it('refuses a time in a WIQL date without timePrecision (VS402356), and accepts it with', async () => {
    const query = JSON.stringify({ query: "SELECT [System.Id] FROM WorkItems WHERE [System.ChangedDate] >= '2026-01-01T10:00:00Z'" });
    const post = (search: string) =>
      call(`/_apis/wit/wiql?api-version=7.1${search}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: query });

    const withoutPrecision = await post('');
    const withPrecision = await post('&timePrecision=true');

    expect(withoutPrecision.status).toBe(400);
    await expect(withoutPrecision.json()).resolves.toMatchObject({ message: expect.stringContaining('VS402356') });
    expect(withPrecision.status).toBe(200);
  });

  it('answers 429 with Retry-After and the X-RateLimit headers during a storm, then calms down', async () => {
    harness.emulator.rateLimit.start({ retryAfterSeconds: 5, requests: 1 });

    const throttled = await call('/_apis/projects?api-version=7.1');
    const after = await call('/_apis/projects?api-version=7.1');

    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('5');
    expect(throttled.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(throttled.headers.get('x-ratelimit-resource')).toBe('ATCPU');
    expect(after.status).toBe(200);
  });

  it('keeps work items, comments, attachments and subscriptions through toJSON and restore, and reads snapshots from before them', async () => {
    const { key } = await harness.adapter.createItem({ projectKey: 'Platform', type: 'Bug', summary: 'Persisted' });
    await harness.adapter.addComment(key, { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'kept' }] }] });
    const snapshot = JSON.parse(JSON.stringify(harness.emulator.state)) as Record<string, unknown>;
    const restored = createAzureDevOpsEmulator();

    restored.state.restore(snapshot);

    expect(restored.state.findWorkItem(Number(key))?.fields['System.Title']).toBe('Persisted');
    expect(restored.state.commentsOf(Number(key)).map((comment) => comment.text)).toEqual(['<div>kept</div>']);
    expect(restored.state.nextWorkItemId()).toBe(Number(key) + 1);
    const { workItems: _w, comments: _c, attachments: _a, subscriptions: _s, users: _u, lastWorkItemId: _l, lastCommentId: _m, ...firstFormat } = snapshot;
    expect(() => restored.state.restore(firstFormat)).not.toThrow();
    expect(restored.state.workItems).toEqual([]);
  });
});

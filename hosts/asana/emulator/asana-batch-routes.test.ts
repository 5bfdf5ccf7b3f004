import { checkResponseAgainstSpec } from '../../../test/spec/openapi-validator';
import { checkRequestAgainstSpec } from '../../../test/spec/request-validator';
import { asanaTolerances, startAsanaHarness, type AsanaHarness } from '../../../test/support/asana-harness';

interface BatchResult {
  readonly status_code: number;
  readonly headers: Record<string, string>;
  readonly body: { data?: Record<string, unknown> | Record<string, unknown>[]; errors?: { message: string }[]; next_page?: unknown };
}

/** The emulator's `POST /batch`, as asana.yaml describes Asana's batch API; every answer checked against it. */
describe('Asana emulator: the batch API', () => {
  let harness: AsanaHarness;
  let bugs: string;

  beforeAll(async () => {
    harness = await startAsanaHarness();
    bugs = harness.emulator.state.projects.find((project) => project.name === 'Bugs')?.gid ?? '';
    for (const summary of ['Listed first', 'Listed second']) await harness.adapter.createItem({ projectKey: bugs, type: 'Task', summary });
  });
  afterAll(() => harness.close());

  const batch = async (actions: unknown[], options: { readonly authorization?: string; readonly query?: string } = {}) => {
    const body = { data: { actions } };
    const response = await fetch(`${harness.server.mountUrl}/api/1.0/batch${options.query ?? ''}`, {
      method: 'POST',
      headers: { Authorization: options.authorization ?? harness.emulator.authorization, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as { data?: BatchResult[]; errors?: { message: string }[] };
    const request = checkRequestAgainstSpec('asana', {
      method: 'POST',
      path: '/api/1.0/batch',
      query: new URLSearchParams(options.query ?? ''),
      contentType: 'application/json',
      body,
      hasBody: true,
    });
    // 429 is in no operation of asana.yaml; its ErrorResponse body is checked by the test itself.
    const check =
      response.status === 429
        ? { outcome: 'valid' }
        : checkResponseAgainstSpec('asana', { method: 'POST', path: '/api/1.0/batch', status: response.status, body: json });
    return { status: response.status, body: json, request, check, retryAfter: response.headers.get('retry-after') };
  };
  /** A result checked against the operation its action names, as if that request had been sent alone. */
  const resultCheck = (method: string, path: string, result: BatchResult) => {
    const check = checkResponseAgainstSpec('asana', { method, path: `/api/1.0${path}`, status: result.status_code, body: result.body });
    if (check.outcome !== 'invalid') return check.outcome;
    const unexplained = check.errors.filter((error) => !asanaTolerances.some((tolerance) => tolerance.applies(error, { responseBody: result.body } as never)));
    return unexplained.length === 0 ? 'valid' : unexplained;
  };
  const tasksNamed = (name: string) => harness.emulator.state.list('tasks').filter((task) => task.name === name);

  it('runs each action at its endpoint and answers 200 with one result per action, in order', async () => {
    const answer = await batch([
      { method: 'post', relative_path: '/tasks', data: { name: 'Made in a batch', projects: [bugs] }, options: { fields: ['name', 'completed'] } },
      { method: 'get', relative_path: '/tasks/987654321' },
      { method: 'get', relative_path: `/projects/${bugs}/tasks`, data: { completed_since: 'now' }, options: { limit: 1, fields: ['name'] } },
    ]);

    expect(answer).toMatchObject({ status: 200, request: { outcome: 'valid' }, check: { outcome: 'valid' } });
    const [created, missing, listed] = answer.body.data!;
    expect(created).toMatchObject({ status_code: 201, body: { data: { name: 'Made in a batch', completed: false } } });
    expect(Object.keys((created!.body.data as Record<string, unknown>) ?? {}).sort()).toEqual(['completed', 'gid', 'name']);
    expect(missing).toMatchObject({ status_code: 404, body: { errors: [{ message: 'task: Unknown object: 987654321' }] } });
    expect(listed).toMatchObject({
      status_code: 200,
      body: { data: [{ gid: expect.any(String), name: expect.any(String) }], next_page: { offset: expect.any(String) } },
    });
    expect(tasksNamed('Made in a batch')).toHaveLength(1);
    expect(resultCheck('POST', '/tasks', created!)).toBe('valid');
    expect(resultCheck('GET', '/tasks/987654321', missing!)).toBe('valid');
    expect(resultCheck('GET', `/projects/${bugs}/tasks`, listed!)).toBe('valid');
    // The link to the next page names this emulator, as a direct request's would.
    expect((listed!.body.next_page as { uri: string }).uri).toContain(`${harness.server.mountUrl}/api/1.0/projects/${bugs}/tasks?`);
  });

  it('refuses a batch with no actions or more than ten, and runs none of them', async () => {
    const eleven = Array.from({ length: 11 }, (_unused, index) => ({
      method: 'post',
      relative_path: '/tasks',
      data: { name: `Eleventh ${index}`, projects: [bugs] },
    }));

    const none = await batch([]);
    const tooMany = await batch(eleven);

    expect(none).toMatchObject({ status: 400, body: { errors: [{ message: expect.stringContaining('at least one action') }] }, check: { outcome: 'valid' } });
    expect(tooMany).toMatchObject({ status: 400, body: { errors: [{ message: expect.stringContaining('at most 10 actions') }] }, check: { outcome: 'valid' } });
    expect(harness.emulator.state.list('tasks').filter((task) => task.name.startsWith('Eleventh'))).toHaveLength(0);
    await expect(batch(eleven.slice(0, 10))).resolves.toMatchObject({ status: 200 });
  });

  it('refuses a malformed action with the whole request', async () => {
    const answer = await batch([
      { method: 'post', relative_path: '/tasks', data: { name: 'Beside a malformed one', projects: [bugs] } },
      { method: 'fly', relative_path: '/tasks' },
    ]);

    expect(answer).toMatchObject({ status: 400, body: { errors: [{ message: expect.stringContaining('actions[1]') }] }, check: { outcome: 'valid' } });
    expect(tasksNamed('Beside a malformed one')).toHaveLength(0);
  });

  it('refuses a nested batch, an attachment upload and a query in the path for that action alone', async () => {
    const answer = await batch([
      { method: 'post', relative_path: '/batch', data: { actions: [{ method: 'get', relative_path: '/users/me' }] } },
      { method: 'post', relative_path: '/attachments', data: { parent: bugs } },
      { method: 'get', relative_path: '/users/me?opt_fields=name' },
      { method: 'get', relative_path: '/users/me', options: { fields: ['name', 'email'] } },
    ]);

    expect(answer).toMatchObject({ status: 200, check: { outcome: 'valid' } });
    expect(answer.body.data!.map((result) => result.status_code)).toEqual([400, 400, 400, 200]);
    expect(answer.body.data![0]!.body.errors![0]!.message).toContain('Nested calls to the batch API');
    expect(answer.body.data![1]!.body.errors![0]!.message).toContain('Uploading attachments');
    expect(answer.body.data![2]!.body.errors![0]!.message).toContain('put them in data');
    expect(answer.body.data![3]!.body.data).toEqual({
      gid: harness.emulator.state.user.gid,
      name: harness.emulator.state.user.name,
      email: expect.any(String),
    });
  });

  it('picks result fields with opt_fields on the batch itself', async () => {
    const answer = await batch([{ method: 'get', relative_path: '/users/me' }], { query: '?opt_fields=status_code' });

    expect(answer).toMatchObject({ status: 200, request: { outcome: 'valid' }, check: { outcome: 'valid' } });
    expect(answer.body.data).toEqual([{ status_code: 200 }]);
  });

  it('refuses the whole batch over the rate limit, before any action runs, and one without a valid token', async () => {
    harness.emulator.rateLimit.start({ retryAfterSeconds: 12, requests: 1 });

    const throttled = await batch([{ method: 'post', relative_path: '/tasks', data: { name: 'Throttled in a batch', projects: [bugs] } }]);
    const unauthorized = await batch([{ method: 'post', relative_path: '/tasks', data: { name: 'Without a token', projects: [bugs] } }], {
      authorization: 'Bearer wrong',
    });

    expect(throttled).toMatchObject({ status: 429, retryAfter: '12', body: { errors: [{ message: expect.any(String) }] } });
    expect(unauthorized).toMatchObject({ status: 401, check: { outcome: 'valid' } });
    expect(tasksNamed('Throttled in a batch')).toHaveLength(0);
    expect(tasksNamed('Without a token')).toHaveLength(0);
  });
});

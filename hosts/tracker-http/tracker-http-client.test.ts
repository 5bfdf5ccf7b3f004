import { z } from 'zod';
import { ExalateError } from '../../core';
import { createTestTimers, HostBudgets, TrackerHttpClient, type TrackerHttpClientOptions } from './index';

type Answer = Response | Error | (() => Response | Promise<Response>);

/** A fetch that answers from a script and records what it was sent. */
function scriptedFetch(answers: Answer[]) {
  const sent: { url: string; init: RequestInit }[] = [];
  const fetchFunction = async (url: string, init: RequestInit): Promise<Response> => {
    sent.push({ url, init });
    const answer = answers.shift();
    if (answer === undefined) throw new Error(`No scripted answer left for ${init.method ?? 'GET'} ${url}`);
    if (answer instanceof Error) throw answer;
    return typeof answer === 'function' ? answer() : answer;
  };
  return { fetch: fetchFunction, sent };
}

const ok = (body: unknown = { fine: true }, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json', ...headers } });
const status = (code: number, headers: Record<string, string> = {}, body = '') => new Response(body, { status: code, headers });
const fine = z.object({ fine: z.boolean() });

function client(answers: Answer[], options: Partial<TrackerHttpClientOptions> = {}) {
  const timers = createTestTimers();
  const scripted = scriptedFetch(answers);
  const http = new TrackerHttpClient({
    tracker: 'jira-cloud',
    baseUrl: 'https://acme.atlassian.net/',
    authorization: 'Basic abc',
    messages: {
      trackerName: 'Jira Cloud',
      unauthorized: 'Create a new API token.',
      forbiddenAdvice: 'Grant Browse projects.',
      checkAddress: 'Check the site URL.',
      rateLimitAdvice: 'Ask less often.',
      readErrorBody: (body) =>
        typeof body === 'object' && body !== null && Array.isArray((body as { errorMessages?: unknown }).errorMessages)
          ? (body as { errorMessages: string[] }).errorMessages.join(' ')
          : '',
    },
    fetch: scripted.fetch,
    clock: timers.clock,
    sleep: timers.sleep,
    random: timers.random,
    ...options,
  });
  return { http, timers, sent: scripted.sent };
}

describe('TrackerHttpClient', () => {
  it('sends the Authorization header, JSON bodies and repeated query parameters', async () => {
    const { http, sent } = client([ok()]);

    await http.json(
      {
        method: 'PUT',
        path: '/rest/api/3/issue/SUP-1',
        query: { expand: ['names', 'renderedFields'], notifyUsers: false, skipped: undefined },
        json: { fields: { summary: 'x' } },
      },
      fine,
    );

    expect(sent[0]?.url).toBe('https://acme.atlassian.net/rest/api/3/issue/SUP-1?expand=names&expand=renderedFields&notifyUsers=false');
    expect(sent[0]?.init).toMatchObject({
      method: 'PUT',
      body: '{"fields":{"summary":"x"}}',
      headers: { Authorization: 'Basic abc', Accept: 'application/json', 'Content-Type': 'application/json' },
    });
  });

  it('waits as long as Retry-After asks (seconds), then repeats a GET', async () => {
    const { http, timers, sent } = client([status(429, { 'Retry-After': '7' }), ok()]);

    await expect(http.json({ path: '/rest/api/3/myself' }, fine)).resolves.toEqual({ fine: true });

    expect(sent).toHaveLength(2);
    expect(timers.waits.filter((wait) => wait >= 7000)).toEqual([7250]);
  });

  it('reads Retry-After as an HTTP date against the injected clock', async () => {
    const { http, timers } = client([status(503, { 'Retry-After': new Date(Date.parse('2026-11-23T12:00:30Z')).toUTCString() }), ok()]);

    await http.json({ path: '/x' }, fine);

    expect(timers.waits[0]).toBe(30_000 + 250);
  });

  it('repeats a POST refused with 429 or 503, so the write happens exactly once', async () => {
    const { http, sent } = client([status(429, { 'Retry-After': '1' }), status(503), ok()]);

    await http.json({ method: 'POST', path: '/rest/api/3/issue', json: {} }, fine);

    expect(sent.map((each) => each.init.method)).toEqual(['POST', 'POST', 'POST']);
  });

  it.each([[500], [502], [504]])('never repeats a POST answered %s: the tracker may have applied it', async (code) => {
    const { http, sent } = client([status(code), ok()]);

    await expect(http.json({ method: 'POST', path: '/rest/api/3/issue', json: {} }, fine)).rejects.toMatchObject({
      code: 'tracker_unavailable',
      isRetryable: true,
    });
    expect(sent).toHaveLength(1);
  });

  it('never repeats a POST whose connection broke, and says the outcome is unknown', async () => {
    const { http, sent } = client([new TypeError('fetch failed'), ok()]);

    const failure = await http
      .json({ method: 'POST', path: '/rest/api/3/issue/SUP-1/comment', json: {}, action: 'comment on SUP-1' }, fine)
      .catch((error: unknown) => error);

    expect(sent).toHaveLength(1);
    expect(failure).toMatchObject({ code: 'tracker_unavailable', isRetryable: true, details: { writeOutcomeUnknown: true } });
    expect((failure as ExalateError).message).toContain('not known whether Jira Cloud applied it');
  });

  it('repeats idempotent requests after a broken connection or a 502/504', async () => {
    const { http, sent } = client([new TypeError('fetch failed'), status(502), status(504), ok()]);

    await http.empty({ method: 'PUT', path: '/rest/api/3/issue/SUP-1', json: {} });

    expect(sent).toHaveLength(4);
  });

  it('gives up after its attempts with a retryable error carrying Retry-After and the rate-limit reason', async () => {
    const storm = () => status(429, { 'Retry-After': '2', 'RateLimit-Reason': 'jira-per-issue-on-write' });
    const { http, sent } = client([storm, storm, storm, storm, storm]);

    const failure = await http
      .json({ method: 'POST', path: '/rest/api/3/issue/SUP-1/comment', json: {}, action: 'comment on SUP-1' }, fine)
      .catch((error: unknown) => error);

    expect(sent).toHaveLength(4);
    expect(failure).toMatchObject({
      code: 'tracker_unavailable',
      isRetryable: true,
      httpStatus: 503,
      details: { retryAfterSeconds: 2, rateLimitReason: 'jira-per-issue-on-write', attempts: 4 },
    });
    expect((failure as ExalateError).message).toBe(
      'Jira Cloud at https://acme.atlassian.net is limiting how fast the node may call it (too many writes to the same issue in a short time); the node tries to comment on SUP-1 again in 2 seconds. Ask less often.',
    );
  });

  it('hands a wait longer than it may sleep to the caller instead of sleeping', async () => {
    const { http, timers, sent } = client([status(429, { 'Retry-After': '3600' }), ok()]);

    await expect(http.json({ path: '/x' }, fine)).rejects.toMatchObject({ code: 'tracker_unavailable', details: { retryAfterSeconds: 3600 } });
    expect(sent).toHaveLength(1);
    expect(timers.waits).toEqual([]);
  });

  it('backs off exponentially when the tracker gives no wait', async () => {
    const { http, timers } = client([status(503), status(503), status(503), ok()]);

    await http.json({ path: '/x' }, fine);

    expect(timers.waits).toEqual([375, 750, 1500]);
  });

  it.each<[number, string, string]>([
    [401, 'unauthorized', "refused the node's credentials. Create a new API token."],
    [403, 'forbidden', 'refused to read SUP-1. Jira Cloud said: "No permission" Grant Browse projects.'],
    [404, 'not_found', 'has nothing at /rest/api/3/issue/SUP-1'],
    [409, 'conflict', 'changed meanwhile'],
    [413, 'payload_too_large', 'larger than the site accepts'],
    [400, 'invalid_request', 'rejected the request to read SUP-1 (HTTP 400). Jira Cloud said: "No permission"'],
  ])('maps HTTP %s to %s with advice', async (code, errorCode, words) => {
    const { http } = client([status(code, { 'Content-Type': 'application/json' }, JSON.stringify({ errorMessages: ['No permission'], errors: {} }))]);

    const failure = await http.json({ path: '/rest/api/3/issue/SUP-1', action: 'read SUP-1' }, fine).catch((error: unknown) => error);

    expect(ExalateError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({ code: errorCode });
    expect((failure as ExalateError).message).toContain(words);
  });

  it('answers 404 as undefined when asked, and reads a 2xx that is not the API as a configuration problem', async () => {
    const { http } = client([status(404), new Response('<html>login</html>', { status: 200 })]);

    await expect(http.jsonIfFound({ path: '/rest/api/3/issue/SUP-9' }, fine)).resolves.toBeUndefined();
    await expect(http.json({ path: '/rest/api/3/myself' }, fine)).rejects.toMatchObject({
      code: 'internal',
      isRetryable: false,
      message: expect.stringContaining("not Jira Cloud's REST API. Check the site URL."),
    });
  });

  it('holds the whole host back until X-RateLimit-Reset once the budget is used up', async () => {
    const reset = new Date(Date.parse('2026-11-23T12:00:20Z')).toISOString();
    const { http, timers } = client([ok({ fine: true }, { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': reset }), ok()]);

    await http.json({ path: '/a' }, fine);
    await http.json({ path: '/b' }, fine);

    expect(timers.waits).toEqual([20_000]);
  });

  it('spends no more burst once the host says it is near its limit (Jira Cloud) or held a request back (Azure DevOps)', async () => {
    for (const nearLimit of [{ 'X-RateLimit-NearLimit': 'true' }, { 'X-RateLimit-Delay': '1.5' }]) {
      const answers = [() => ok({ fine: true }, nearLimit), ...Array.from({ length: 3 }, () => () => ok())];
      const { http, timers } = client(answers, { budget: { burst: 10, requestsPerSecond: 4 } });

      for (let index = 0; index < 4; index += 1) await http.json({ path: '/x' }, fine);

      // Without the signal the burst of ten would let all four go at once.
      expect(timers.waits).toEqual([250, 250, 250]);
    }
  });

  it('paces requests with a token bucket after the burst', async () => {
    const answers = Array.from({ length: 5 }, () => () => ok());
    const { http, timers } = client(answers, { budget: { burst: 2, requestsPerSecond: 4 } });

    for (let index = 0; index < 5; index += 1) await http.json({ path: '/x' }, fine);

    expect(timers.waits).toEqual([250, 250, 250]);
  });

  it('keeps at most `concurrency` requests in flight to one host, across clients sharing a registry', async () => {
    const timers = createTestTimers();
    const budgets = new HostBudgets({ concurrency: 2, burst: 100 }, timers);
    let inFlight = 0;
    let highest = 0;
    const releases: (() => void)[] = [];
    const slowFetch = async (): Promise<Response> => {
      inFlight += 1;
      highest = Math.max(highest, inFlight);
      await new Promise<void>((resolve) => releases.push(resolve));
      inFlight -= 1;
      return ok();
    };
    const make = () => client([], { fetch: slowFetch, budgets, clock: timers.clock, sleep: timers.sleep }).http;
    const first = make();
    const second = make();

    const all = Promise.all([first, second, first, second, first].map((each) => each.json({ path: '/x' }, fine)));
    for (let round = 0; round < 10; round += 1) {
      await new Promise((resolve) => setImmediate(resolve));
      releases.splice(0).forEach((release) => release());
    }
    await all;

    expect(highest).toBe(2);
  });
});

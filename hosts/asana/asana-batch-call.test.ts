import { z } from 'zod';
import { AsanaClient } from './asana-client';
import { isRefusal, readBatchResult } from './asana-batch-call';

/** One action's result of Asana's `/batch`, read as every other Asana answer is: same codes, same advice. */
describe('readBatchResult', () => {
  const client = new AsanaClient({
    baseUrl: 'https://app.asana.com',
    authorization: 'Bearer token',
    fetch: async () => {
      throw new Error('a result is read without a request');
    },
  });
  const task = z.object({ data: z.object({ gid: z.string() }) });
  const read = (status_code: number, body: unknown, headers: Record<string, unknown> = {}) =>
    readBatchResult({ status_code, headers, body }, task, { client, doing: 'read task 42' });
  const failure = (status_code: number, body: unknown = { errors: [{ message: 'Asana words' }] }, headers: Record<string, unknown> = {}) => {
    const answer = read(status_code, body, headers);
    if (answer.ok) throw new Error('expected a failure');
    return answer.error;
  };

  it('reads a 2xx result through the schema, and calls one that does not fit not Asana’s REST API', () => {
    expect(read(200, { data: { gid: '42' } })).toEqual({ ok: true, value: { data: { gid: '42' } } });
    const odd = read(200, { data: [] });
    expect(!odd.ok && odd.error).toMatchObject({ code: 'internal', message: expect.stringContaining('with something that is not its REST API') });
  });

  it('gives a 401 and a 403 the advice every Asana failure has, with Asana’s own words', () => {
    expect(failure(401)).toMatchObject({ code: 'unauthorized', message: expect.stringContaining('Create a new personal access token in Asana') });
    const forbidden = failure(403);
    expect(forbidden).toMatchObject({ code: 'forbidden', details: expect.objectContaining({ status: 403, trackerMessage: 'Asana words' }) });
    expect(forbidden.message).toContain("Make sure the token's user is a member of the workspaces and projects to sync.");
    expect(isRefusal(forbidden)).toBe(true);
  });

  it('says what was not found for a 404, instead of blaming the address', () => {
    const missing = failure(404);
    expect(missing).toMatchObject({ code: 'not_found', message: 'Asana at https://app.asana.com found nothing to read task 42.' });
    expect(isRefusal(missing)).toBe(true);
  });

  it('leaves the outcome of a 429 or a 5xx open, to be retried, and reads Retry-After', () => {
    const limited = failure(429, {}, { 'Retry-After': '30' });
    expect(limited).toMatchObject({ code: 'tracker_unavailable', isRetryable: true, details: expect.objectContaining({ retryAfterSeconds: 30 }) });
    expect(isRefusal(limited)).toBe(false);
    const broken = failure(500);
    expect(broken).toMatchObject({ code: 'tracker_unavailable', isRetryable: true });
    expect(isRefusal(broken)).toBe(false);
  });
});

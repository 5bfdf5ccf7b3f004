/**
 * hosts/tracker-http: the one HTTP client layer of every tracker adapter (Jira Cloud, Jira
 * Server/DC, Azure DevOps, Asana). Global fetch and Web APIs only, no Node built-ins: the same code
 * runs in the node, in Forge and in a browser. This API is stable; extend it, do not change it.
 *
 * ```ts
 * const client = new TrackerHttpClient({
 *   tracker: 'asana',
 *   baseUrl: 'https://app.asana.com',
 *   authorization: 'Bearer <token>',            // or () => Promise<string> for refreshing tokens
 *   messages: {                                   // every failure message is built from these
 *     trackerName: 'Asana',
 *     unauthorized: 'Create a new personal access token in Asana … and save it in this node\'s settings.',
 *     forbiddenAdvice: 'Make the token\'s user a member of the projects to sync.',
 *     checkAddress: 'Check that the Asana address is https://app.asana.com.',
 *     rateLimitAdvice: '…',                       // optional, appended to 429 messages
 *     outageAdvice: 'See https://status.asana.com.', // optional, appended to 5xx messages
 *     readErrorBody: (body) => '…',              // optional: the tracker's words from an error body
 *   },
 *   fetch, clock, sleep, random,                  // optional; tests inject them so nothing waits
 *   budgets, budget: { concurrency, burst, requestsPerSecond }, // optional per-host budget
 *   retry: { maximumAttempts, baseDelayMilliseconds, maximumDelayMilliseconds, maximumWaitMilliseconds },
 *   onRetry: (notice) => log(notice),             // optional: every wait before a repeat
 * });
 *
 * await client.json({ path: '/api/1.0/users/me' }, userSchema);           // GET, parsed by zod
 * await client.jsonIfFound({ path: '/api/1.0/tasks/1' }, taskSchema);     // 404 → undefined
 * await client.json({ method: 'POST', path: '…', json: body, action: 'create a task in Roadmap' }, schema);
 * await client.empty({ method: 'DELETE', path: '…' });                    // 2xx, body ignored
 * await client.bytes({ path: '…/content' });                              // attachment bytes
 * await client.send({ method: 'POST', path: '…', body: formData });       // the raw Response
 * ```
 *
 * Behaviour every adapter gets:
 * - Budget per host (origin): at most `concurrency` requests in flight (default 4) and a token
 *   bucket (`burst` 10, `requestsPerSecond` 10). After a 429/503 with Retry-After, or
 *   `X-RateLimit-Remaining: 0` with `X-RateLimit-Reset`, the whole host waits; after
 *   `X-RateLimit-NearLimit: true` the burst is spent and requests go at the sustained rate.
 * - Repeats: 429 and 503 for every method (the tracker refused before processing); network
 *   failures, 502 and 504 only for idempotent requests (GET, HEAD, PUT, DELETE, or `idempotent: true`).
 *   A POST or PATCH whose answer was lost is never repeated: it throws `tracker_unavailable` with
 *   `details.writeOutcomeUnknown: true`. Waits are exponential with jitter, never shorter than
 *   Retry-After (seconds or HTTP-date) or X-RateLimit-Reset; up to `maximumAttempts` (default 4).
 *   A wait longer than `maximumWaitMilliseconds` (default 60 s) is not slept through: it throws
 *   `tracker_unavailable` with `retryAfterSeconds` so the durable sync queue waits instead.
 * - Errors (ExalateError): 401 unauthorized, 403 forbidden, 404 not_found, 409/412 conflict
 *   (retryable), 413 payload_too_large, other 4xx invalid_request, 429/5xx/network
 *   `tracker_unavailable` (retryable, `details.retryAfterSeconds`, `details.rateLimitReason`). A 2xx
 *   whose body the schema rejects is `internal` ("not <tracker>'s REST API").
 */
export { TrackerHttpClient } from './tracker-http-client';
export type { FetchFunction, QueryValue, QueryValues, RetryNotice, TrackerHttpClientOptions, TrackerRequest } from './tracker-http-client';
export type { TrackerMessages } from './tracker-failure';
export { HostBudget, HostBudgets } from './host-budget';
export type { HostBudgetOptions, HostBudgetTimers } from './host-budget';
export { defaultRetryPolicy, isIdempotentMethod } from './retry-policy';
export type { HttpMethod, RetryPolicy } from './retry-policy';
export { describeRateLimitReason, parseRateLimitReset, parseRetryAfter, readRateLimitSignal } from './rate-limit-headers';
export type { RateLimitSignal } from './rate-limit-headers';
export { guessMimeType } from './file-types';
export { RecentReads } from './recent-reads';
export { createTestTimers } from './test-timers';
export type { TestTimers } from './test-timers';

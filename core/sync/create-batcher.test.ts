import { ExalateError } from '../errors';
import type { BatchCreateOutcome, TrackerBatchV1 } from '../ports/tracker-batch';
import type { NewItem } from '../ports/tracker-item';
import { CreateBatcher, gatherCreations } from './create-batcher';

const item = (summary: string): NewItem => ({ projectKey: 'SUP', type: 'Task', summary });
const created = (summary: string): BatchCreateOutcome => ({ ok: true, key: `KEY-${summary}`, written: null });

/** A tracker's batch create whose calls are answered when the test says so (or at once). */
class FakeBulkCreate {
  readonly calls: { readonly summaries: string[]; answer: (outcomes?: readonly BatchCreateOutcome[]) => void; fail: (error: unknown) => void }[] = [];
  answerAtOnce = false;
  refuse = new Set<string>();

  readonly send = (items: readonly NewItem[]): Promise<readonly BatchCreateOutcome[]> => {
    const summaries = items.map((each) => each.summary);
    const outcomes = (): BatchCreateOutcome[] =>
      summaries.map((summary) =>
        this.refuse.has(summary) ? { ok: false, error: new ExalateError('invalid_request', `Jira refused to create "${summary}".`) } : created(summary),
      );
    return new Promise((resolve, reject) => {
      this.calls.push({ summaries, answer: (given) => resolve(given ?? outcomes()), fail: reject });
      if (this.answerAtOnce) resolve(outcomes());
    });
  };
}

/** Lets every pending microtask and I/O callback run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('CreateBatcher', () => {
  it('sends creations asked in the same turn in one call, and each caller gets its own outcome', async () => {
    const tracker = new FakeBulkCreate();
    tracker.answerAtOnce = true;
    const batcher = new CreateBatcher(tracker.send, () => 50);
    const answers = await Promise.all(['a', 'b', 'c', 'd'].map((summary) => batcher.createItems([item(summary)])));
    expect(tracker.calls.map((call) => call.summaries)).toEqual([['a', 'b', 'c', 'd']]);
    expect(answers.map((outcomes) => outcomes.map((outcome) => (outcome.ok ? outcome.key : 'refused')))).toEqual([['KEY-a'], ['KEY-b'], ['KEY-c'], ['KEY-d']]);
  });

  it('never puts more than the tracker takes in one call: a full batch goes at once, the rest after', async () => {
    const tracker = new FakeBulkCreate();
    tracker.answerAtOnce = true;
    const batcher = new CreateBatcher(tracker.send, () => 3);
    const answers = await Promise.all(['1', '2', '3', '4', '5', '6', '7'].map((summary) => batcher.createItems([item(summary)])));
    expect(tracker.calls.map((call) => call.summaries)).toEqual([['1', '2', '3'], ['4', '5', '6'], ['7']]);
    expect(answers.map(([outcome]) => outcome?.ok && outcome.key)).toEqual(['KEY-1', 'KEY-2', 'KEY-3', 'KEY-4', 'KEY-5', 'KEY-6', 'KEY-7']);
  });

  it('sends what waits, one item a call, when the tracker switched to an adapter that claims a maximum of 0 while a call was under way', async () => {
    const tracker = new FakeBulkCreate();
    let maximum = 3;
    const batcher = new CreateBatcher(tracker.send, () => maximum);
    const first = batcher.createItems([item('a')]);
    await settle();
    const second = batcher.createItems([item('b')]);
    maximum = 0;
    tracker.calls[0]!.answer();
    await settle();
    expect(tracker.calls.map((call) => call.summaries)).toEqual([['a'], ['b']]);
    tracker.calls[1]!.answer();
    expect(await Promise.all([first, second])).toEqual([[created('a')], [created('b')]]);
  });

  it('sends a lone creation within its own turn, before any timer fires', async () => {
    const tracker = new FakeBulkCreate();
    let timerFired = false;
    setTimeout(() => (timerFired = true), 0);
    const sentBeforeTimer: boolean[] = [];
    const batcher = new CreateBatcher(
      (items) => {
        sentBeforeTimer.push(!timerFired);
        return tracker.send(items);
      },
      () => 50,
    );
    void batcher.createItems([item('alone')]);
    await settle();
    expect(sentBeforeTimer).toEqual([true]);
    expect(tracker.calls.map((call) => call.summaries)).toEqual([['alone']]);
  });

  it('gathers the creations asked while a call is under way into the next call, sent as soon as it ends', async () => {
    const tracker = new FakeBulkCreate();
    const batcher = new CreateBatcher(tracker.send, () => 50);
    const first = batcher.createItems([item('first')]);
    await settle();
    const later = ['x', 'y', 'z'].map((summary) => batcher.createItems([item(summary)]));
    await settle();
    // Nothing else goes while the first call is under way.
    expect(tracker.calls.map((call) => call.summaries)).toEqual([['first']]);
    tracker.calls[0]!.answer();
    expect((await first)[0]).toEqual(created('first'));
    await settle();
    expect(tracker.calls.map((call) => call.summaries)).toEqual([['first'], ['x', 'y', 'z']]);
    tracker.calls[1]!.answer();
    expect((await Promise.all(later)).map(([outcome]) => outcome)).toEqual([created('x'), created('y'), created('z')]);
  });

  it('fails only the caller whose item the tracker refused, with the tracker’s words', async () => {
    const tracker = new FakeBulkCreate();
    tracker.answerAtOnce = true;
    tracker.refuse.add('bad');
    const batcher = new CreateBatcher(tracker.send, () => 50);
    const [good, bad, alsoGood] = await Promise.all(['good', 'bad', 'also good'].map((summary) => batcher.createItems([item(summary)])));
    expect(tracker.calls).toHaveLength(1);
    expect(good).toEqual([created('good')]);
    expect(alsoGood).toEqual([created('also good')]);
    expect(bad).toHaveLength(1);
    expect(bad![0]!.ok).toBe(false);
    expect(bad![0]!.ok === false && bad![0]!.error.message).toBe('Jira refused to create "bad".');
  });

  it('rejects every caller of a call whose outcome is unknown, and no caller of the next call; nothing is sent twice', async () => {
    const tracker = new FakeBulkCreate();
    const batcher = new CreateBatcher(tracker.send, () => 50);
    const broken = ['a', 'b'].map((summary) => batcher.createItems([item(summary)]));
    await settle();
    const next = ['c', 'd'].map((summary) => batcher.createItems([item(summary)]));
    await settle();
    const outage = new ExalateError('tracker_unavailable', 'The connection to Jira broke after the request was sent.', { isRetryable: true });
    tracker.calls[0]!.fail(outage);
    const brokenOutcomes = await Promise.allSettled(broken);
    expect(brokenOutcomes).toEqual([
      { status: 'rejected', reason: outage },
      { status: 'rejected', reason: outage },
    ]);
    await settle();
    tracker.calls[1]!.answer();
    expect((await Promise.all(next)).map(([outcome]) => outcome)).toEqual([created('c'), created('d')]);
    expect(tracker.calls.map((call) => call.summaries)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('rejects the callers left without an outcome when the adapter answers too few', async () => {
    const tracker = new FakeBulkCreate();
    const batcher = new CreateBatcher(tracker.send, () => 50);
    const answers = ['a', 'b'].map((summary) => batcher.createItems([item(summary)]));
    await settle();
    tracker.calls[0]!.answer([created('a')]);
    const [first, second] = await Promise.allSettled(answers);
    expect(first).toEqual({ status: 'fulfilled', value: [created('a')] });
    expect(second?.status === 'rejected' && (second.reason as ExalateError).code).toBe('internal');
  });

  it('gives a caller with several items its own outcomes, in its order', async () => {
    const tracker = new FakeBulkCreate();
    tracker.answerAtOnce = true;
    const batcher = new CreateBatcher(tracker.send, () => 50);
    const [one, pair] = await Promise.all([batcher.createItems([item('one')]), batcher.createItems([item('p'), item('q')])]);
    expect(tracker.calls.map((call) => call.summaries)).toEqual([['one', 'p', 'q']]);
    expect(one).toEqual([created('one')]);
    expect(pair).toEqual([created('p'), created('q')]);
  });
});

/** A tracker adapter in miniature: a private field its methods need, and a batch half. */
class FakeAdapter {
  readonly kind = 'jira-cloud';
  readonly #name = 'private state';
  readonly bulk = new FakeBulkCreate();
  readonly batch: TrackerBatchV1;

  constructor(createsInOneRequest: boolean) {
    this.bulk.answerAtOnce = true;
    this.batch = {
      version: 1,
      maximumCreateBatch: 50,
      ...(createsInOneRequest ? { createsInOneRequest } : {}),
      searchItemsWithFields: async () => ({ items: [], nextCursor: null }),
      readUpdatedTimes: async () => new Map([['SUP-1', this.#name]]),
      createItems: (items) => this.bulk.send(items),
    };
  }

  describe(): string {
    return this.#name;
  }
}

describe('gatherCreations', () => {
  it('gathers the creations of a tracker whose batch create is one request, and leaves its other methods as they were', async () => {
    const adapter = new FakeAdapter(true);
    const tracker = gatherCreations(adapter);
    await Promise.all(['a', 'b', 'c'].map((summary) => tracker.batch!.createItems([item(summary)])));
    expect(adapter.bulk.calls.map((call) => call.summaries)).toEqual([['a', 'b', 'c']]);
    expect(tracker.describe()).toBe('private state');
    expect(await tracker.batch!.readUpdatedTimes(['SUP-1'])).toEqual(new Map([['SUP-1', 'private state']]));
    expect(tracker.batch!.maximumCreateBatch).toBe(50);
  });

  it('leaves creations side by side where each item is a request of its own (Azure DevOps)', async () => {
    const adapter = new FakeAdapter(false);
    const tracker = gatherCreations(adapter);
    await Promise.all(['a', 'b', 'c'].map((summary) => tracker.batch!.createItems([item(summary)])));
    expect(adapter.bulk.calls.map((call) => call.summaries)).toEqual([['a'], ['b'], ['c']]);
  });

  it('has no batch half when the tracker has none (not signed in)', () => {
    const tracker = gatherCreations({ kind: 'asana', batch: undefined as TrackerBatchV1 | undefined });
    expect(tracker.batch).toBeUndefined();
  });
});

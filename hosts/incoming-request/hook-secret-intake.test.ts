import { err, ExalateError, ok, type ChangeIntakeContext, type HookSecretV1, type TrackerItemOperations, type TrackerV1 } from '../../core';
import { MemoryTracker } from '../../test/fakes/memory-tracker';
import { hookSecretChangeIntake } from './hook-secret-intake';

/** A tracker of its own class, as each tracker folder's adapter is; it remembers what it was asked to subscribe. */
class HookedTracker extends MemoryTracker {
  readonly subscriptions: { readonly callbackUrl: string; readonly secret: string }[] = [];

  async registerChangeHook(callbackUrl: string, secret: string): Promise<void> {
    this.subscriptions.push({ callbackUrl, secret });
  }
}

const refusal = new ExalateError('unauthorized', 'This delivery came through no webhook the node registered.');
function keptSecret(secret: string | undefined): HookSecretV1 {
  return { forRegistration: async () => secret ?? 'made-now', forDelivery: async () => (secret === undefined ? err(refusal) : ok(secret)) };
}
function intakeOver(tracker: TrackerV1 & TrackerItemOperations, hookSecret: HookSecretV1) {
  const reads: string[] = [];
  const context: Pick<ChangeIntakeContext, 'hookSecret' | 'withTracker'> = { hookSecret, withTracker: (work) => work(tracker) };
  const intake = hookSecretChangeIntake(context, {
    name: 'Example',
    adapter: HookedTracker,
    subscribe: (adapter, callbackUrl, secret) => adapter.registerChangeHook(callbackUrl, secret),
    read: (delivery, secret) => {
      reads.push(secret);
      if (delivery.rawBody === 'genuine') return ok({ itemKeys: ['EX-1'] });
      if (delivery.rawBody === 'genuine, with its time') return ok({ itemKeys: ['EX-1'], updatedTimes: new Map([['EX-1', '2026-12-07T05:00:00.000+0000']]) });
      return err(new ExalateError('unauthorized', 'forged'));
    },
  });
  return { intake, reads };
}

describe("the change intake of trackers that send the node's hook secret back", () => {
  it('subscribes through the signed-in adapter with the kept secret', async () => {
    const tracker = new HookedTracker('jira-server');
    await intakeOver(tracker, keptSecret('kept')).intake.register('https://node.example/hooks/change');

    expect(tracker.subscriptions).toEqual([{ callbackUrl: 'https://node.example/hooks/change', secret: 'kept' }]);
  });

  it('says the tracker has no change hooks when the node is served by another kind of adapter', async () => {
    const { intake } = intakeOver(new MemoryTracker('jira-server'), keptSecret('kept'));

    await expect(intake.register('https://node.example/hooks/change')).rejects.toMatchObject({
      code: 'invalid_request',
      message: 'Example here has no change hooks; the reconciler finds changes instead.',
    });
  });

  it('refuses every delivery before any registration, without reading it', async () => {
    const { intake, reads } = intakeOver(new HookedTracker('jira-server'), keptSecret(undefined));

    await expect(intake.receive({ headers: {}, rawBody: 'genuine' })).resolves.toEqual({ ok: false, error: refusal });
    expect(reads).toEqual([]);
  });

  it("reads a delivery with the kept secret: its items, or the tracker's refusal", async () => {
    const { intake, reads } = intakeOver(new HookedTracker('jira-server'), keptSecret('kept'));

    await expect(intake.receive({ headers: {}, rawBody: 'genuine' })).resolves.toEqual({ ok: true, value: { kind: 'changes', itemKeys: ['EX-1'] } });
    await expect(intake.receive({ headers: {}, rawBody: 'forged' })).resolves.toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(reads).toEqual(['kept', 'kept']);
    await expect(intake.keepsRegistration()).resolves.toBe(true);
  });

  it('passes on the items’ times a genuine delivery carries, so the node can tell its own write without asking the tracker', async () => {
    const { intake } = intakeOver(new HookedTracker('jira-server'), keptSecret('kept'));

    await expect(intake.receive({ headers: {}, rawBody: 'genuine, with its time' })).resolves.toEqual({
      ok: true,
      value: { kind: 'changes', itemKeys: ['EX-1'], updatedTimes: new Map([['EX-1', '2026-12-07T05:00:00.000+0000']]) },
    });
  });
});

import {
  createQuickJsSandbox,
  createSignedRequestToken,
  defaultInvitationLifetimeMs,
  generateNodeIdentity,
  loadNodeIdentity,
  messagesOperation,
  noteLocalChange,
  richTextFromPlain,
  signatureHeader,
  silentLogger,
  SyncSignals,
  systemClock,
  type Connection,
  type NodeContext,
  type NodeIdentity,
} from '../../core';
import { handleScheduledReconcile } from '../../hosts/jira-cloud/forge/change-triggers';
import { answerExchangeRequest } from '../../hosts/jira-cloud/forge/exchange-web-trigger';
import { forgeMessageBytes } from '../../hosts/jira-cloud/forge/forge-payload-limits';
import { ForgeKeyValueSpace, type KvsClient } from '../../hosts/jira-cloud/forge/key-value-space';
import { KvsStore } from '../../hosts/jira-cloud/forge/kvs-store';
import { idlePollPause } from '../../core';
import { runSyncPassStep } from '../../hosts/jira-cloud/forge/sync-pass-step';
import { consumerBudgetMs } from '../../hosts/jira-cloud/forge/work-consumer';
import { FakeKvs } from '../../hosts/jira-cloud/forge/testing/fake-forge-kvs';
import { MemoryTracker } from '../../test/fakes/memory-tracker';
import { trackerItem } from '../../test/fakes/tracker-item';
import { connectionRecord } from '../../test/fakes/connection-record';

/**
 * `npx tsx scripts/bench/forge-kvs-cost.ts [items]`: what the Jira Cloud app costs against the
 * installation's KVS quota (developer.atlassian.com/platform/forge/limits-kvs-ce: 4,000 read and
 * 4,000 write units a minute; a unit is a request of up to 10 KB). The app's own code runs against
 * the in-memory KVS the tests use, which counts every request in those units; the private peer is
 * played by signed polls sent straight to the web trigger function, as a private node sends them.
 * Counted: KVS only. Not counted: invocations, requestJira calls, `kvs.getSecret` (one per cold process).
 */
const kvs = new FakeKvs();
const queue = { push: async () => undefined };

async function main(): Promise<void> {
  const items = Number(process.argv[2] ?? 50);
  const tracker = new MemoryTracker('jira-cloud');
  const store = KvsStore.open({ lease: { leaseMs: 120_000, waitMs: 20_000, pollMs: 50 } }, new ForgeKeyValueSpace(kvs.kvs as unknown as KvsClient));
  const secrets = { seal: async (text: string) => text, open: async (text: string) => text };
  const context: NodeContext = {
    store,
    tracker,
    transport: { send: async () => ({ status: 503, body: '' }) },
    clock: systemClock,
    logger: silentLogger,
    scripts: createQuickJsSandbox(),
    secrets,
    signals: new SyncSignals(),
    identity: await loadNodeIdentity(store, secrets, Date.now()),
    settings: {
      nodeUrl: 'https://app.example/x1/trigger',
      invitationLifetimeMs: defaultInvitationLifetimeMs,
      allowPrivateDestinations: false,
      maximumMessageBytes: forgeMessageBytes,
    },
  };
  const peer = await connectPrivatePeer(context);
  await store.insertTrigger({ id: 'trigger_1', connectionId: peer.connection.id, query: 'project = SUP', active: true, createdAt: Date.now() });

  // A process Forge starts cold reads the site URL and the node identity once (forge-context.ts).
  const cold = await measure(async () => {
    await store.getSetting('forge-jira-site-url');
    await loadNodeIdentity(store, secrets, Date.now());
  });

  await poll(context, peer, []);
  const idlePoll = await measure(() => poll(context, peer, []));
  const idleRun = await measure(async () => {
    await handleScheduledReconcile(context, queue);
    await runSyncPassStep(context, queue, consumerBudgetMs);
  });

  // Items created in Jira, each announced by its product event (one invocation, then a sync pass
  // on the consumer), handed to the private peer by its polls and confirmed in the next poll.
  for (let index = 1; index <= items; index++) addIssue(tracker, `SUP-${index}`);
  const outbound = await measure(async () => {
    for (let index = 1; index <= items; index++) {
      await noteLocalChange(context, `SUP-${index}`);
      await runSyncPassStep(context, queue, consumerBudgetMs);
    }
    let acknowledged: string[] = [];
    for (let round = 0; round < items + 5; round++) {
      const envelopes = await poll(context, peer, acknowledged);
      acknowledged = envelopes;
      if (envelopes.length === 0) break;
    }
  });
  const done = (await store.countQueue(peer.connection.id)).outbound.done;
  if (done !== items) throw new Error(`Expected ${items} changes confirmed by the peer, found ${done}.`);
  context.scripts.dispose();

  const pollsPerHour = 3_600_000 / idlePollPause.maximumPauseMs;
  const scheduledPerHour = 12;
  const idleHour = {
    read: idlePoll.read * pollsPerHour + idleRun.read * scheduledPerHour,
    write: idlePoll.write * pollsPerHour + idleRun.write * scheduledPerHour,
  };
  const lines = [
    `KVS units (10 KB each) the Jira Cloud app uses, ${items} items; quota per installation: 4,000 read and 4,000 write units a minute`,
    `idle poll (web trigger, nothing waiting):           ${idlePoll.read} read, ${idlePoll.write} write`,
    `idle reconciler run + sync pass (every 5 minutes):  ${idleRun.read} read, ${idleRun.write} write`,
    `idle hour, one private connection (${pollsPerHour} polls at the ${idlePollPause.maximumPauseMs / 1000} s pause, ${scheduledPerHour} scheduled runs): ${idleHour.read} read, ${idleHour.write} write (${(idleHour.read / 60).toFixed(0)} read units a minute)`,
    `per synced item, Jira -> private peer (event, sync pass, polls, confirmation): ${(outbound.read / items).toFixed(1)} read, ${(outbound.write / items).toFixed(1)} write`,
    `cold process start (site URL, node identity):      ${cold.read} read, ${cold.write} write`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function measure(work: () => Promise<unknown>): Promise<{ read: number; write: number }> {
  const before = { ...kvs.units };
  await work();
  return { read: kvs.units.read - before.read, write: kvs.units.write - before.write };
}

interface Peer {
  readonly identity: NodeIdentity;
  readonly connection: Connection;
}

async function connectPrivatePeer(context: NodeContext): Promise<Peer> {
  const identity = await generateNodeIdentity(Date.now());
  const now = Date.now();
  const connection = connectionRecord({
    id: 'con_bench',
    name: 'jira_to_ado',
    status: 'active',
    localName: 'jira',
    remoteName: 'ado',
    projectKey: 'SUP',
    remoteTracker: 'azure-devops',
    peer: { nodeId: identity.nodeId, publicKey: identity.publicKey, nodeUrl: null, tracker: 'azure-devops' },
    invitationExpiresAt: null,
    createdAt: now,
    updatedAt: now,
  });
  await context.store.insertConnection(connection);
  return { identity, connection };
}

/** One signed poll through the web trigger; returns the ids handed out (to confirm next time). */
async function poll(context: NodeContext, peer: Peer, acknowledged: readonly string[]): Promise<string[]> {
  const body = JSON.stringify({ type: 'poll', acknowledged, waitMs: 25_000 });
  const token = await createSignedRequestToken(
    peer.identity,
    { audienceNodeId: context.identity.nodeId, connectionId: peer.connection.id, operation: messagesOperation(peer.connection.id), body },
    Date.now(),
  );
  const outcome = await answerExchangeRequest(context, {
    method: 'POST',
    userPath: `/exchange/v1/connections/${peer.connection.id}/messages`,
    headers: { [signatureHeader]: [token] },
    body,
  });
  if (outcome.response.statusCode !== 200) throw new Error(`The poll was answered ${outcome.response.statusCode}: ${outcome.response.body}`);
  return (JSON.parse(outcome.response.body) as { envelopes: { id: string }[] }).envelopes.map((envelope) => envelope.id);
}

function addIssue(tracker: MemoryTracker, key: string): void {
  tracker.items.set(key, trackerItem({ key, description: richTextFromPlain('Printer on fire'), url: `https://jira.example/browse/${key}` }));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

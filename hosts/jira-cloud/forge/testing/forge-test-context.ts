import {
  createQuickJsSandbox,
  defaultInvitationLifetimeMs,
  loadNodeIdentity,
  silentLogger,
  SyncSignals,
  systemClock,
  type Connection,
  type NodeContext,
  type TrackerItemOperations,
  type TrackerV1,
} from '../../../../core';
import { KvsStore } from '../kvs-store';
import type { WorkEvent, WorkQueue } from '../work-queue';
import { connectionRecord } from '../../../../test/fakes/connection-record';

/** A Forge-shaped NodeContext (KVS store over the fake, a given tracker), without the Forge runtime. */
export async function createTestForgeContext(tracker: TrackerV1 & TrackerItemOperations): Promise<NodeContext> {
  const store = KvsStore.open({ lease: { leaseMs: 2_000, waitMs: 1_000, pollMs: 5 } });
  const secrets = { seal: async (text: string) => text, open: async (text: string) => text };
  return {
    store,
    tracker,
    transport: { send: async () => ({ status: 503, body: '' }) },
    clock: systemClock,
    logger: silentLogger,
    scripts: createQuickJsSandbox(),
    secrets,
    signals: new SyncSignals(),
    identity: await loadNodeIdentity(store, secrets, systemClock.now()),
    settings: { nodeUrl: 'https://forge.example/x1/trigger', invitationLifetimeMs: defaultInvitationLifetimeMs, allowPrivateDestinations: false },
  };
}

export function activeConnection(id: string, peerUrl: string | null): Connection {
  return connectionRecord({
    id,
    name: 'jira_to_ado',
    status: 'active',
    localName: 'jira',
    remoteName: 'ado',
    projectKey: 'SUP',
    destination: peerUrl ?? 'unknown',
    remoteTracker: 'azure-devops',
    peer: { nodeId: 'node_peer', publicKey: 'A'.repeat(43), nodeUrl: peerUrl, tracker: 'azure-devops' },
    invitationExpiresAt: null,
  });
}

/** A work queue that keeps what is pushed, with its delay. */
export function recordingWorkQueue(): WorkQueue & { readonly pushed: { event: WorkEvent; delaySeconds: number | undefined }[] } {
  const pushed: { event: WorkEvent; delaySeconds: number | undefined }[] = [];
  return { pushed, push: async (event, delaySeconds) => void pushed.push({ event, delaySeconds }) };
}

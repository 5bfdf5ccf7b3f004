import type { Connection, QueueEntry, StoreV1 } from '../../core';
import { schemaForNode } from '../../hosts/node/store/postgres-pool';
import { PostgresStore } from '../../hosts/node/store/postgres-store';

export interface ScaleShape {
  readonly connections: number;
  readonly itemsPerConnection: number;
  readonly changesPerItem: number;
}

/** The incoming script creates the item on the first change and sets its summary on every one. */
export const scaleRules = {
  incoming: "if (firstSync) { issue.type = 'Task'; }\nissue.summary = replica.summary;",
  outgoing: 'replica.summary = issue.summary;',
};

export const connectionIdOf = (connection: number) => `con_scale_${connection}`;
export const sourceKeyOf = (connection: number, item: number) => `REMOTE-${connection}-${item}`;
export const summaryOf = (sourceKey: string, sequence: number) => `${sourceKey} change ${String(sequence).padStart(3, '0')}`;

/**
 * One node (the schema of `nodeName`) with active connections whose peer is private (so no
 * process tries to push anywhere) and every change already in the inbox, interleaved across
 * items and connections the way deliveries arrive: the workers only have to apply them.
 */
export async function seedScaleNode(url: string, nodeName: string, shape: ScaleShape): Promise<number> {
  const store = await PostgresStore.open({ url, schema: schemaForNode(nodeName) });
  try {
    const now = Date.now();
    for (let connection = 0; connection < shape.connections; connection++) {
      await store.insertConnection(scaleConnection(connection, now));
      await store.putRules(connectionIdOf(connection), { ...scaleRules, updatedAt: now });
    }
    let queued = 0;
    for (let sequence = 0; sequence < shape.changesPerItem; sequence++) {
      queued += await store.transaction(async (inner) => {
        let added = 0;
        for (let connection = 0; connection < shape.connections; connection++) {
          for (let item = 0; item < shape.itemsPerConnection; item++) {
            if ((await inner.enqueue(changeEntry(connection, item, sequence, now))) !== undefined) added += 1;
          }
        }
        return added;
      });
    }
    return queued;
  } finally {
    await store.close();
  }
}

/** How many inbound entries of the scale connections are in each state, summed. */
export async function countInbound(store: StoreV1, shape: ScaleShape): Promise<Record<QueueEntry['state'], number>> {
  const total = { queued: 0, in_flight: 0, done: 0, failed: 0 };
  for (let connection = 0; connection < shape.connections; connection++) {
    const counts = (await store.countQueue(connectionIdOf(connection))).inbound;
    for (const state of Object.keys(total) as QueueEntry['state'][]) total[state] += counts[state];
  }
  return total;
}

function scaleConnection(connection: number, now: number): Connection {
  return {
    id: connectionIdOf(connection),
    name: `scale ${connection}`,
    description: '',
    mode: 'script',
    status: 'active',
    statusReason: null,
    role: 'acceptor',
    localName: 'scale',
    remoteName: 'peer',
    projectKey: `P${connection}`,
    destination: 'unknown',
    remoteTracker: 'azure-devops',
    localIsPrivate: false,
    peer: { nodeId: 'node_peer', publicKey: 'peer-public-key', nodeUrl: null, tracker: 'azure-devops' },
    invitationExpiresAt: null,
    createdAt: now,
    updatedAt: now,
  };
}

function changeEntry(connection: number, item: number, sequence: number, now: number): Omit<QueueEntry, 'position'> {
  const sourceKey = sourceKeyOf(connection, item);
  return {
    connectionId: connectionIdOf(connection),
    direction: 'inbound',
    itemKey: sourceKey,
    envelope: {
      kind: 'change',
      id: `chg_${connection}_${item}_${sequence}`,
      sourceKey,
      sequence,
      replica: { key: sourceKey, summary: summaryOf(sourceKey, sequence) },
      createdAt: now,
    },
    state: 'queued',
    attempts: 0,
    nextAttemptAt: now,
    lastError: null,
    createdAt: now,
    updatedAt: now,
  };
}

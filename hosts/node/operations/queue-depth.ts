import { queueStates, type StoreV1 } from '../../../core';
import type { QueueDepthSample } from './node-metrics';

/** Every connection's queue sizes, as the store counts them (all processes together). */
export async function readQueueDepth(store: StoreV1): Promise<readonly QueueDepthSample[]> {
  const samples: QueueDepthSample[] = [];
  for (const connection of await store.listConnections()) {
    const counts = await store.countQueue(connection.id);
    for (const direction of ['outbound', 'inbound'] as const) {
      for (const state of queueStates) samples.push({ connectionId: connection.id, direction, state, entries: counts[direction][state] });
    }
  }
  return samples;
}

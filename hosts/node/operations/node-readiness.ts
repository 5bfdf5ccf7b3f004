import type { StoreV1 } from '../../../core';
import type { ClaimLedger } from './claim-ledger';

export type Readiness = { readonly ready: true } | { readonly ready: false; readonly reason: string };

/** A store that can say more than "it answers" (PostgresStore: whether its migrations are applied). */
interface ReadinessCheck {
  checkReadiness(): Promise<Readiness>;
}

function hasReadinessCheck(store: StoreV1): store is StoreV1 & ReadinessCheck {
  return typeof (store as Partial<ReadinessCheck>).checkReadiness === 'function';
}

/**
 * Ready when the node is not shutting down and its store answers with every migration applied.
 * SQLite applies its migrations while opening, so for it a read that answers is enough.
 */
export async function checkNodeReadiness(store: StoreV1, ledger: ClaimLedger): Promise<Readiness> {
  if (ledger.isDraining) return { ready: false, reason: 'the node is shutting down' };
  try {
    if (hasReadinessCheck(store)) return await store.checkReadiness();
    await store.getSetting('readiness_probe');
    return { ready: true };
  } catch (error) {
    return { ready: false, reason: `the store cannot be reached: ${error instanceof Error ? error.message : String(error)}` };
  }
}

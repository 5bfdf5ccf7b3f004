import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConsoleConnection } from './admin-answers';
import type { ConsoleClient } from './operation-client';

/**
 * How often the list is read again while a connection is Pending: the initiator sees it turn
 * Active soon after the other side accepts, without a reload. A GET of the list is a few hundred
 * bytes; polling stops as soon as nothing is Pending, and skips while the tab is hidden.
 */
export const pendingPollMilliseconds = 3000;

/** Whether the list can still change by itself (the other side accepting an invitation). */
export function isWaitingForPeer(connections: readonly ConsoleConnection[] | null): boolean {
  return connections?.some((connection) => connection.status === 'pending') ?? false;
}

export interface ConnectionsView {
  /** null until the first answer. */
  readonly connections: readonly ConsoleConnection[] | null;
  /** Why the list could not be read, or null. */
  readonly failure: string | null;
  readonly refresh: () => Promise<void>;
}

export function useConnections(client: Pick<ConsoleClient, 'listConnections'>): ConnectionsView {
  const [connections, setConnections] = useState<readonly ConsoleConnection[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  // Answers can cross (a poll and an action's refresh); only the latest request may set the list.
  const latest = useRef(0);

  const refresh = useCallback(async () => {
    const request = ++latest.current;
    const answer = await client.listConnections();
    if (request !== latest.current) return;
    if (answer.ok) {
      setConnections(answer.value);
      setFailure(null);
    } else {
      setFailure(answer.error.message);
    }
  }, [client]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const waiting = isWaitingForPeer(connections);
  useEffect(() => {
    if (!waiting) return undefined;
    const timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') void refresh();
    }, pendingPollMilliseconds);
    return () => clearInterval(timer);
  }, [waiting, refresh]);

  return { connections, failure, refresh };
}

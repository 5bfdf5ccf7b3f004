import { useCallback, useEffect, useMemo, useState } from 'react';
import { createHttpTransport } from '../../console-kit/http-transport';
import { createConsoleClient, type ConsoleClient } from '../../console-kit/operation-client';
import { chooseNodeUrl } from './hub-host';
import type { WorkItemHost } from './work-item-host';

export type WorkItemNode =
  | { readonly status: 'loading' }
  /** This user saved no node URL: the organization's copy, if any, is offered to check and save. */
  | { readonly status: 'missing'; readonly suggestion: string | null; readonly failure: string | null }
  | { readonly status: 'ready'; readonly client: ConsoleClient };

/**
 * The node a work item's surfaces talk to, chosen as the hub chooses it (chooseNodeUrl: only the
 * URL this user saved, scope User, ever gets the app token) and called with the SDK's app token.
 */
export function useWorkItemNode(node: WorkItemHost['node']): { readonly state: WorkItemNode; readonly adoptSuggestion: (url: string) => Promise<void> } {
  const [choice, setChoice] = useState<{ nodeUrl: string | null; suggestion: string | null; failure: string | null } | null>(null);
  useEffect(() => {
    let current = true;
    Promise.all([node.readNodeUrl(), node.readSuggestedNodeUrl()]).then(
      ([own, suggested]) => current && setChoice({ ...chooseNodeUrl(own, suggested), failure: null }),
      (error: unknown) => current && setChoice({ nodeUrl: null, suggestion: null, failure: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [node]);
  const client = useMemo(
    () =>
      choice?.nodeUrl
        ? createConsoleClient(createHttpTransport({ adminApi: `${choice.nodeUrl}/api/v1`, authorization: async () => `Bearer ${await node.appToken()}` }))
        : null,
    [node, choice?.nodeUrl],
  );
  const adoptSuggestion = useCallback(
    async (url: string) => {
      try {
        await node.saveNodeUrl(url);
        setChoice({ nodeUrl: url, suggestion: null, failure: null });
      } catch (error) {
        setChoice((previous) => ({ nodeUrl: null, suggestion: previous?.suggestion ?? null, failure: error instanceof Error ? error.message : String(error) }));
      }
    },
    [node],
  );
  const state: WorkItemNode =
    choice === null
      ? { status: 'loading' }
      : client === null
        ? { status: 'missing', suggestion: choice.suggestion, failure: choice.failure }
        : { status: 'ready', client };
  return { state, adoptSuggestion };
}

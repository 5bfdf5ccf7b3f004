import { useCallback, useEffect, useState } from 'react';
import type { InstanceAnswer } from './admin-answers';
import type { ConsoleClient } from './operation-client';

export type InstanceView =
  { readonly status: 'loading' } | { readonly status: 'loaded'; readonly instance: InstanceAnswer } | { readonly status: 'failed'; readonly message: string };

/** `GET /instance`: what the header, General settings and the wizards need to know up front. */
export function useInstance(client: Pick<ConsoleClient, 'describeInstance'>): { readonly view: InstanceView; readonly reload: () => void } {
  const [view, setView] = useState<InstanceView>({ status: 'loading' });
  const reload = useCallback(() => {
    setView({ status: 'loading' });
    void client
      .describeInstance()
      .then((answer) => setView(answer.ok ? { status: 'loaded', instance: answer.value } : { status: 'failed', message: answer.error.message }));
  }, [client]);
  useEffect(reload, [reload]);
  return { view, reload };
}

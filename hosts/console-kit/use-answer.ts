import { useCallback, useEffect, useRef, useState } from 'react';
import type { AdminFailure } from './admin-failure';
import type { Result } from './browser-core';

export type AnswerView<T> =
  { readonly status: 'loading' } | { readonly status: 'loaded'; readonly value: T } | { readonly status: 'failed'; readonly message: string };

/**
 * One admin API read held by a component: loading, the answer, or the node's message; reloads
 * when `load` changes (a new connection picked) and on `reload()`. A late answer to an old
 * request is dropped, so a quick switch never shows the previous connection's data.
 */
export function useAnswer<T>(load: (() => Promise<Result<T, AdminFailure>>) | null): { readonly view: AnswerView<T>; readonly reload: () => void } {
  const [view, setView] = useState<AnswerView<T>>({ status: 'loading' });
  const latest = useRef(0);
  const reload = useCallback(() => {
    if (load === null) return;
    const request = ++latest.current;
    void load().then((answer) => {
      if (request !== latest.current) return;
      setView(answer.ok ? { status: 'loaded', value: answer.value } : { status: 'failed', message: answer.error.message });
    });
  }, [load]);
  useEffect(reload, [reload]);
  return { view, reload };
}

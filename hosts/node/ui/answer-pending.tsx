import type { AnswerView } from '../../console-kit/use-answer';

/** What a tab shows before its answer is in: "Loading…" (announced politely), or the node's message. */
export function AnswerPending({ view, loading }: { readonly view: Exclude<AnswerView<unknown>, { status: 'loaded' }>; readonly loading: string }) {
  return view.status === 'failed' ? (
    <p className="message message-error" role="alert">
      {view.message}
    </p>
  ) : (
    <p className="muted" role="status">
      {loading}
    </p>
  );
}

import type { ScriptNotice } from '../../console-kit/script-editor-session';

/** What the last action did: a success or the node's own message. */
export type Notice = ScriptNotice;

/**
 * The outcome of the last action, in a live region that is always there (a region added together
 * with its text is not read out): successes are announced politely, errors at once.
 */
export function NoticeBanner({ notice, onDismiss }: { readonly notice: Notice; readonly onDismiss: () => void }) {
  return (
    <div aria-live="polite" aria-atomic="true">
      {notice === null ? null : (
        <div className={`message message-${notice.kind} banner`}>
          {/* The alert is the message alone: "Dismiss" is not read out as part of it. */}
          <p role={notice.kind === 'error' ? 'alert' : 'status'}>{notice.text}</p>
          <button type="button" className="banner-close" aria-label="Dismiss" onClick={onDismiss}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}

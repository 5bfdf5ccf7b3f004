import { useEffect, useRef, useState } from 'react';
import { sessionHandOverMessageSchema } from './session-hand-over-message';

export interface JiraServerItemSignInProps {
  readonly issueKey: string;
  /** The node's Jira entry for this issue, or null when the node has no incoming application link. */
  readonly entryUrl: string | null;
  /** Why the person is here again (a session the node no longer accepts), or null. */
  readonly message: string | null;
  readonly onSession: (session: string) => void;
}

export const sessionExpiredMessage = 'Your Exalate session ended (sessions last eight hours). Sign in again.';

/**
 * The panel without a session: one button that opens Jira's entry in a window of its own. The panel is
 * a frame inside Jira, where third-party cookies (the entry's state cookie) may be dropped, so the
 * entry runs top-level; its last page posts the session back here (session-hand-over-page.ts). Only a
 * message from that window, of this page's own origin, and for this issue, is taken.
 */
export function JiraServerItemSignIn({ issueKey, entryUrl, message, onSession }: JiraServerItemSignInProps) {
  const signInWindow = useRef<Window | null>(null);
  const [problem, setProblem] = useState<string | null>(message);
  const [waiting, setWaiting] = useState(false);

  useEffect(() => {
    const receive = (event: MessageEvent) => {
      if (event.origin !== window.location.origin || signInWindow.current === null || event.source !== signInWindow.current) return;
      const handedOver = sessionHandOverMessageSchema.safeParse(event.data);
      if (!handedOver.success || handedOver.data.issueKey !== issueKey) return;
      signInWindow.current = null;
      onSession(handedOver.data.session);
    };
    window.addEventListener('message', receive);
    return () => window.removeEventListener('message', receive);
  }, [issueKey, onSession]);

  const signIn = () => {
    if (entryUrl === null) return;
    // Not noopener: the entry's last page needs window.opener to hand the session back.
    const opened = window.open(entryUrl, 'exalate-jira-sign-in', 'popup,width=640,height=720');
    if (opened === null) {
      setProblem('Your browser blocked the sign-in window. Allow pop-ups from this Jira site, then choose Sign in to Exalate again.');
      return;
    }
    signInWindow.current = opened;
    setProblem(null);
    setWaiting(true);
  };

  return (
    <section className="item-sign-in" aria-labelledby="item-sign-in-title">
      <h1 id="item-sign-in-title" className="item-surface-title">
        Exalate · {issueKey}
      </h1>
      <p>Sign in to see where {issueKey} syncs and to Exalate it. A window opens, Jira tells Exalate who you are, and the window closes by itself.</p>
      <p className="muted">
        Only Jira administrators can use Exalate on issues for now. If you are not one, ask a Jira administrator to Exalate this issue for you.
      </p>
      {problem === null ? null : (
        <div className="message message-warning">
          <p role="alert">{problem}</p>
        </div>
      )}
      {entryUrl === null ? (
        <div className="message message-info">
          <p>
            This Exalate node cannot let people in from Jira yet. Ask whoever runs the node to set up Jira's incoming application link
            (JIRA_SERVER_OAUTH_CLIENT_ID and JIRA_SERVER_OAUTH_CLIENT_SECRET).
          </p>
        </div>
      ) : (
        <p>
          <button type="button" className="button button-primary" onClick={signIn}>
            Sign in to Exalate
          </button>
        </p>
      )}
      <p aria-live="polite" className="muted">
        {waiting ? 'Finish signing in in the window that opened.' : ''}
      </p>
    </section>
  );
}

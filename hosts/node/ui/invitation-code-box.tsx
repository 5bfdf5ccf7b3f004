import { useEffect, useRef } from 'react';
import { wizardLabels, wizardNotices, wizardPreviewLabels } from '../../console-kit/browser-core';

export interface InvitationCodeBoxProps {
  readonly invitationCode: string;
  /** The Destination Instance URL, or "unknown" for a private destination. */
  readonly destination: string;
  /** When the code stops working, in words ("2026-11-25 14:00 UTC"). */
  readonly expires: string;
  readonly copied: boolean;
  /** Set when copying failed: the code is then selected so the admin can copy it by hand. */
  readonly copyFailed: boolean;
}

/** The last step of Initiate Connection (and Show invitation code): the code to send, where it goes, until when. */
export function InvitationCodeBox({ invitationCode, destination, expires, copied, copyFailed }: InvitationCodeBoxProps) {
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (!copyFailed || !box.current) return;
    box.current.focus();
    box.current.select();
  }, [copyFailed]);
  return (
    <div className="invitation">
      <dl className="summary summary-compact">
        <div className="summary-row">
          <dt>{wizardLabels.destinationInstanceUrl}</dt>
          <dd>{destination}</dd>
        </div>
        <div className="summary-row">
          <dt>{wizardPreviewLabels.expires}</dt>
          <dd>{expires}</dd>
        </div>
      </dl>
      <p className="invitation-caption">{wizardLabels.useFollowingCode}</p>
      <textarea
        ref={box}
        className="input code-input invitation-code"
        aria-label={wizardLabels.invitationCode}
        readOnly
        // Tall enough for the whole code (about 70 characters a line), so nothing hides behind a scroll bar.
        rows={Math.min(14, Math.max(3, Math.ceil(invitationCode.length / 70)))}
        value={invitationCode}
        spellCheck={false}
        onFocus={(event) => event.currentTarget.select()}
      />
      <p className="message message-success" role="status" aria-live="polite">
        {copied ? wizardNotices.copiedToClipboard : ''}
      </p>
    </div>
  );
}

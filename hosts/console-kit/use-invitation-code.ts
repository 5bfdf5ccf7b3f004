import { useEffect, useState } from 'react';
import type { ConsoleConnection } from './admin-answers';
import { formatInvitationExpiry, wizardMessages } from './browser-core';
import type { ConsoleClient } from './operation-client';

/** The words of "Show invitation code", shared by the three consoles. */
export const invitationCodeWords = {
  show: 'Show invitation code',
  title: (connection: ConsoleConnection): string => `Invitation code: ${connection.name}`,
  loading: 'Reading the invitation code…',
  close: 'Close',
} as const;

export type InvitationCodeView =
  | { readonly status: 'loading' }
  | { readonly status: 'loaded'; readonly invitationCode: string; readonly expires: string }
  | { readonly status: 'failed'; readonly message: string };

export interface InvitationCode {
  readonly view: InvitationCodeView;
  readonly copied: boolean;
  /** Set when the browser refused to copy: the wizard's words on copying by hand. */
  readonly copyProblem: string | null;
  copy(): Promise<void>;
}

/**
 * A Pending connection's invitation code, read again from the node when the dialog opens, and
 * copied the way the wizard's last step copies it. A code already used, expired or deleted
 * comes back as the node's message, which says what to do instead.
 */
export function useInvitationCode(client: ConsoleClient, connection: ConsoleConnection, clipboard: Pick<Clipboard, 'writeText'> | undefined): InvitationCode {
  const [view, setView] = useState<InvitationCodeView>({ status: 'loading' });
  const [copied, setCopied] = useState(false);
  const [copyProblem, setCopyProblem] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void client.readInvitation(connection.id).then((answer) => {
      if (!current) return;
      setView(
        answer.ok
          ? { status: 'loaded', invitationCode: answer.value.invitationCode, expires: formatInvitationExpiry(answer.value.expiresAt) }
          : { status: 'failed', message: answer.error.message },
      );
    });
    return () => {
      current = false;
    };
  }, [client, connection.id]);

  const copy = async () => {
    if (view.status !== 'loaded') return;
    try {
      // The Clipboard API is missing outside secure contexts and may be refused by the browser.
      if (clipboard === undefined) throw new Error('no clipboard');
      await clipboard.writeText(view.invitationCode);
      setCopied(true);
      setCopyProblem(null);
    } catch {
      setCopied(false);
      setCopyProblem(wizardMessages.copyFailed);
    }
  };
  return { view, copied, copyProblem, copy };
}

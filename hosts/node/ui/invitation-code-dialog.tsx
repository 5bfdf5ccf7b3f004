import { invitationCodeWords, useInvitationCode } from '../../console-kit/use-invitation-code';
import type { ConnectionDialogProps } from '../../console-kit/connection-dialogs';
import { wizardLabels } from '../../console-kit/browser-core';
import { InvitationCodeBox } from './invitation-code-box';
import { ModalDialog } from './modal-dialog';

/** Show invitation code: a Pending connection's code again, as the wizard's last step showed it. */
export function InvitationCodeDialog({ client, connection, onClose }: ConnectionDialogProps) {
  const code = useInvitationCode(client, connection, typeof navigator === 'undefined' ? undefined : navigator.clipboard);
  const { view } = code;
  return (
    <ModalDialog title={invitationCodeWords.title(connection)} closeLabel={invitationCodeWords.close} busy={view.status === 'loading'} onDismiss={onClose}>
      <div className="modal-body">
        {view.status === 'loading' ? (
          <p className="muted" role="status">
            {invitationCodeWords.loading}
          </p>
        ) : null}
        {view.status === 'failed' ? (
          <p className="message message-error" role="alert">
            {view.message}
          </p>
        ) : null}
        {view.status === 'loaded' ? (
          <InvitationCodeBox
            invitationCode={view.invitationCode}
            destination={connection.destination}
            expires={view.expires}
            copied={code.copied}
            copyFailed={code.copyProblem !== null}
          />
        ) : null}
        {code.copyProblem === null ? null : (
          <p className="message message-error" role="alert">
            {code.copyProblem}
          </p>
        )}
      </div>
      <footer className="modal-footer">
        <button type="button" className="button button-default" onClick={onClose}>
          {invitationCodeWords.close}
        </button>
        {view.status === 'loaded' ? (
          <button type="button" className="button button-primary" onClick={() => void code.copy()} autoFocus>
            {code.copied ? wizardLabels.copied : wizardLabels.copyInvitationCode}
          </button>
        ) : null}
      </footer>
    </ModalDialog>
  );
}

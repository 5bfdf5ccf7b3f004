import { ContentSize } from 'azure-devops-ui/Callout';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { Panel } from 'azure-devops-ui/Panel';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { wizardLabels, wizardNotices } from '../../console-kit/browser-core';
import type { ConnectionDialogProps } from '../../console-kit/connection-dialogs';
import { invitationCodeWords, useInvitationCode } from '../../console-kit/use-invitation-code';
import { InvitationCodeDetails } from './invitation-code-details';

/** Show invitation code: a Pending connection's code again, in the side panel the wizard used. */
export function InvitationCodePanel({ client, connection, onClose }: ConnectionDialogProps) {
  const code = useInvitationCode(client, connection, typeof navigator === 'undefined' ? undefined : navigator.clipboard);
  const { view } = code;
  return (
    <Panel
      onDismiss={onClose}
      titleProps={{ text: invitationCodeWords.title(connection) }}
      size={ContentSize.Medium}
      footerButtonProps={[
        { text: invitationCodeWords.close, onClick: onClose },
        ...(view.status === 'loaded'
          ? [{ text: code.copied ? wizardLabels.copied : wizardLabels.copyInvitationCode, primary: true, onClick: () => void code.copy() }]
          : []),
      ]}
    >
      <div className="exalate-wizard flex-column rhythm-vertical-16">
        {view.status === 'loading' ? <Spinner size={SpinnerSize.medium} label={invitationCodeWords.loading} /> : null}
        {view.status === 'failed' ? (
          <div role="alert">
            <MessageCard severity={MessageCardSeverity.Warning}>{view.message}</MessageCard>
          </div>
        ) : null}
        {view.status === 'loaded' ? (
          <InvitationCodeDetails destination={connection.destination} expires={view.expires} invitationCode={view.invitationCode} />
        ) : null}
        <div aria-live="polite">
          {code.copied ? <MessageCard severity={MessageCardSeverity.Info}>{wizardNotices.copiedToClipboard}</MessageCard> : null}
          {code.copyProblem === null ? null : <MessageCard severity={MessageCardSeverity.Error}>{code.copyProblem}</MessageCard>}
        </div>
      </div>
    </Panel>
  );
}

import { ContentSize } from 'azure-devops-ui/Callout';
import { FormItem } from 'azure-devops-ui/FormItem';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { Panel } from 'azure-devops-ui/Panel';
import { Spinner, SpinnerSize } from 'azure-devops-ui/Spinner';
import { TextField, TextFieldWidth } from 'azure-devops-ui/TextField';
import type { ConsoleConnection } from '../../console-kit/admin-answers';
import { wizardLabels, wizardNotices, wizardPreviewLabels } from '../../console-kit/browser-core';
import type { ConsoleClient } from '../../console-kit/operation-client';
import { invitationCodeWords, useInvitationCode } from '../../console-kit/use-invitation-code';

/** Show invitation code: a Pending connection's code again, in the side panel the wizard used. */
export function InvitationCodePanel({ client, connection, onDismiss }: { readonly client: ConsoleClient; readonly connection: ConsoleConnection; readonly onDismiss: () => void }) {
  const code = useInvitationCode(client, connection, typeof navigator === 'undefined' ? undefined : navigator.clipboard);
  const { view } = code;
  return (
    <Panel
      onDismiss={onDismiss}
      titleProps={{ text: invitationCodeWords.title(connection) }}
      size={ContentSize.Medium}
      footerButtonProps={[
        { text: invitationCodeWords.close, onClick: onDismiss },
        ...(view.status === 'loaded' ? [{ text: code.copied ? wizardLabels.copied : wizardLabels.copyInvitationCode, primary: true, onClick: () => void code.copy() }] : []),
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
          <div className="flex-column rhythm-vertical-8">
            <div>
              <span className="font-weight-semibold">{wizardLabels.destinationInstanceUrl}:</span> {connection.destination}
            </div>
            <div>
              <span className="font-weight-semibold">{wizardPreviewLabels.expires}:</span> {view.expires}
            </div>
            <FormItem label={wizardLabels.useFollowingCode}>
              <TextField ariaLabel={wizardLabels.invitationCode} value={view.invitationCode} readOnly multiline rows={Math.min(12, Math.ceil(view.invitationCode.length / 48))} width={TextFieldWidth.auto} className="exalate-code" />
            </FormItem>
          </div>
        ) : null}
        <div aria-live="polite">
          {code.copied ? <MessageCard severity={MessageCardSeverity.Info}>{wizardNotices.copiedToClipboard}</MessageCard> : null}
          {code.copyProblem === null ? null : <MessageCard severity={MessageCardSeverity.Error}>{code.copyProblem}</MessageCard>}
        </div>
      </div>
    </Panel>
  );
}

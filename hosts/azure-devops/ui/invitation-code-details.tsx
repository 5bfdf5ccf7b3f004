import { FormItem } from 'azure-devops-ui/FormItem';
import { TextField, TextFieldWidth } from 'azure-devops-ui/TextField';
import type { ReactNode } from 'react';
import { wizardLabels, wizardPreviewLabels } from '../../console-kit/browser-core';

/**
 * An invitation code as the admin hands it over: where it leads, until when it works, and the code
 * itself, read-only and tall enough to show it whole. The wizard's last step and Show invitation
 * code draw the same block; `children` adds what each says below it.
 */
export function InvitationCodeDetails({
  destination,
  expires,
  invitationCode,
  children,
}: {
  readonly destination: string;
  readonly expires: string;
  readonly invitationCode: string;
  readonly children?: ReactNode;
}) {
  return (
    <div className="flex-column rhythm-vertical-8">
      <div>
        <span className="font-weight-semibold">{wizardLabels.destinationInstanceUrl}:</span> {destination}
      </div>
      <div>
        <span className="font-weight-semibold">{wizardPreviewLabels.expires}:</span> {expires}
      </div>
      <FormItem label={wizardLabels.useFollowingCode}>
        <TextField
          ariaLabel={wizardLabels.invitationCode}
          value={invitationCode}
          readOnly
          multiline
          rows={Math.min(12, Math.ceil(invitationCode.length / 48))}
          width={TextFieldWidth.auto}
          className="exalate-code"
        />
      </FormItem>
      {children}
    </div>
  );
}

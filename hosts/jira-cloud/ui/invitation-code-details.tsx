import { Label } from '@atlaskit/form';
import { Text } from '@atlaskit/primitives';
import TextArea from '@atlaskit/textarea';
import { wizardLabels, wizardPreviewLabels } from '../../console-kit/browser-core';

/**
 * An invitation code as the admin hands it over: where it leads, until when it works, and the code
 * itself, read-only, selected whole on focus. The wizard's last step and Show invitation code
 * draw the same lines, inside a Stack of their own.
 */
export function InvitationCodeDetails({
  codeId,
  destination,
  expires,
  invitationCode,
}: {
  readonly codeId: string;
  readonly destination: string;
  readonly expires: string;
  readonly invitationCode: string;
}) {
  return (
    <>
      <Text as="p">
        <Text weight="bold">{wizardLabels.destinationInstanceUrl}:</Text> {destination}
      </Text>
      <Text as="p">
        <Text weight="bold">{wizardPreviewLabels.expires}:</Text> {expires}
      </Text>
      <Label htmlFor={codeId}>{wizardLabels.useFollowingCode}</Label>
      <TextArea
        id={codeId}
        aria-label={wizardLabels.invitationCode}
        value={invitationCode}
        isReadOnly
        isMonospaced
        minimumRows={Math.min(12, Math.ceil(invitationCode.length / 60))}
        onFocus={(event) => event.currentTarget.select()}
      />
    </>
  );
}

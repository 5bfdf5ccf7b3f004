import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import { Box, Stack } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { useId } from 'react';
import { wizardLabels, wizardNotices } from '../../console-kit/browser-core';
import type { ConnectionDialogProps } from '../../console-kit/connection-dialogs';
import { invitationCodeWords, useInvitationCode } from '../../console-kit/use-invitation-code';
import { InvitationCodeDetails } from './invitation-code-details';

/** Show invitation code: a Pending connection's code again, laid out as the wizard's last step. */
export function InvitationCodeModal({ client, connection, onClose }: ConnectionDialogProps) {
  const id = useId();
  const code = useInvitationCode(client, connection, typeof navigator === 'undefined' ? undefined : navigator.clipboard);
  const { view } = code;
  return (
    <Modal onClose={onClose} width="medium" label={invitationCodeWords.title(connection)}>
      <ModalHeader hasCloseButton closeButtonLabel={invitationCodeWords.close}>
        <ModalTitle>{invitationCodeWords.title(connection)}</ModalTitle>
      </ModalHeader>
      <ModalBody>
        <Stack space="space.100">
          {view.status === 'loading' ? <Spinner label={invitationCodeWords.loading} /> : null}
          {view.status === 'failed' ? (
            <div role="alert">
              <SectionMessage appearance="warning">{view.message}</SectionMessage>
            </div>
          ) : null}
          {view.status === 'loaded' ? (
            <InvitationCodeDetails codeId={`${id}-code`} destination={connection.destination} expires={view.expires} invitationCode={view.invitationCode} />
          ) : null}
          <Box aria-live="polite">
            {code.copied ? <SectionMessage appearance="success">{wizardNotices.copiedToClipboard}</SectionMessage> : null}
            {code.copyProblem === null ? null : <SectionMessage appearance="error">{code.copyProblem}</SectionMessage>}
          </Box>
        </Stack>
      </ModalBody>
      <ModalFooter>
        <Button appearance="subtle" onClick={onClose}>
          {invitationCodeWords.close}
        </Button>
        {view.status === 'loaded' ? (
          <Button appearance="primary" autoFocus onClick={() => void code.copy()}>
            {code.copied ? wizardLabels.copied : wizardLabels.copyInvitationCode}
          </Button>
        ) : null}
      </ModalFooter>
    </Modal>
  );
}

import Button from '@atlaskit/button/new';
import { Label } from '@atlaskit/form';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import { Box, Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import TextArea from '@atlaskit/textarea';
import { useId } from 'react';
import type { ConsoleConnection } from '../../console-kit/admin-answers';
import { wizardLabels, wizardNotices, wizardPreviewLabels } from '../../console-kit/browser-core';
import type { ConsoleClient } from '../../console-kit/operation-client';
import { invitationCodeWords, useInvitationCode } from '../../console-kit/use-invitation-code';

/** Show invitation code: a Pending connection's code again, laid out as the wizard's last step. */
export function InvitationCodeModal({ client, connection, onClose }: { readonly client: ConsoleClient; readonly connection: ConsoleConnection; readonly onClose: () => void }) {
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
            <>
              <Text as="p">
                <Text weight="bold">{wizardLabels.destinationInstanceUrl}:</Text> {connection.destination}
              </Text>
              <Text as="p">
                <Text weight="bold">{wizardPreviewLabels.expires}:</Text> {view.expires}
              </Text>
              <Label htmlFor={`${id}-code`}>{wizardLabels.useFollowingCode}</Label>
              <TextArea id={`${id}-code`} aria-label={wizardLabels.invitationCode} value={view.invitationCode} isReadOnly isMonospaced minimumRows={Math.min(12, Math.ceil(view.invitationCode.length / 60))} onFocus={(event) => event.currentTarget.select()} />
            </>
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

import Button from '@atlaskit/button/new';
import { HelperMessage, Label } from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import type { ReactNode } from 'react';
import type { ConnectionDialogProps } from '../../console-kit/connection-dialogs';
import { useStartSyncWays, type StartSyncFieldWay, type StartSyncWay } from '../../console-kit/use-start-sync';
import { NoticeBanner } from './notice-banner';

/** Start synchronization of an Active connection, from its row: add a trigger (JQL), bulk sync, or sync one issue. */
export function StartSyncModal({ client, connection, onClose }: ConnectionDialogProps) {
  const { text, sync, trigger, bulk, item } = useStartSyncWays(client, connection, 'jira-cloud');
  return (
    <Modal onClose={onClose} width="medium" label={text.title(connection)}>
      <ModalHeader hasCloseButton closeButtonLabel={text.close}>
        <ModalTitle>{text.title(connection)}</ModalTitle>
      </ModalHeader>
      <ModalBody>
        <Stack space="space.200">
          <Text as="p" color="color.text.subtle">
            {text.intro}
          </Text>
          <NoticeBanner notice={sync.notice} />
          <FieldWay way={trigger} />
          <Way way={bulk}>
            <Button isDisabled={sync.busy !== null} isLoading={bulk.working} onClick={() => void bulk.run()}>
              {bulk.button}
            </Button>
          </Way>
          <FieldWay way={item} />
        </Stack>
      </ModalBody>
      <ModalFooter>
        <Button appearance="subtle" onClick={onClose}>
          {text.close}
        </Button>
      </ModalFooter>
    </Modal>
  );
}

function FieldWay({ way }: { readonly way: StartSyncFieldWay }) {
  return (
    <Way way={way}>
      <form aria-labelledby={way.headingId} onSubmit={way.submit}>
        <Inline space="space.100" alignBlock="end">
          <div style={{ flexGrow: 1 }}>
            <Label htmlFor={way.fieldId}>{way.label}</Label>
            <Textfield
              id={way.fieldId}
              value={way.value}
              placeholder={way.example}
              isMonospaced={way.isQuery}
              onChange={(event) => way.setValue(event.currentTarget.value)}
            />
          </div>
          <Button type="submit" appearance={way.isQuery ? 'primary' : 'default'} isDisabled={way.disabled} isLoading={way.working}>
            {way.button}
          </Button>
        </Inline>
      </form>
    </Way>
  );
}

function Way({ way, children }: { readonly way: StartSyncWay; readonly children: ReactNode }) {
  return (
    <section aria-labelledby={way.headingId}>
      <Heading size="xsmall" as="h3" id={way.headingId}>
        {way.heading}
      </Heading>
      <HelperMessage>{way.help}</HelperMessage>
      <Box paddingBlockStart="space.100">{children}</Box>
    </section>
  );
}

import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import { Stack, Text } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import type { ConsoleConnection } from '../../console-kit/admin-answers';
import { whatSyncsView } from '../../console-kit/what-syncs';

/** A Basic connection's fixed set, read-only, where a Script connection opens its scripts. */
export function WhatSyncsModal({ connection, onClose }: { readonly connection: ConsoleConnection; readonly onClose: () => void }) {
  const view = whatSyncsView(connection);
  return (
    <Modal onClose={onClose} width="medium" label={view.title}>
      <ModalHeader hasCloseButton closeButtonLabel={view.close}>
        <ModalTitle>{view.title}</ModalTitle>
      </ModalHeader>
      <ModalBody>
        <Stack space="space.150">
          <Text as="p">{view.intro}</Text>
          <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 16, rowGap: 6, margin: 0, padding: 0 }}>
            {view.fields.map((field) => (
              <div key={field.name} style={{ display: 'contents' }}>
                <dt>
                  <Text weight="medium">{field.label}</Text>
                </dt>
                <dd style={{ margin: 0 }}>
                  <Text color="color.text.subtle">{field.detail}</Text>
                </dd>
              </div>
            ))}
          </dl>
          <SectionMessage appearance="information">{view.modeIsFixed}</SectionMessage>
        </Stack>
      </ModalBody>
      <ModalFooter>
        <Button appearance="primary" onClick={onClose}>
          {view.close}
        </Button>
      </ModalFooter>
    </Modal>
  );
}

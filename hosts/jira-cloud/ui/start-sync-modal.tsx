import Button from '@atlaskit/button/new';
import { HelperMessage, Label } from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import Textfield from '@atlaskit/textfield';
import { useId, type ReactNode } from 'react';
import type { ConsoleConnection } from '../../console-kit/admin-answers';
import { trackerWords } from '../../console-kit/tracker-words';
import type { ConsoleClient } from '../../console-kit/operation-client';
import { startSyncWords, useStartSync, useStartSyncFields } from '../../console-kit/use-start-sync';
import { NoticeBanner } from './notice-banner';

/** Start synchronization of an Active connection, from its row: add a trigger (JQL), bulk sync, or sync one issue. */
export function StartSyncModal({
  client,
  connection,
  onClose,
}: {
  readonly client: ConsoleClient;
  readonly connection: ConsoleConnection;
  readonly onClose: () => void;
}) {
  const id = useId();
  const words = trackerWords['jira-cloud'];
  const text = startSyncWords(words);
  const sync = useStartSync(client, connection, 'jira-cloud');
  const { query, setQuery, itemKey, setItemKey, submitTrigger, submitItem } = useStartSyncFields(sync);
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
          <Way headingId={`${id}-trigger`} heading={text.trigger.heading} help={text.trigger.help}>
            <form aria-labelledby={`${id}-trigger`} onSubmit={submitTrigger}>
              <Inline space="space.100" alignBlock="end">
                <div style={{ flexGrow: 1 }}>
                  <Label htmlFor={`${id}-query`}>{words.queryLabel}</Label>
                  <Textfield
                    id={`${id}-query`}
                    value={query}
                    placeholder={words.queryExample}
                    isMonospaced
                    onChange={(event) => setQuery(event.currentTarget.value)}
                  />
                </div>
                <Button type="submit" appearance="primary" isDisabled={sync.busy !== null || query.trim() === ''} isLoading={sync.busy === 'trigger'}>
                  {text.trigger.button}
                </Button>
              </Inline>
            </form>
          </Way>
          <Way headingId={`${id}-bulk`} heading={text.bulk.heading} help={text.bulk.help}>
            <Button isDisabled={sync.busy !== null} isLoading={sync.busy === 'bulk'} onClick={() => void sync.bulkSync()}>
              {text.bulk.button}
            </Button>
          </Way>
          <Way headingId={`${id}-item`} heading={text.item.heading} help={text.item.help}>
            <form aria-labelledby={`${id}-item`} onSubmit={submitItem}>
              <Inline space="space.100" alignBlock="end">
                <div style={{ flexGrow: 1 }}>
                  <Label htmlFor={`${id}-key`}>{words.itemKeyLabel}</Label>
                  <Textfield id={`${id}-key`} value={itemKey} placeholder={words.itemKeyExample} onChange={(event) => setItemKey(event.currentTarget.value)} />
                </div>
                <Button type="submit" isDisabled={sync.busy !== null || itemKey.trim() === ''} isLoading={sync.busy === 'item'}>
                  {text.item.button}
                </Button>
              </Inline>
            </form>
          </Way>
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

function Way({
  headingId,
  heading,
  help,
  children,
}: {
  readonly headingId: string;
  readonly heading: string;
  readonly help: string;
  readonly children: ReactNode;
}) {
  return (
    <section aria-labelledby={headingId}>
      <Heading size="xsmall" as="h3" id={headingId}>
        {heading}
      </Heading>
      <HelperMessage>{help}</HelperMessage>
      <Box paddingBlockStart="space.100">{children}</Box>
    </section>
  );
}

import Button from '@atlaskit/button/new';
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import SectionMessage from '@atlaskit/section-message';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import Toggle from '@atlaskit/toggle';
import { useId } from 'react';
import type { ConnectionDialogProps } from '../../console-kit/connection-dialogs';
import { trackerWords } from '../../console-kit/tracker-words';
import { useMappingTestRun, type MappingTestRun } from '../../console-kit/use-mapping-test-run';
import { useVisualMapping, type VisualMappingEditor } from '../../console-kit/use-visual-mapping';
import { setLocalFilter, setToggle } from '../../console-kit/visual-mapping-editing';
import { canRollBackTo, historyLineOf, historyStateWords, standingOf } from '../../console-kit/visual-mapping-editing-answer';
import { compiledLabels, filterLabels, mappingWords, toggleLabels } from '../../console-kit/visual-mapping-editing-words';
import { mappingTablesOf } from '../../console-kit/visual-mapping-tables';
import { NoticeBanner } from './notice-banner';
import { FieldRowsTable, ValueMapTable } from './visual-mapping-rows';
import { VisualMappingTestRun } from './visual-mapping-test-run';

const fullWidth = xcss({ width: '100%' });

/**
 * A Visual connection's mapping in Jira: the field rows, the value maps with the values no pair
 * places flagged, comments and attachments each way, each side's filter; Save draft and Publish;
 * the other side's proposal to approve or decline; the history with Roll back; and the scripts the
 * mapping compiles to, read only, with a test run on an issue.
 */
export function VisualMappingModal({ client, connection, onClose }: ConnectionDialogProps) {
  const editor = useVisualMapping(client, connection);
  const testRun = useMappingTestRun(client, connection.id, editor);
  const { answer, view, busy } = editor;
  return (
    <Modal onClose={onClose} width="x-large" label={mappingWords.title(connection)}>
      <ModalHeader hasCloseButton closeButtonLabel={mappingWords.close}>
        <ModalTitle>{mappingWords.title(connection)}</ModalTitle>
      </ModalHeader>
      <ModalBody>
        <Stack space="space.150">
          <Text as="p">{mappingWords.intro}</Text>
          <NoticeBanner notice={editor.notice} />
          {answer === null || view === null ? (
            editor.notice === null ? (
              <Text as="p" color="color.text.subtle">
                {mappingWords.loading}
              </Text>
            ) : null
          ) : (
            <Tabs id={`visual-mapping-${connection.id}`}>
              <TabList>
                <Tab>{mappingWords.tabs.mapping}</Tab>
                <Tab>{mappingWords.tabs.history}</Tab>
                <Tab>{mappingWords.tabs.scripts}</Tab>
              </TabList>
              <TabPanel>
                <Box paddingBlockStart="space.200" xcss={fullWidth}>
                  <MappingTab editor={editor} />
                </Box>
              </TabPanel>
              <TabPanel>
                <Box paddingBlockStart="space.200" xcss={fullWidth}>
                  <HistoryTab editor={editor} />
                </Box>
              </TabPanel>
              <TabPanel>
                <Box paddingBlockStart="space.200" xcss={fullWidth}>
                  <CompiledTab editor={editor} testRun={testRun} />
                </Box>
              </TabPanel>
            </Tabs>
          )}
        </Stack>
      </ModalBody>
      <ModalFooter>
        {editor.unsaved ? (
          <Text color="color.text.subtle" size="small">
            {mappingWords.unsaved}
          </Text>
        ) : null}
        <Button appearance="subtle" onClick={onClose}>
          {mappingWords.close}
        </Button>
        <Button isDisabled={view === null || busy !== null} isLoading={busy === 'saving'} onClick={() => void editor.saveDraft()}>
          {mappingWords.saveDraft}
        </Button>
        <Button appearance="primary" isDisabled={!editor.canPublish} isLoading={busy === 'publishing'} onClick={() => void editor.publish()}>
          {mappingWords.publish}
        </Button>
      </ModalFooter>
    </Modal>
  );
}

function MappingTab({ editor }: { readonly editor: VisualMappingEditor }) {
  const id = useId();
  const { answer, view, problems, edit, busy } = editor;
  const tables = mappingTablesOf(editor);
  if (answer === null || view === null || tables === null) return null;
  const incoming = answer.incomingProposal;
  return (
    <Stack space="space.200">
      {standingOf(answer).map((banner) =>
        banner.kind === 'decide' && incoming !== null ? (
          <SectionMessage key={banner.kind} appearance="warning" title={`Proposal: version ${incoming.version}`}>
            <Stack space="space.100">
              <Text as="p">{banner.text}</Text>
              <ul aria-label="Proposed changes">
                {incoming.diff.map((difference, index) => (
                  <li key={index}>{difference.words}</li>
                ))}
              </ul>
              <Inline space="space.100">
                <Button appearance="primary" isLoading={busy === 'approving'} isDisabled={busy !== null} onClick={() => void editor.approve()}>
                  {mappingWords.approve}
                </Button>
                <Button isLoading={busy === 'declining'} isDisabled={busy !== null} onClick={() => void editor.decline()}>
                  {mappingWords.decline}
                </Button>
              </Inline>
            </Stack>
          </SectionMessage>
        ) : (
          <SectionMessage key={banner.kind} appearance={banner.kind === 'waiting' ? 'information' : 'discovery'}>
            <Text as="p">{banner.text}</Text>
          </SectionMessage>
        ),
      )}
      {problems === null || problems.elsewhere.length === 0 ? null : (
        <SectionMessage appearance="error">
          {problems.elsewhere.map((message) => (
            <Text as="p" key={message}>
              {message}
            </Text>
          ))}
        </SectionMessage>
      )}
      <Stack space="space.100">
        <Heading size="small" as="h3">
          {mappingWords.fieldsHeading}
        </Heading>
        <FieldRowsTable model={tables.fields} />
      </Stack>
      <Stack space="space.150">
        <Heading size="small" as="h3">
          {mappingWords.valuesHeading}
        </Heading>
        {tables.valueMaps.map((valueMap) => (
          <ValueMapTable key={valueMap.kind} model={valueMap} />
        ))}
      </Stack>
      <Stack space="space.100">
        <Heading size="small" as="h3">
          {mappingWords.commentsAndAttachments}
        </Heading>
        {(['comments', 'attachments'] as const).flatMap((part) =>
          (['send', 'receive'] as const).map((way) => (
            <Inline key={`${part}-${way}`} space="space.050" alignBlock="center">
              <Toggle
                id={`${id}-${part}-${way}`}
                label={toggleLabels[part][way]}
                isChecked={view[part][way]}
                onChange={(event) => {
                  const on = event.currentTarget.checked;
                  edit((current) => setToggle(current, part, way, on));
                }}
              />
              <Label htmlFor={`${id}-${part}-${way}`}>{toggleLabels[part][way]}</Label>
            </Inline>
          )),
        )}
      </Stack>
      <Stack space="space.100">
        <Heading size="small" as="h3">
          {mappingWords.filtersHeading}
        </Heading>
        <div>
          <Label htmlFor={`${id}-filter`}>{`${filterLabels.local} — ${trackerWords[view.local.tracker].queryLabel}`}</Label>
          <Textfield
            id={`${id}-filter`}
            aria-label={filterLabels.local}
            value={view.local.filter ?? ''}
            placeholder={trackerWords[view.local.tracker].queryExample}
            isInvalid={(problems?.filters.local.length ?? 0) > 0}
            onChange={(event) => {
              const text = event.currentTarget.value;
              edit((current) => setLocalFilter(current, text));
            }}
          />
          <HelperMessage>{mappingWords.filterHelp}</HelperMessage>
          {(problems?.filters.local ?? []).map((message) => (
            <div role="alert" key={message}>
              <ErrorMessage>{message}</ErrorMessage>
            </div>
          ))}
        </div>
        <div>
          <Label htmlFor={`${id}-remote-filter`}>{filterLabels.remote}</Label>
          <Textfield id={`${id}-remote-filter`} aria-label={filterLabels.remote} value={view.remote.filter ?? mappingWords.noFilter} isReadOnly />
          <HelperMessage>{mappingWords.remoteFilterHelp}</HelperMessage>
          {(problems?.filters.remote ?? []).map((message) => (
            <div role="alert" key={message}>
              <ErrorMessage>{message}</ErrorMessage>
            </div>
          ))}
        </div>
      </Stack>
    </Stack>
  );
}

function HistoryTab({ editor }: { readonly editor: VisualMappingEditor }) {
  const { answer, busy } = editor;
  if (answer === null) return null;
  if (answer.history.length === 0)
    return (
      <Text as="p" color="color.text.subtle">
        {mappingWords.noHistory}
      </Text>
    );
  return (
    <ul aria-label="Published versions" style={{ listStyle: 'none', padding: 0 }}>
      {[...answer.history].reverse().map((entry) => (
        <li key={entry.version} style={{ paddingBlock: 8 }}>
          <Inline space="space.150" alignBlock="center" spread="space-between">
            <Stack space="space.050">
              <Inline space="space.100" alignBlock="center">
                <Text weight="bold">{`Version ${entry.version}`}</Text>
                <Lozenge
                  appearance={
                    entry.state === 'agreed' ? 'success' : entry.state === 'declined' ? 'removed' : entry.state === 'awaiting' ? 'inprogress' : 'default'
                  }
                >
                  {historyStateWords[entry.state]}
                </Lozenge>
              </Inline>
              <Text size="small" color="color.text.subtle">
                {historyLineOf(entry)}
              </Text>
            </Stack>
            {canRollBackTo(entry, answer) ? (
              <Button
                spacing="compact"
                aria-label={`${mappingWords.rollBack} to version ${entry.version}`}
                isDisabled={busy !== null}
                isLoading={busy === 'rolling-back'}
                onClick={() => void editor.rollBack(entry.version)}
              >
                {mappingWords.rollBack}
              </Button>
            ) : null}
          </Inline>
        </li>
      ))}
    </ul>
  );
}

function CompiledTab({ editor, testRun }: { readonly editor: VisualMappingEditor; readonly testRun: MappingTestRun }) {
  const id = useId();
  const { answer } = editor;
  if (answer === null) return null;
  return (
    <Stack space="space.150">
      <Text as="p">{mappingWords.compiledHelp}</Text>
      {(['outgoing', 'incoming'] as const).map((script) => (
        <div key={script}>
          <Label htmlFor={`${id}-${script}`}>{compiledLabels[script]}</Label>
          <TextArea id={`${id}-${script}`} isReadOnly isMonospaced minimumRows={10} maxHeight="24rem" value={answer.compiled[script]} />
        </div>
      ))}
      <VisualMappingTestRun testRun={testRun} />
    </Stack>
  );
}

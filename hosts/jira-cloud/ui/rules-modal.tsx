import Button from '@atlaskit/button/new';
import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import { Inline, Stack } from '@atlaskit/primitives';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useId, type CSSProperties } from 'react';
import type { ConnectionDialogProps } from '../../console-kit/connection-dialogs';
import { ScriptSideEditor } from '../../console-kit/script-side-editor';
import { scriptLabels } from '../../console-kit/script-editor-session';
import { useScriptsDialog } from '../../console-kit/use-scripts-dialog';
import { NoticeBanner } from './notice-banner';

/** The editor's frame in Atlassian's colours (ADS tokens, with their light values as fallbacks). */
const editorFrame = {
  '--script-editor-border': token('color.border.input', '#8590a2'),
  '--script-editor-focus': token('color.border.focused', '#388bff'),
  '--script-editor-radius': '3px',
  '--script-editor-min-height': '9rem',
  '--script-editor-max-height': '18rem',
} as CSSProperties;

/**
 * This side's outgoing and incoming scripts (Script mode), saved only when they compile (core checks
 * and answers with the line, which the editor marks), and a test run on an issue that shows the
 * replica and the changes without writing anything.
 */
export function RulesModal({ client, connection, onClose }: ConnectionDialogProps) {
  const id = useId();
  const { session, scriptApi, testKey: issueKey, setTestKey: setIssueKey, testDisabled, testRun, noticeArea } = useScriptsDialog(client, connection);
  const { rules } = session;

  return (
    <Modal onClose={onClose} width="x-large" label={`Scripts of ${connection.name}`}>
      <ModalHeader>
        <ModalTitle>Scripts: {connection.name}</ModalTitle>
      </ModalHeader>
      <ModalBody>
        <Stack space="space.150">
          <div ref={noticeArea}>
            <NoticeBanner notice={session.notice} />
          </div>
          {(['outgoing', 'incoming'] as const).map((side) => {
            const problem = session.problems[side];
            return (
              <div key={side} style={editorFrame}>
                {/* A contenteditable is not named by <label for>: the editor's aria-label carries the same words. */}
                <Label htmlFor={`${id}-${side}`}>{scriptLabels[side]}</Label>
                <ScriptSideEditor session={session} side={side} id={`${id}-${side}`} scriptApi={scriptApi} />
                {problem === null ? null : (
                  <div role="alert">
                    <ErrorMessage>
                      <span id={`${id}-${side}-error`}>{problem.message}</span>
                    </ErrorMessage>
                  </div>
                )}
              </div>
            );
          })}
          <Inline space="space.100" alignBlock="end">
            <div style={{ flexGrow: 1 }}>
              <Label htmlFor={`${id}-issue`}>Issue key for a test run</Label>
              <Textfield
                id={`${id}-issue`}
                value={issueKey}
                placeholder="SUP-12"
                aria-describedby={`${id}-issue-help`}
                onChange={(event) => setIssueKey(event.currentTarget.value)}
              />
            </div>
            <Button isDisabled={testDisabled} isLoading={session.busy === 'testing'} onClick={() => void testRun()}>
              Test run
            </Button>
          </Inline>
          <HelperMessage>
            <span id={`${id}-issue-help`}>{'A test run tries the scripts above, saved or not, and writes nothing.'}</span>
          </HelperMessage>
          {session.testResult === null ? null : <TextArea aria-label="Test run result" isReadOnly isMonospaced minimumRows={8} value={session.testResult} />}
        </Stack>
      </ModalBody>
      <ModalFooter>
        <Button appearance="subtle" onClick={onClose}>
          Close
        </Button>
        <Button
          appearance="primary"
          isDisabled={rules === null || session.busy === 'testing'}
          isLoading={session.busy === 'saving'}
          onClick={() => void session.save()}
        >
          Save
        </Button>
      </ModalFooter>
    </Modal>
  );
}

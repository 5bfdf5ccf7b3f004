import { Button } from 'azure-devops-ui/Button';
import { ContentSize } from 'azure-devops-ui/Callout';
import { FormItem } from 'azure-devops-ui/FormItem';
import { Panel } from 'azure-devops-ui/Panel';
import { TextField, TextFieldWidth } from 'azure-devops-ui/TextField';
import { useId } from 'react';
import type { ConnectionDialogProps } from '../../console-kit/connection-dialogs';
import { ScriptSideEditor } from '../../console-kit/script-side-editor';
import { scriptLabels } from '../../console-kit/script-editor-session';
import { useScriptsDialog } from '../../console-kit/use-scripts-dialog';
import { NoticeCard } from './notice-card';

/**
 * A connection's outgoing and incoming scripts in Azure DevOps' side panel: saved only when they
 * compile (the node names the line, which the editor marks), and a test run on a work item that
 * shows the replica and the changes without writing anything.
 */
export function ScriptsPanel({ client, connection, onClose }: ConnectionDialogProps) {
  const id = useId();
  const { session, scriptApi, testKey: workItemId, setTestKey: setWorkItemId, testDisabled, testRun, noticeArea } = useScriptsDialog(client, connection);
  const { rules, busy } = session;

  return (
    <Panel
      onDismiss={onClose}
      titleProps={{ text: `Scripts: ${connection.name}` }}
      description="Script mode: what this side sends (outgoing) and how it applies what it receives (incoming)."
      size={ContentSize.Large}
      footerButtonProps={[
        { text: 'Close', onClick: onClose },
        { text: 'Save', primary: true, disabled: rules === null || busy !== null, onClick: () => void session.save() },
      ]}
    >
      <div className="exalate-scripts flex-column rhythm-vertical-16">
        <div ref={noticeArea}>
          <NoticeCard notice={session.notice} onDismiss={session.dismissNotice} />
        </div>
        {(['outgoing', 'incoming'] as const).map((side) => {
          const problem = session.problems[side];
          return (
            <div key={side} className="exalate-script-field">
              {/* A contenteditable is not named by <label for>: the editor's aria-label carries the same words. */}
              <label className="exalate-script-label" htmlFor={`${id}-${side}`}>
                {scriptLabels[side]}
              </label>
              <ScriptSideEditor session={session} side={side} id={`${id}-${side}`} scriptApi={scriptApi} />
              {problem === null ? null : (
                <p id={`${id}-${side}-error`} className="exalate-script-error" role="alert">
                  {problem.message}
                </p>
              )}
            </div>
          );
        })}
        <div className="flex-row flex-end rhythm-horizontal-8 exalate-test-run">
          <FormItem label="Work item id for a test run" message={'A test run tries the scripts above, saved or not, and writes nothing.'}>
            <TextField
              ariaLabel="Work item id for a test run"
              value={workItemId}
              placeholder="42"
              width={TextFieldWidth.standard}
              onChange={(_event, value) => setWorkItemId(value)}
            />
          </FormItem>
          <Button text="Test run" disabled={testDisabled} onClick={() => void testRun()} />
        </div>
        {session.testResult === null ? null : (
          <TextField ariaLabel="Test run result" multiline readOnly rows={12} value={session.testResult} className="exalate-code" width={TextFieldWidth.auto} />
        )}
      </div>
    </Panel>
  );
}

import { useId, type FormEvent } from 'react';
import { ScriptSideEditor } from '../../console-kit/script-side-editor';
import { scriptLabels } from '../../console-kit/script-editor-session';
import { useScriptsDialog } from '../../console-kit/use-scripts-dialog';
import type { ConnectionDialogProps } from '../../console-kit/connection-dialogs';
import type { TrackerKind } from '../../console-kit/browser-core';
import { ModalDialog } from './modal-dialog';
import { NoticeBanner } from './notice-banner';
import { TextField } from './text-field';
import { trackerWords } from '../../console-kit/tracker-words';

export interface ScriptsDialogProps extends ConnectionDialogProps {
  readonly tracker: TrackerKind;
}

/**
 * A connection's outgoing and incoming scripts (Script mode): saved only when they compile (the
 * node names the line, which the editor marks), and a test run on an item that shows the replica
 * and the changes without writing anything.
 */
export function ScriptsDialog({ client, connection, tracker, onClose }: ScriptsDialogProps) {
  const id = useId();
  const words = trackerWords[tracker];
  const { session, scriptApi, testKey, setTestKey, testDisabled, testRun } = useScriptsDialog(client, connection);
  const { rules, busy } = session;

  const submitTestRun = (event: FormEvent) => {
    event.preventDefault();
    void testRun();
  };

  return (
    <ModalDialog title={`Scripts: ${connection.name}`} closeLabel="Close" busy={busy !== null} onDismiss={onClose} className="scripts-dialog">
      <div className="modal-body">
        {rules === null && session.notice === null ? (
          <p className="muted" role="status">
            Loading the scripts…
          </p>
        ) : null}
        {(['outgoing', 'incoming'] as const).map((side) => {
          const problem = session.problems[side];
          return (
            <div key={side} className={`field script-field${problem === null ? '' : ' has-error'}`}>
              {/* A contenteditable is not named by <label for>: the editor's aria-label carries the same words. */}
              <label htmlFor={`${id}-${side}`} className="field-label">
                {scriptLabels[side]}
              </label>
              <ScriptSideEditor session={session} side={side} id={`${id}-${side}`} scriptApi={scriptApi} />
              {problem === null ? null : (
                <p id={`${id}-${side}-error`} className="field-error" role="alert">
                  {problem.message}
                </p>
              )}
            </div>
          );
        })}
        <form className="test-run" onSubmit={submitTestRun}>
          {/* The help stands under the whole row, beside the button: the field is described by it, not given it. */}
          <TextField
            id={`${id}-item`}
            label={`${words.itemKeyLabel} for a test run`}
            value={testKey}
            placeholder={words.itemKeyExample}
            aria-describedby={`${id}-item-help`}
            onChange={setTestKey}
          />
          <button type="submit" className="button button-default" disabled={testDisabled}>
            Test run
          </button>
        </form>
        <p id={`${id}-item-help`} className="field-help test-run-help">
          {`A test run tries the scripts above, saved or not, on this ${words.item}, and writes nothing.`}
        </p>
        {session.testResult === null ? null : (
          // Focusable, so a keyboard can scroll a long result.
          <pre className="test-run-result" tabIndex={0} role="region" aria-label="Test run result">
            {session.testResult}
          </pre>
        )}
        {/* Beside Save and Test run, whose outcome it tells. */}
        <NoticeBanner notice={session.notice} onDismiss={session.dismissNotice} />
      </div>
      <footer className="modal-footer">
        <button type="button" className="button button-subtle" onClick={onClose}>
          Close
        </button>
        <button type="button" className="button button-primary" disabled={rules === null || busy !== null} onClick={() => void session.save()}>
          Save
        </button>
      </footer>
    </ModalDialog>
  );
}

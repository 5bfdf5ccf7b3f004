import { useState } from 'react';
import type { ConnectionDialogProps } from '../../console-kit/connection-dialogs';
import { useMappingTestRun, type MappingTestRun } from '../../console-kit/use-mapping-test-run';
import { useVisualMapping, type VisualMappingEditor } from '../../console-kit/use-visual-mapping';
import { canRollBackTo, historyLineOf, historyStateWords } from '../../console-kit/visual-mapping-editing-answer';
import { compiledLabels, mappingWords } from '../../console-kit/visual-mapping-editing-words';
import { ConsoleTabs } from './console-tabs';
import { ModalDialog } from './modal-dialog';
import { NoticeBanner } from './notice-banner';
import { VisualMappingForm } from './visual-mapping-form';
import { VisualMappingTestRun } from './visual-mapping-test-run';

/** A Visual connection's mapping in the node console (Jira Server/DC, Asana): the editor, the history and the compiled scripts. */
export function VisualMappingDialog({ client, connection, onClose }: ConnectionDialogProps) {
  const editor = useVisualMapping(client, connection);
  const testRun = useMappingTestRun(client, connection.id, editor);
  return (
    <ModalDialog
      title={mappingWords.title(connection)}
      closeLabel={mappingWords.close}
      busy={editor.busy !== null}
      onDismiss={onClose}
      className="visual-mapping-dialog"
    >
      <VisualMappingContent editor={editor} testRun={testRun} onClose={onClose} />
    </ModalDialog>
  );
}

/** The dialog's body and footer for an editor's state; apart from the dialog so it renders without a node (and then without Test run). */
export function VisualMappingContent({
  editor,
  testRun,
  onClose,
}: {
  readonly editor: VisualMappingEditor;
  readonly testRun?: MappingTestRun;
  readonly onClose: () => void;
}) {
  const [tab, setTab] = useState<string>('mapping');
  const { answer, view, busy } = editor;
  return (
    <>
      <div className="modal-body">
        <p className="what-syncs-intro">{mappingWords.intro}</p>
        {answer === null || view === null ? (
          editor.notice === null ? (
            <p className="muted" role="status">
              {mappingWords.loading}
            </p>
          ) : null
        ) : (
          <ConsoleTabs
            label="Visual mapping"
            selected={tab}
            onSelect={setTab}
            tabs={[
              { id: 'mapping', label: mappingWords.tabs.mapping, render: () => <VisualMappingForm editor={editor} /> },
              { id: 'history', label: mappingWords.tabs.history, render: () => <History editor={editor} /> },
              { id: 'scripts', label: mappingWords.tabs.scripts, render: () => <Compiled editor={editor} testRun={testRun ?? null} /> },
            ]}
          />
        )}
        <NoticeBanner notice={editor.notice} onDismiss={editor.dismissNotice} />
      </div>
      <footer className="modal-footer">
        {editor.unsaved ? <span className="muted">{mappingWords.unsaved}</span> : null}
        <button type="button" className="button button-subtle" onClick={onClose}>
          {mappingWords.close}
        </button>
        <button type="button" className="button button-default" disabled={view === null || busy !== null} onClick={() => void editor.saveDraft()}>
          {mappingWords.saveDraft}
        </button>
        <button type="button" className="button button-primary" disabled={!editor.canPublish} onClick={() => void editor.publish()}>
          {mappingWords.publish}
        </button>
      </footer>
    </>
  );
}

function History({ editor }: { readonly editor: VisualMappingEditor }) {
  const { answer, busy } = editor;
  if (answer === null) return null;
  if (answer.history.length === 0) return <p className="muted">{mappingWords.noHistory}</p>;
  return (
    <table className="data-table" aria-label="Published versions">
      <thead>
        <tr>
          <th scope="col">Version</th>
          <th scope="col">State</th>
          <th scope="col">Who and when</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {[...answer.history].reverse().map((entry) => (
          <tr key={entry.version}>
            <th scope="row">{entry.version}</th>
            <td>{historyStateWords[entry.state]}</td>
            <td className="muted">{historyLineOf(entry)}</td>
            <td>
              {canRollBackTo(entry, answer) ? (
                <button
                  type="button"
                  className="button button-small button-default"
                  aria-label={`${mappingWords.rollBack} to version ${entry.version}`}
                  disabled={busy !== null}
                  onClick={() => void editor.rollBack(entry.version)}
                >
                  {mappingWords.rollBack}
                </button>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Compiled({ editor, testRun }: { readonly editor: VisualMappingEditor; readonly testRun: MappingTestRun | null }) {
  if (editor.answer === null) return null;
  const compiled = editor.answer.compiled;
  return (
    <div>
      <p className="field-help">{mappingWords.compiledHelp}</p>
      {(['outgoing', 'incoming'] as const).map((script) => (
        <div key={script} className="field">
          <p className="field-label">{compiledLabels[script]}</p>
          {/* Focusable, so a keyboard can scroll a long script. */}
          <pre className="test-run-result" tabIndex={0} role="region" aria-label={compiledLabels[script]}>
            {compiled[script]}
          </pre>
        </div>
      ))}
      {testRun === null ? null : <VisualMappingTestRun testRun={testRun} />}
    </div>
  );
}

import { Button } from 'azure-devops-ui/Button';
import { ContentSize } from 'azure-devops-ui/Callout';
import { FormItem } from 'azure-devops-ui/FormItem';
import { MessageCard, MessageCardSeverity } from 'azure-devops-ui/MessageCard';
import { Panel } from 'azure-devops-ui/Panel';
import { Pill, PillSize, PillVariant } from 'azure-devops-ui/Pill';
import { Tab, TabBar, TabSize } from 'azure-devops-ui/Tabs';
import { TextField, TextFieldWidth } from 'azure-devops-ui/TextField';
import { Toggle } from 'azure-devops-ui/Toggle';
import { useState } from 'react';
import type { ConnectionDialogProps } from '../../console-kit/connection-dialogs';
import { trackerWords } from '../../console-kit/tracker-words';
import { useMappingTestRun, type MappingTestRun } from '../../console-kit/use-mapping-test-run';
import { useVisualMapping, type VisualMappingEditor } from '../../console-kit/use-visual-mapping';
import { setLocalFilter, setToggle } from '../../console-kit/visual-mapping-editing';
import { canRollBackTo, historyLineOf, historyStateWords, standingOf } from '../../console-kit/visual-mapping-editing-answer';
import { compiledLabels, filterLabels, mappingWords, toggleLabels } from '../../console-kit/visual-mapping-editing-words';
import { mappingTablesOf } from '../../console-kit/visual-mapping-tables';
import { NoticeCard } from './notice-card';
import { FieldRowsTable, ValueMapTable } from './visual-mapping-rows';
import { VisualMappingTestRun } from './visual-mapping-test-run';
import './visual-mapping-panel.css';

type MappingTabId = keyof typeof mappingWords.tabs;

/**
 * A Visual connection's mapping in Azure DevOps' side panel: the field rows, the value maps with
 * the values no pair places flagged, comments and attachments each way, each side's filter; Save
 * draft and Publish; the other side's proposal to approve or decline; the history with Roll back;
 * and the scripts the mapping compiles to, read only, with a test run on a work item.
 */
export function VisualMappingPanel({ client, connection, onClose }: ConnectionDialogProps) {
  const editor = useVisualMapping(client, connection);
  const testRun = useMappingTestRun(client, connection.id, editor);
  const [tab, setTab] = useState<MappingTabId>('mapping');
  const { answer, view, busy } = editor;
  return (
    <Panel
      onDismiss={onClose}
      titleProps={{ text: mappingWords.title(connection) }}
      description={mappingWords.intro}
      size={ContentSize.Large}
      footerButtonProps={[
        { text: mappingWords.close, onClick: onClose },
        { text: mappingWords.saveDraft, disabled: view === null || busy !== null, onClick: () => void editor.saveDraft() },
        { text: mappingWords.publish, primary: true, disabled: !editor.canPublish, onClick: () => void editor.publish() },
      ]}
    >
      <div className="exalate-mapping flex-column rhythm-vertical-16">
        <NoticeCard notice={editor.notice} onDismiss={editor.dismissNotice} />
        {editor.unsaved ? <p className="secondary-text">{mappingWords.unsaved}</p> : null}
        {answer === null || view === null ? (
          editor.notice === null ? (
            <p className="secondary-text">{mappingWords.loading}</p>
          ) : null
        ) : (
          <>
            <TabBar selectedTabId={tab} onSelectedTabChanged={(id) => setTab(id as MappingTabId)} tabSize={TabSize.Compact}>
              {(Object.keys(mappingWords.tabs) as MappingTabId[]).map((id) => (
                <Tab key={id} id={id} name={mappingWords.tabs[id]} />
              ))}
            </TabBar>
            {tab === 'mapping' ? (
              <MappingTab editor={editor} />
            ) : tab === 'history' ? (
              <HistoryTab editor={editor} />
            ) : (
              <CompiledTab editor={editor} testRun={testRun} />
            )}
          </>
        )}
      </div>
    </Panel>
  );
}

function MappingTab({ editor }: { readonly editor: VisualMappingEditor }) {
  const { answer, view, problems, edit, busy } = editor;
  const tables = mappingTablesOf(editor);
  if (answer === null || view === null || tables === null) return null;
  const incoming = answer.incomingProposal;
  const words = trackerWords[view.local.tracker];
  return (
    <div className="flex-column rhythm-vertical-16">
      {standingOf(answer).map((banner) =>
        banner.kind === 'decide' && incoming !== null ? (
          <MessageCard key={banner.kind} severity={MessageCardSeverity.Warning} className="exalate-proposal">
            <div className="flex-column rhythm-vertical-8">
              <span className="font-weight-semibold">{`Proposal: version ${incoming.version}`}</span>
              <span>{banner.text}</span>
              <ul aria-label="Proposed changes" className="exalate-proposal-changes">
                {incoming.diff.map((difference, index) => (
                  <li key={index}>{difference.words}</li>
                ))}
              </ul>
              <div className="flex-row rhythm-horizontal-8">
                <Button text={mappingWords.approve} primary disabled={busy !== null} onClick={() => void editor.approve()} />
                <Button text={mappingWords.decline} disabled={busy !== null} onClick={() => void editor.decline()} />
              </div>
            </div>
          </MessageCard>
        ) : (
          <MessageCard key={banner.kind} severity={MessageCardSeverity.Info}>
            {banner.text}
          </MessageCard>
        ),
      )}
      {problems === null || problems.elsewhere.length === 0 ? null : (
        <MessageCard severity={MessageCardSeverity.Error}>
          <div className="flex-column">
            {problems.elsewhere.map((message) => (
              <span key={message}>{message}</span>
            ))}
          </div>
        </MessageCard>
      )}
      <section className="flex-column rhythm-vertical-8" aria-labelledby="exalate-mapping-fields">
        <h3 id="exalate-mapping-fields" className="title-xs">
          {mappingWords.fieldsHeading}
        </h3>
        <FieldRowsTable model={tables.fields} />
      </section>
      <section className="flex-column rhythm-vertical-8" aria-labelledby="exalate-mapping-values">
        <h3 id="exalate-mapping-values" className="title-xs">
          {mappingWords.valuesHeading}
        </h3>
        {tables.valueMaps.map((valueMap) => (
          <ValueMapTable key={valueMap.kind} model={valueMap} />
        ))}
      </section>
      <section className="flex-column rhythm-vertical-8" aria-labelledby="exalate-mapping-toggles">
        <h3 id="exalate-mapping-toggles" className="title-xs">
          {mappingWords.commentsAndAttachments}
        </h3>
        {(['comments', 'attachments'] as const).flatMap((part) =>
          (['send', 'receive'] as const).map((way) => (
            <Toggle
              key={`${part}-${way}`}
              text={toggleLabels[part][way]}
              ariaLabel={toggleLabels[part][way]}
              checked={view[part][way]}
              onChange={(_event, on) => edit((current) => setToggle(current, part, way, on))}
            />
          )),
        )}
      </section>
      <section className="flex-column rhythm-vertical-8" aria-labelledby="exalate-mapping-filters">
        <h3 id="exalate-mapping-filters" className="title-xs">
          {mappingWords.filtersHeading}
        </h3>
        <FormItem
          label={`${filterLabels.local} — ${words.queryLabel}`}
          message={problems !== null && problems.filters.local.length > 0 ? problems.filters.local.join(' ') : mappingWords.filterHelp}
          error={problems !== null && problems.filters.local.length > 0}
        >
          <TextField
            ariaLabel={filterLabels.local}
            value={view.local.filter ?? ''}
            placeholder={words.queryExample}
            width={TextFieldWidth.auto}
            onChange={(_event, text) => edit((current) => setLocalFilter(current, text))}
          />
        </FormItem>
        <FormItem
          label={filterLabels.remote}
          message={problems !== null && problems.filters.remote.length > 0 ? problems.filters.remote.join(' ') : mappingWords.remoteFilterHelp}
          error={problems !== null && problems.filters.remote.length > 0}
        >
          <TextField ariaLabel={filterLabels.remote} value={view.remote.filter ?? mappingWords.noFilter} readOnly width={TextFieldWidth.auto} />
        </FormItem>
      </section>
    </div>
  );
}

function HistoryTab({ editor }: { readonly editor: VisualMappingEditor }) {
  const { answer, busy } = editor;
  if (answer === null) return null;
  if (answer.history.length === 0) return <p className="secondary-text">{mappingWords.noHistory}</p>;
  return (
    <ul aria-label="Published versions" className="exalate-mapping-history">
      {[...answer.history].reverse().map((entry) => (
        <li key={entry.version} className="flex-row flex-center justify-space-between">
          <div className="flex-column">
            <div className="flex-row flex-center rhythm-horizontal-8">
              <span className="font-weight-semibold">{`Version ${entry.version}`}</span>
              <Pill size={PillSize.compact} variant={entry.state === 'agreed' ? PillVariant.outlined : PillVariant.standard}>
                {historyStateWords[entry.state]}
              </Pill>
            </div>
            <span className="secondary-text">{historyLineOf(entry)}</span>
          </div>
          {canRollBackTo(entry, answer) ? (
            <Button
              text={mappingWords.rollBack}
              ariaLabel={`${mappingWords.rollBack} to version ${entry.version}`}
              disabled={busy !== null}
              onClick={() => void editor.rollBack(entry.version)}
            />
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function CompiledTab({ editor, testRun }: { readonly editor: VisualMappingEditor; readonly testRun: MappingTestRun }) {
  const { answer } = editor;
  if (answer === null) return null;
  return (
    <div className="flex-column rhythm-vertical-16">
      <p>{mappingWords.compiledHelp}</p>
      {(['outgoing', 'incoming'] as const).map((script) => (
        <FormItem key={script} label={compiledLabels[script]}>
          <TextField
            ariaLabel={compiledLabels[script]}
            multiline
            readOnly
            rows={12}
            value={answer.compiled[script]}
            className="exalate-code"
            width={TextFieldWidth.auto}
          />
        </FormItem>
      ))}
      <VisualMappingTestRun testRun={testRun} />
    </div>
  );
}

import { useId } from 'react';
import { trackerWords } from '../../console-kit/tracker-words';
import type { VisualMappingEditor } from '../../console-kit/use-visual-mapping';
import { setLocalFilter, setToggle } from '../../console-kit/visual-mapping-editing';
import { standingOf } from '../../console-kit/visual-mapping-editing-answer';
import { filterLabels, mappingWords, toggleLabels } from '../../console-kit/visual-mapping-editing-words';
import { MappingRowsTable, type RowsTableLook } from '../../console-kit/visual-mapping-rows-table';
import { mappingTablesOf, optionsShowing, type MappingChooser, type MappingTable, type ValueMapTable } from '../../console-kit/visual-mapping-tables';

function Choice({ chooser }: { readonly chooser: MappingChooser }) {
  return (
    <select className="input select" aria-label={chooser.label} value={chooser.value} onChange={(event) => chooser.choose(event.target.value)}>
      {optionsShowing(chooser).map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}

function Problems({ messages }: { readonly messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <div role="alert">
      {messages.map((message) => (
        <p key={message} className="field-error">
          {message}
        </p>
      ))}
    </div>
  );
}

const look: RowsTableLook = { table: 'data-table mapping-table', problemRow: 'has-error', visuallyHidden: 'visually-hidden', problem: 'field-error' };

function RowsTable({ model }: { readonly model: MappingTable }) {
  return (
    <MappingRowsTable
      model={model}
      look={look}
      Chooser={Choice}
      removeButton={(row) => (
        <button type="button" className="button button-small button-subtle" aria-label={row.removeLabel} onClick={row.remove}>
          Remove
        </button>
      )}
    />
  );
}

/** One value map (status, priority or type): its pairs, and the live values no pair places, flagged Not mapped. */
function ValueMap({ model }: { readonly model: ValueMapTable }) {
  return (
    <div className="mapping-value-map">
      <h4 className="subsection-title">{model.heading}</h4>
      {model.rows.length === 0 ? null : <RowsTable model={model} />}
      {model.unmapped.length === 0 ? null : (
        <>
          <p className="field-help">{mappingWords.notMappedHelp}</p>
          <ul className="mapping-unmapped" aria-label={model.unmappedLabel}>
            {model.unmapped.map((value) => (
              <li key={value.key}>
                <span>{value.text}</span> <span className="lozenge lozenge-pending">{mappingWords.notMapped}</span>{' '}
                <button type="button" className="button button-small button-link" onClick={value.pair}>
                  {value.pairLabel}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <button type="button" className="button button-small button-default" onClick={model.add}>
        {model.addLabel}
      </button>
    </div>
  );
}

/**
 * The mapping tab of the node console's Visual mapping editor: where the mapping stands, the field
 * rows, the value maps with Not mapped values, comments and attachments each way, each side's filter.
 * It renders what the editor holds and hands every change to it.
 */
export function VisualMappingForm({ editor }: { readonly editor: VisualMappingEditor }) {
  const id = useId();
  const { answer, view, problems, edit, busy } = editor;
  const tables = mappingTablesOf(editor);
  if (answer === null || view === null || tables === null) return null;
  const incoming = answer.incomingProposal;
  const words = trackerWords[view.local.tracker];
  const localFilterProblems = problems?.filters.local ?? [];

  return (
    <div className="visual-mapping-form">
      {standingOf(answer).map((banner) =>
        banner.kind === 'decide' && incoming !== null ? (
          <section key={banner.kind} className="message message-warning mapping-proposal" aria-label={`Proposal: version ${incoming.version}`}>
            <p>{banner.text}</p>
            <ul aria-label="Proposed changes">
              {incoming.diff.map((difference, index) => (
                <li key={index}>{difference.words}</li>
              ))}
            </ul>
            <div className="form-actions">
              <button type="button" className="button button-primary" disabled={busy !== null} onClick={() => void editor.approve()}>
                {mappingWords.approve}
              </button>
              <button type="button" className="button button-default" disabled={busy !== null} onClick={() => void editor.decline()}>
                {mappingWords.decline}
              </button>
            </div>
          </section>
        ) : (
          <p key={banner.kind} className="message message-info">
            {banner.text}
          </p>
        ),
      )}
      {problems === null || problems.elsewhere.length === 0 ? null : (
        <div className="message message-error" role="alert">
          {problems.elsewhere.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </div>
      )}
      <h3 className="subsection-title">{mappingWords.fieldsHeading}</h3>
      <RowsTable model={tables.fields} />
      <button type="button" className="button button-small button-default" onClick={tables.fields.add}>
        {tables.fields.addLabel}
      </button>
      <h3 className="subsection-title">{mappingWords.valuesHeading}</h3>
      {tables.valueMaps.map((valueMap) => (
        <ValueMap key={valueMap.kind} model={valueMap} />
      ))}
      <h3 className="subsection-title">{mappingWords.commentsAndAttachments}</h3>
      {(['comments', 'attachments'] as const).flatMap((part) =>
        (['send', 'receive'] as const).map((way) => (
          <div key={`${part}-${way}`} className="field field-toggle">
            <input
              id={`${id}-${part}-${way}`}
              type="checkbox"
              role="switch"
              className="switch"
              checked={view[part][way]}
              onChange={(event) => {
                const on = event.target.checked;
                edit((current) => setToggle(current, part, way, on));
              }}
            />
            <label htmlFor={`${id}-${part}-${way}`} className="field-label">
              {toggleLabels[part][way]}
            </label>
          </div>
        )),
      )}
      <h3 className="subsection-title">{mappingWords.filtersHeading}</h3>
      <div className={`field${localFilterProblems.length > 0 ? ' has-error' : ''}`}>
        <label htmlFor={`${id}-filter`} className="field-label">
          {`${filterLabels.local} — ${words.queryLabel}`}
        </label>
        <input
          id={`${id}-filter`}
          className="input code-input"
          value={view.local.filter ?? ''}
          placeholder={words.queryExample}
          aria-describedby={`${id}-filter-help`}
          onChange={(event) => {
            const text = event.target.value;
            edit((current) => setLocalFilter(current, text));
          }}
        />
        <p id={`${id}-filter-help`} className="field-help">
          {mappingWords.filterHelp}
        </p>
        <Problems messages={localFilterProblems} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-remote-filter`} className="field-label">
          {filterLabels.remote}
        </label>
        <input
          id={`${id}-remote-filter`}
          className="input code-input"
          value={view.remote.filter ?? mappingWords.noFilter}
          readOnly
          aria-describedby={`${id}-remote-help`}
        />
        <p id={`${id}-remote-help`} className="field-help">
          {mappingWords.remoteFilterHelp}
        </p>
        <Problems messages={problems?.filters.remote ?? []} />
      </div>
    </div>
  );
}

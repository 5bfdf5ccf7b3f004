import { useId, type ReactNode } from 'react';
import type { MappingView, TrackerKind, ValueMapKind, ViewDirection } from '../../console-kit/browser-core';
import { trackerWords } from '../../console-kit/tracker-words';
import type { VisualMappingEditor } from '../../console-kit/use-visual-mapping';
import {
  addFieldRow,
  addValuePair,
  changeFieldRow,
  changeValuePair,
  offeredFieldNames,
  removeFieldRow,
  removeValuePair,
  setLocalFilter,
  setToggle,
  type ViewSideName,
} from '../../console-kit/visual-mapping-editing';
import { offeredFieldsOf, offeredValuesOf, standingOf, valueMapKindsOf } from '../../console-kit/visual-mapping-editing-answer';
import {
  directionOptions,
  fieldLabelOf,
  filterLabels,
  mappingWords,
  pairLabels,
  rowLabels,
  sideHeading,
  toggleLabels,
  valueMapHeadings,
} from '../../console-kit/visual-mapping-editing-words';

const isDirection = (value: string): value is ViewDirection => directionOptions.some((option) => option.value === value);

function Choice({
  label,
  value,
  options,
  onChange,
}: {
  readonly label: string;
  readonly value: string;
  readonly options: readonly { value: string; label: string }[];
  readonly onChange: (value: string) => void;
}) {
  // A value the list lacks (gone from the tracker) stays shown, so the problem beside it makes sense.
  const shown = options.some((option) => option.value === value) ? options : [...options, { value, label: value }];
  return (
    <select className="input select" aria-label={label} value={value} onChange={(event) => onChange(event.target.value)}>
      {shown.map((option) => (
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

function PairTable({ view, label, children }: { readonly view: MappingView; readonly label: string; readonly children: ReactNode }) {
  return (
    <table className="data-table mapping-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">{sideHeading('local', view.local.tracker)}</th>
          <th scope="col">Direction</th>
          <th scope="col">{sideHeading('remote', view.remote.tracker)}</th>
          <th scope="col">
            <span className="visually-hidden">Remove</span>
          </th>
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
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
  if (answer === null || view === null) return null;
  const offered = offeredFieldsOf(answer);
  const fieldOptions = (side: ViewSideName, tracker: TrackerKind) =>
    offeredFieldNames(tracker, offered[side]).map((name) => ({ value: name, label: fieldLabelOf(tracker, name) }));
  const directions = directionOptions.map((option) => ({ value: option.value, label: option.label }));
  const incoming = answer.incomingProposal;
  const words = trackerWords[view.local.tracker];
  const localFilterProblems = problems?.filters.local ?? [];

  const valueMap = (kind: ValueMapKind) => {
    const values = offeredValuesOf(answer, view, kind);
    const flagged = (['local', 'remote'] as const).flatMap((side) => editor.unmapped[kind][side].map((value) => ({ side, value })));
    return (
      <div key={kind} className="mapping-value-map">
        <h4 className="subsection-title">{valueMapHeadings[kind]}</h4>
        {view.values[kind].length === 0 ? null : (
          <PairTable view={view} label={`${valueMapHeadings[kind]} pairs`}>
            {view.values[kind].map((pair, index) => {
              const messages = problems?.valuePairs[kind][index] ?? [];
              return (
                <tr key={index} className={messages.length > 0 ? 'has-error' : undefined}>
                  <td>
                    <Choice
                      label={pairLabels.value(kind, 'local', index)}
                      value={pair.local}
                      options={values.local.map((value) => ({ value, label: value }))}
                      onChange={(local) => edit((current) => changeValuePair(current, kind, index, { local }))}
                    />
                    <Problems messages={messages} />
                  </td>
                  <td>
                    <Choice
                      label={pairLabels.direction(kind, index)}
                      value={pair.direction}
                      options={directions}
                      onChange={(direction) => (isDirection(direction) ? edit((current) => changeValuePair(current, kind, index, { direction })) : undefined)}
                    />
                  </td>
                  <td>
                    <Choice
                      label={pairLabels.value(kind, 'remote', index)}
                      value={pair.remote}
                      options={values.remote.map((value) => ({ value, label: value }))}
                      onChange={(remote) => edit((current) => changeValuePair(current, kind, index, { remote }))}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button button-small button-subtle"
                      aria-label={pairLabels.remove(kind, index)}
                      onClick={() => edit((current) => removeValuePair(current, kind, index))}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </PairTable>
        )}
        {flagged.length === 0 ? null : (
          <>
            <p className="field-help">{mappingWords.notMappedHelp}</p>
            <ul className="mapping-unmapped" aria-label={`${valueMapHeadings[kind]} values not mapped`}>
              {flagged.map(({ side, value }) => (
                <li key={`${side}:${value}`}>
                  <span>{`${value} (${side === 'local' ? 'this side' : 'other side'})`}</span>{' '}
                  <span className="lozenge lozenge-pending">{mappingWords.notMapped}</span>{' '}
                  <button
                    type="button"
                    className="button button-small button-link"
                    onClick={() => edit((current) => addValuePair(current, kind, values, { side, value }))}
                  >
                    {mappingWords.pairIt(value)}
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
        <button type="button" className="button button-small button-default" onClick={() => edit((current) => addValuePair(current, kind, values))}>
          {mappingWords.addPair(kind)}
        </button>
      </div>
    );
  };

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
      <PairTable view={view} label={mappingWords.fieldsHeading}>
        {view.fields.map((row, index) => {
          const messages = problems?.fieldRows[index] ?? [];
          return (
            <tr key={index} className={messages.length > 0 ? 'has-error' : undefined}>
              <td>
                <Choice
                  label={rowLabels.field('local', index)}
                  value={row.local}
                  options={fieldOptions('local', view.local.tracker)}
                  onChange={(local) => edit((current) => changeFieldRow(current, index, { local }))}
                />
                <Problems messages={messages} />
              </td>
              <td>
                <Choice
                  label={rowLabels.direction(index)}
                  value={row.direction}
                  options={directions}
                  onChange={(direction) => (isDirection(direction) ? edit((current) => changeFieldRow(current, index, { direction })) : undefined)}
                />
              </td>
              <td>
                <Choice
                  label={rowLabels.field('remote', index)}
                  value={row.remote}
                  options={fieldOptions('remote', view.remote.tracker)}
                  onChange={(remote) => edit((current) => changeFieldRow(current, index, { remote }))}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="button button-small button-subtle"
                  aria-label={rowLabels.remove(index)}
                  onClick={() => edit((current) => removeFieldRow(current, index))}
                >
                  Remove
                </button>
              </td>
            </tr>
          );
        })}
      </PairTable>
      <button type="button" className="button button-small button-default" onClick={() => edit((current) => addFieldRow(current, offered))}>
        {mappingWords.addRow}
      </button>
      <h3 className="subsection-title">{mappingWords.valuesHeading}</h3>
      {valueMapKindsOf(answer, view).map(valueMap)}
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

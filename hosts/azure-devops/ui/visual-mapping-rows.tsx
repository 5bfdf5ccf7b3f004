import { Button } from 'azure-devops-ui/Button';
import { Dropdown } from 'azure-devops-ui/Dropdown';
import { Pill, PillSize } from 'azure-devops-ui/Pill';
import { DropdownSelection } from 'azure-devops-ui/Utilities/DropdownSelection';
import { useMemo } from 'react';
import type { MappingView, TrackerKind, ValueMapKind, ViewDirection } from '../../console-kit/browser-core';
import {
  addFieldRow,
  addValuePair,
  changeFieldRow,
  changeValuePair,
  offeredFieldNames,
  removeFieldRow,
  removeValuePair,
  type OfferedFields,
  type ViewSideName,
} from '../../console-kit/visual-mapping-editing';
import {
  directionOptions,
  fieldLabelOf,
  mappingWords,
  pairLabels,
  rowLabels,
  sideHeading,
  valueMapHeadings,
} from '../../console-kit/visual-mapping-editing-words';

type Edit = (change: (view: MappingView) => MappingView) => void;
interface Choice {
  readonly id: string;
  readonly text: string;
}

/** One azure-devops-ui Dropdown over a list of choices, the chosen one selected; each keeps its own selection, as the control requires. */
function ChoiceDropdown({
  label,
  choices,
  chosen,
  onChoose,
}: {
  readonly label: string;
  readonly choices: readonly Choice[];
  readonly chosen: string;
  readonly onChoose: (id: string) => void;
}) {
  const selection = useMemo(() => new DropdownSelection(), []);
  // A value the list lacks (a field or status gone from the tracker) is still shown, so the problem beside it makes sense.
  const items = choices.some((choice) => choice.id === chosen) ? choices : [...choices, { id: chosen, text: chosen }];
  const index = items.findIndex((choice) => choice.id === chosen);
  if (index >= 0 && !selection.selected(index)) selection.select(index);
  return (
    <Dropdown
      ariaLabel={label}
      className="exalate-mapping-dropdown"
      selection={selection}
      items={items.map((choice) => ({ id: choice.id, text: choice.text }))}
      onSelect={(_event, item) => onChoose(item.id)}
    />
  );
}

const directionChoices: readonly Choice[] = directionOptions.map((option) => ({ id: option.value, text: option.label }));
const isDirection = (value: string): value is ViewDirection => directionOptions.some((option) => option.value === value);

function Problems({ messages }: { readonly messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <div role="alert" className="exalate-mapping-problems">
      {messages.map((message) => (
        <p key={message} className="exalate-mapping-problem">
          {message}
        </p>
      ))}
    </div>
  );
}

function Head({ view }: { readonly view: MappingView }) {
  return (
    <thead>
      <tr>
        <th scope="col">{sideHeading('local', view.local.tracker)}</th>
        <th scope="col">Direction</th>
        <th scope="col">{sideHeading('remote', view.remote.tracker)}</th>
        <th scope="col">
          <span className="exalate-visually-hidden">Remove</span>
        </th>
      </tr>
    </thead>
  );
}

/** The field rows: this side's field, which way values flow, the other side's field, and Remove. */
export function FieldRowsTable({
  view,
  offered,
  problems,
  edit,
}: {
  readonly view: MappingView;
  readonly offered: OfferedFields;
  readonly problems: readonly (readonly string[])[] | null;
  readonly edit: Edit;
}) {
  const choices = (side: ViewSideName, tracker: TrackerKind) =>
    offeredFieldNames(tracker, offered[side]).map((name) => ({ id: name, text: fieldLabelOf(tracker, name) }));
  const localChoices = choices('local', view.local.tracker);
  const remoteChoices = choices('remote', view.remote.tracker);
  return (
    <div className="flex-column rhythm-vertical-8">
      <table className="exalate-mapping-table" aria-label={mappingWords.fieldsHeading}>
        <Head view={view} />
        <tbody>
          {view.fields.map((row, index) => {
            const messages = problems?.[index] ?? [];
            return (
              <tr key={index} className={messages.length > 0 ? 'has-problem' : undefined}>
                <td>
                  <ChoiceDropdown
                    label={rowLabels.field('local', index)}
                    choices={localChoices}
                    chosen={row.local}
                    onChoose={(local) => edit((current) => changeFieldRow(current, index, { local }))}
                  />
                  <Problems messages={messages} />
                </td>
                <td>
                  <ChoiceDropdown
                    label={rowLabels.direction(index)}
                    choices={directionChoices}
                    chosen={row.direction}
                    onChoose={(direction) => (isDirection(direction) ? edit((current) => changeFieldRow(current, index, { direction })) : undefined)}
                  />
                </td>
                <td>
                  <ChoiceDropdown
                    label={rowLabels.field('remote', index)}
                    choices={remoteChoices}
                    chosen={row.remote}
                    onChoose={(remote) => edit((current) => changeFieldRow(current, index, { remote }))}
                  />
                </td>
                <td>
                  <Button
                    subtle
                    iconProps={{ iconName: 'Delete' }}
                    ariaLabel={rowLabels.remove(index)}
                    onClick={() => edit((current) => removeFieldRow(current, index))}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div>
        <Button text={mappingWords.addRow} iconProps={{ iconName: 'Add' }} onClick={() => edit((current) => addFieldRow(current, offered))} />
      </div>
    </div>
  );
}

/** One value map (status, priority or type): its pairs, and the live values no pair places, flagged Not mapped. */
export function ValueMapTable({
  kind,
  view,
  values,
  unmapped,
  problems,
  edit,
}: {
  readonly kind: ValueMapKind;
  readonly view: MappingView;
  readonly values: Readonly<Record<ViewSideName, readonly string[]>>;
  readonly unmapped: Readonly<Record<ViewSideName, readonly string[]>>;
  readonly problems: readonly (readonly string[])[] | null;
  readonly edit: Edit;
}) {
  const pairs = view.values[kind];
  const choices = (side: ViewSideName) => values[side].map((value) => ({ id: value, text: value }));
  const flagged = (['local', 'remote'] as const).flatMap((side) => unmapped[side].map((value) => ({ side, value })));
  return (
    <div className="flex-column rhythm-vertical-8">
      <h4 className="exalate-mapping-subheading">{valueMapHeadings[kind]}</h4>
      {pairs.length === 0 ? null : (
        <table className="exalate-mapping-table" aria-label={`${valueMapHeadings[kind]} pairs`}>
          <Head view={view} />
          <tbody>
            {pairs.map((pair, index) => {
              const messages = problems?.[index] ?? [];
              return (
                <tr key={index} className={messages.length > 0 ? 'has-problem' : undefined}>
                  <td>
                    <ChoiceDropdown
                      label={pairLabels.value(kind, 'local', index)}
                      choices={choices('local')}
                      chosen={pair.local}
                      onChoose={(local) => edit((current) => changeValuePair(current, kind, index, { local }))}
                    />
                    <Problems messages={messages} />
                  </td>
                  <td>
                    <ChoiceDropdown
                      label={pairLabels.direction(kind, index)}
                      choices={directionChoices}
                      chosen={pair.direction}
                      onChoose={(direction) => (isDirection(direction) ? edit((current) => changeValuePair(current, kind, index, { direction })) : undefined)}
                    />
                  </td>
                  <td>
                    <ChoiceDropdown
                      label={pairLabels.value(kind, 'remote', index)}
                      choices={choices('remote')}
                      chosen={pair.remote}
                      onChoose={(remote) => edit((current) => changeValuePair(current, kind, index, { remote }))}
                    />
                  </td>
                  <td>
                    <Button
                      subtle
                      iconProps={{ iconName: 'Delete' }}
                      ariaLabel={pairLabels.remove(kind, index)}
                      onClick={() => edit((current) => removeValuePair(current, kind, index))}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {flagged.length === 0 ? null : (
        <div className="flex-column rhythm-vertical-4">
          <p className="secondary-text">{mappingWords.notMappedHelp}</p>
          <ul className="exalate-unmapped" aria-label={`${valueMapHeadings[kind]} values not mapped`}>
            {flagged.map(({ side, value }) => (
              <li key={`${side}:${value}`} className="flex-row flex-center rhythm-horizontal-8">
                <span>{`${value} (${side === 'local' ? 'this side' : 'other side'})`}</span>
                <Pill size={PillSize.compact}>{mappingWords.notMapped}</Pill>
                <Button subtle text={mappingWords.pairIt(value)} onClick={() => edit((current) => addValuePair(current, kind, values, { side, value }))} />
              </li>
            ))}
          </ul>
        </div>
      )}
      <div>
        <Button text={mappingWords.addPair(kind)} iconProps={{ iconName: 'Add' }} onClick={() => edit((current) => addValuePair(current, kind, values))} />
      </div>
    </div>
  );
}

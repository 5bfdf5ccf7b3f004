import Button from '@atlaskit/button/new';
import { ErrorMessage } from '@atlaskit/form';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import Select from '@atlaskit/select';
import { token } from '@atlaskit/tokens';
import type { CSSProperties } from 'react';
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
  directionWords,
  fieldLabelOf,
  mappingWords,
  pairLabels,
  rowLabels,
  sideHeading,
  valueMapHeadings,
} from '../../console-kit/visual-mapping-editing-words';

type Edit = (change: (view: MappingView) => MappingView) => void;
interface Option<T extends string = string> {
  readonly label: string;
  readonly value: T;
}

const table: CSSProperties = { width: '100%', borderCollapse: 'collapse' };
const headCell: CSSProperties = {
  textAlign: 'left',
  padding: `${token('space.050', '4px')} ${token('space.100', '8px')}`,
  color: token('color.text.subtle', '#44546f'),
  font: token('font.heading.xxsmall', '600 12px/16px sans-serif'),
  borderBottom: `2px solid ${token('color.border', '#091e4224')}`,
};
const cell: CSSProperties = { padding: `${token('space.050', '4px')} ${token('space.100', '8px')}`, verticalAlign: 'top' };
/** Level with the selects beside it, which are taller than a compact button. */
const removeCell: CSSProperties = { ...cell, paddingBlockStart: token('space.075', '6px') };
/** Read by a screen reader, not shown: the column of Remove buttons needs a heading only for it. */
const visuallyHidden: CSSProperties = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clipPath: 'inset(50%)', whiteSpace: 'nowrap' };
/** A row with a problem is marked at its edge; its text keeps the page's own contrast. */
const problemRow: CSSProperties = { boxShadow: `inset 3px 0 0 ${token('color.border.danger', '#e2483d')}` };

/** A menu in a scrolling modal body would be cut off at its edge: it opens above everything instead. */
const selectProps = { menuPosition: 'fixed', spacing: 'compact' } as const;

function option<T extends string>(value: T, label: string): Option<T> {
  return { value, label };
}

function Problems({ messages }: { readonly messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <div role="alert">
      {messages.map((message) => (
        <ErrorMessage key={message}>{message}</ErrorMessage>
      ))}
    </div>
  );
}

function DirectionSelect({
  label,
  value,
  onChange,
}: {
  readonly label: string;
  readonly value: ViewDirection;
  readonly onChange: (value: ViewDirection) => void;
}) {
  return (
    <Select<Option<ViewDirection>>
      {...selectProps}
      aria-label={label}
      options={directionOptions.map((each) => option(each.value, each.label))}
      value={option(value, directionWords[value])}
      onChange={(chosen) => (chosen ? onChange(chosen.value) : undefined)}
    />
  );
}

/** The field rows: this side's field, the other side's, which way values flow, and Remove. */
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
  const fieldOptions = (side: ViewSideName, tracker: TrackerKind) =>
    offeredFieldNames(tracker, offered[side]).map((name) => option(name, fieldLabelOf(tracker, name)));
  const localOptions = fieldOptions('local', view.local.tracker);
  const remoteOptions = fieldOptions('remote', view.remote.tracker);
  return (
    <Stack space="space.100">
      <table style={table} aria-label={mappingWords.fieldsHeading}>
        <thead>
          <tr>
            <th style={headCell}>{sideHeading('local', view.local.tracker)}</th>
            <th style={headCell}>Direction</th>
            <th style={headCell}>{sideHeading('remote', view.remote.tracker)}</th>
            <th style={headCell}>
              <span style={visuallyHidden}>Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {view.fields.map((row, index) => {
            const messages = problems?.[index] ?? [];
            return (
              <tr key={index}>
                <td style={{ ...cell, width: '34%', ...(messages.length > 0 ? problemRow : {}) }}>
                  <Select<Option>
                    {...selectProps}
                    isInvalid={messages.length > 0}
                    aria-label={rowLabels.field('local', index)}
                    options={localOptions}
                    value={option(row.local, fieldLabelOf(view.local.tracker, row.local))}
                    onChange={(chosen) => (chosen ? edit((current) => changeFieldRow(current, index, { local: chosen.value })) : undefined)}
                  />
                  <Problems messages={messages} />
                </td>
                <td style={{ ...cell, width: '24%' }}>
                  <DirectionSelect
                    label={rowLabels.direction(index)}
                    value={row.direction}
                    onChange={(direction) => edit((current) => changeFieldRow(current, index, { direction }))}
                  />
                </td>
                <td style={{ ...cell, width: '34%' }}>
                  <Select<Option>
                    {...selectProps}
                    aria-label={rowLabels.field('remote', index)}
                    options={remoteOptions}
                    value={option(row.remote, fieldLabelOf(view.remote.tracker, row.remote))}
                    onChange={(chosen) => (chosen ? edit((current) => changeFieldRow(current, index, { remote: chosen.value })) : undefined)}
                  />
                </td>
                <td style={cell}>
                  <Button
                    appearance="subtle"
                    spacing="compact"
                    aria-label={rowLabels.remove(index)}
                    onClick={() => edit((current) => removeFieldRow(current, index))}
                  >
                    Remove
                  </Button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Inline>
        <Button onClick={() => edit((current) => addFieldRow(current, offered))}>{mappingWords.addRow}</Button>
      </Inline>
    </Stack>
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
  const valueOptions = (side: ViewSideName) => values[side].map((value) => option(value, value));
  const flagged = (['local', 'remote'] as const).flatMap((side) => unmapped[side].map((value) => ({ side, value })));
  return (
    <Stack space="space.100">
      <Text as="strong" weight="bold">
        {valueMapHeadings[kind]}
      </Text>
      {pairs.length === 0 ? null : (
        <table style={table} aria-label={`${valueMapHeadings[kind]} pairs`}>
          <thead>
            <tr>
              <th style={headCell}>{sideHeading('local', view.local.tracker)}</th>
              <th style={headCell}>Direction</th>
              <th style={headCell}>{sideHeading('remote', view.remote.tracker)}</th>
              <th style={headCell}>
                <span style={visuallyHidden}>Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {pairs.map((pair, index) => {
              const messages = problems?.[index] ?? [];
              return (
                <tr key={index}>
                  {(['local', 'remote'] as const).map((side) => [
                    <td key={side} style={{ ...cell, width: '34%', ...(side === 'local' && messages.length > 0 ? problemRow : {}) }}>
                      <Select<Option>
                        {...selectProps}
                        aria-label={pairLabels.value(kind, side, index)}
                        options={valueOptions(side)}
                        value={option(pair[side], pair[side])}
                        onChange={(chosen) => (chosen ? edit((current) => changeValuePair(current, kind, index, { [side]: chosen.value })) : undefined)}
                      />
                      {side === 'local' ? <Problems messages={messages} /> : null}
                    </td>,
                    side === 'local' ? (
                      <td key="direction" style={{ ...cell, width: '24%' }}>
                        <DirectionSelect
                          label={pairLabels.direction(kind, index)}
                          value={pair.direction}
                          onChange={(direction) => edit((current) => changeValuePair(current, kind, index, { direction }))}
                        />
                      </td>
                    ) : null,
                  ])}
                  <td style={removeCell}>
                    <Button
                      appearance="subtle"
                      spacing="compact"
                      aria-label={pairLabels.remove(kind, index)}
                      onClick={() => edit((current) => removeValuePair(current, kind, index))}
                    >
                      Remove
                    </Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {flagged.length === 0 ? null : (
        <Box>
          <Text as="p" size="small" color="color.text.subtle">
            {mappingWords.notMappedHelp}
          </Text>
          <ul aria-label={`${valueMapHeadings[kind]} values not mapped`} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {flagged.map(({ side, value }) => (
              <li key={`${side}:${value}`} style={{ marginBlock: token('space.050', '4px') }}>
                <Inline space="space.100" alignBlock="center">
                  <Text>{`${value} (${side === 'local' ? 'this side' : 'other side'})`}</Text>
                  <Lozenge appearance="moved">{mappingWords.notMapped}</Lozenge>
                  <Button spacing="compact" appearance="subtle" onClick={() => edit((current) => addValuePair(current, kind, values, { side, value }))}>
                    {mappingWords.pairIt(value)}
                  </Button>
                </Inline>
              </li>
            ))}
          </ul>
        </Box>
      )}
      <Inline>
        <Button spacing="compact" onClick={() => edit((current) => addValuePair(current, kind, values))}>
          {mappingWords.addPair(kind)}
        </Button>
      </Inline>
    </Stack>
  );
}

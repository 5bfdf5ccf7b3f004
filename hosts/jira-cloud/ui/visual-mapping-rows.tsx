import Button from '@atlaskit/button/new';
import { ErrorMessage } from '@atlaskit/form';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives';
import Select from '@atlaskit/select';
import { token } from '@atlaskit/tokens';
import type { CSSProperties } from 'react';
import { mappingWords } from '../../console-kit/visual-mapping-editing-words';
import type { MappingChooser, MappingOption, MappingTable, ValueMapTable as ValueMapTableModel } from '../../console-kit/visual-mapping-tables';

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

function ChooserSelect({ chooser, isInvalid = false }: { readonly chooser: MappingChooser; readonly isInvalid?: boolean }) {
  return (
    <Select<MappingOption>
      {...selectProps}
      isInvalid={isInvalid}
      aria-label={chooser.label}
      options={chooser.options}
      value={{ value: chooser.value, label: chooser.valueLabel }}
      onChange={(chosen) => (chosen ? chooser.choose(chosen.value) : undefined)}
    />
  );
}

/** Field rows or value pairs: this side's choice, which way values flow, the other side's, and Remove. */
function RowsTable({ model }: { readonly model: MappingTable }) {
  return (
    <table style={table} aria-label={model.label}>
      <thead>
        <tr>
          <th style={headCell}>{model.headings.local}</th>
          <th style={headCell}>{model.headings.direction}</th>
          <th style={headCell}>{model.headings.remote}</th>
          <th style={headCell}>
            <span style={visuallyHidden}>{model.headings.remove}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {model.rows.map((row, index) => {
          const hasProblems = row.problems.length > 0;
          return (
            <tr key={index}>
              <td style={{ ...cell, width: '34%', ...(hasProblems ? problemRow : {}) }}>
                <ChooserSelect chooser={row.local} isInvalid={hasProblems} />
                <Problems messages={row.problems} />
              </td>
              <td style={{ ...cell, width: '24%' }}>
                <ChooserSelect chooser={row.direction} />
              </td>
              <td style={{ ...cell, width: '34%' }}>
                <ChooserSelect chooser={row.remote} />
              </td>
              <td style={removeCell}>
                <Button appearance="subtle" spacing="compact" aria-label={row.removeLabel} onClick={row.remove}>
                  Remove
                </Button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function FieldRowsTable({ model }: { readonly model: MappingTable }) {
  return (
    <Stack space="space.100">
      <RowsTable model={model} />
      <Inline>
        <Button onClick={model.add}>{model.addLabel}</Button>
      </Inline>
    </Stack>
  );
}

/** One value map (status, priority or type): its pairs, and the live values no pair places, flagged Not mapped. */
export function ValueMapTable({ model }: { readonly model: ValueMapTableModel }) {
  return (
    <Stack space="space.100">
      <Text as="strong" weight="bold">
        {model.heading}
      </Text>
      {model.rows.length === 0 ? null : <RowsTable model={model} />}
      {model.unmapped.length === 0 ? null : (
        <Box>
          <Text as="p" size="small" color="color.text.subtle">
            {mappingWords.notMappedHelp}
          </Text>
          <ul aria-label={model.unmappedLabel} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {model.unmapped.map((value) => (
              <li key={value.key} style={{ marginBlock: token('space.050', '4px') }}>
                <Inline space="space.100" alignBlock="center">
                  <Text>{value.text}</Text>
                  <Lozenge appearance="moved">{mappingWords.notMapped}</Lozenge>
                  <Button spacing="compact" appearance="subtle" onClick={value.pair}>
                    {value.pairLabel}
                  </Button>
                </Inline>
              </li>
            ))}
          </ul>
        </Box>
      )}
      <Inline>
        <Button spacing="compact" onClick={model.add}>
          {model.addLabel}
        </Button>
      </Inline>
    </Stack>
  );
}

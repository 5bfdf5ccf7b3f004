import { Button } from 'azure-devops-ui/Button';
import { Dropdown } from 'azure-devops-ui/Dropdown';
import { Pill, PillSize } from 'azure-devops-ui/Pill';
import { DropdownSelection } from 'azure-devops-ui/Utilities/DropdownSelection';
import { useMemo } from 'react';
import { mappingWords } from '../../console-kit/visual-mapping-editing-words';
import { MappingRowsTable, type RowsTableLook } from '../../console-kit/visual-mapping-rows-table';
import { optionsShowing, type MappingChooser, type MappingTable, type ValueMapTable as ValueMapTableModel } from '../../console-kit/visual-mapping-tables';

/** One azure-devops-ui Dropdown for a chooser, the chosen option selected; each keeps its own selection, as the control requires. */
function ChooserDropdown({ chooser }: { readonly chooser: MappingChooser }) {
  const selection = useMemo(() => new DropdownSelection(), []);
  const options = optionsShowing(chooser);
  const index = options.findIndex((option) => option.value === chooser.value);
  if (index >= 0 && !selection.selected(index)) selection.select(index);
  return (
    <Dropdown
      ariaLabel={chooser.label}
      className="exalate-mapping-dropdown"
      selection={selection}
      items={options.map((option) => ({ id: option.value, text: option.label }))}
      onSelect={(_event, item) => chooser.choose(item.id)}
    />
  );
}

const look: RowsTableLook = {
  table: 'exalate-mapping-table',
  problemRow: 'has-problem',
  visuallyHidden: 'exalate-visually-hidden',
  problems: 'exalate-mapping-problems',
  problem: 'exalate-mapping-problem',
};

function RowsTable({ model }: { readonly model: MappingTable }) {
  return (
    <MappingRowsTable
      model={model}
      look={look}
      Chooser={ChooserDropdown}
      removeButton={(row) => <Button subtle iconProps={{ iconName: 'Delete' }} ariaLabel={row.removeLabel} onClick={row.remove} />}
    />
  );
}

export function FieldRowsTable({ model }: { readonly model: MappingTable }) {
  return (
    <div className="flex-column rhythm-vertical-8">
      <RowsTable model={model} />
      <div>
        <Button text={model.addLabel} iconProps={{ iconName: 'Add' }} onClick={model.add} />
      </div>
    </div>
  );
}

/** One value map (status, priority or type): its pairs, and the live values no pair places, flagged Not mapped. */
export function ValueMapTable({ model }: { readonly model: ValueMapTableModel }) {
  return (
    <div className="flex-column rhythm-vertical-8">
      <h4 className="exalate-mapping-subheading">{model.heading}</h4>
      {model.rows.length === 0 ? null : <RowsTable model={model} />}
      {model.unmapped.length === 0 ? null : (
        <div className="flex-column rhythm-vertical-4">
          <p className="secondary-text">{mappingWords.notMappedHelp}</p>
          <ul className="exalate-unmapped" aria-label={model.unmappedLabel}>
            {model.unmapped.map((value) => (
              <li key={value.key} className="flex-row flex-center rhythm-horizontal-8">
                <span>{value.text}</span>
                <Pill size={PillSize.compact}>{mappingWords.notMapped}</Pill>
                <Button subtle text={value.pairLabel} onClick={value.pair} />
              </li>
            ))}
          </ul>
        </div>
      )}
      <div>
        <Button text={model.addLabel} iconProps={{ iconName: 'Add' }} onClick={model.add} />
      </div>
    </div>
  );
}

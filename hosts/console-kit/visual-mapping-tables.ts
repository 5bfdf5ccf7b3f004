import type { MappingView, TrackerKind, ValueMapKind, ViewDirection } from './browser-core';
import type { VisualMappingAnswer } from './visual-mapping-answers';
import {
  addFieldRow,
  addValuePair,
  changeFieldRow,
  changeValuePair,
  offeredFieldNames,
  removeFieldRow,
  removeValuePair,
  type ViewSideName,
} from './visual-mapping-editing';
import { offeredFieldsOf, offeredValuesOf, valueMapKindsOf } from './visual-mapping-editing-answer';
import type { PlacedProblems } from './visual-mapping-editing-problems';
import {
  directionOptions,
  directionWords,
  fieldLabelOf,
  mappingWords,
  pairLabels,
  rowLabels,
  sideHeading,
  valueMapHeadings,
} from './visual-mapping-editing-words';

/**
 * The field rows and value maps of the Visual mapping editor as every console shows them: each
 * console draws its own native controls (Atlaskit, azure-devops-ui, plain HTML), and takes from here
 * what they say and do, so an option, a label or where a problem shows cannot differ between hosts.
 */
type Edit = (change: (view: MappingView) => MappingView) => void;

export interface MappingOption {
  readonly value: string;
  readonly label: string;
}

/** One select of a row: its accessible name, what it offers, what is chosen (and how that reads), and what choosing does. */
export interface MappingChooser {
  readonly label: string;
  readonly options: readonly MappingOption[];
  readonly value: string;
  readonly valueLabel: string;
  choose(value: string): void;
}

/** A field row or a value pair: this side's choice, the direction, the other side's choice, Remove, and the problems the node named for it. */
export interface MappingRow {
  readonly local: MappingChooser;
  readonly direction: MappingChooser;
  readonly remote: MappingChooser;
  readonly removeLabel: string;
  remove(): void;
  /** Shown under this side's choice; the row is marked when there are any. */
  readonly problems: readonly string[];
}

export interface MappingTable {
  /** The table's accessible name. */
  readonly label: string;
  readonly headings: { readonly local: string; readonly direction: string; readonly remote: string; readonly remove: string };
  readonly rows: readonly MappingRow[];
  readonly addLabel: string;
  add(): void;
}

/** A live value no pair places: flagged Not mapped, with a button that pairs it. */
export interface UnmappedValue {
  readonly key: string;
  readonly text: string;
  readonly pairLabel: string;
  pair(): void;
}

export interface ValueMapTable extends MappingTable {
  readonly kind: ValueMapKind;
  readonly heading: string;
  readonly unmappedLabel: string;
  readonly unmapped: readonly UnmappedValue[];
}

export interface MappingTables {
  readonly fields: MappingTable;
  readonly valueMaps: readonly ValueMapTable[];
}

const sides = ['local', 'remote'] as const;
const isDirection = (value: string): value is ViewDirection => directionOptions.some((option) => option.value === value);
const directionChoices: readonly MappingOption[] = directionOptions.map((option) => ({ value: option.value, label: option.label }));

/** The options to list: a chosen value the list lacks (gone from the tracker) is still listed, so the problem beside it makes sense. */
export function optionsShowing(chooser: Pick<MappingChooser, 'options' | 'value'>): readonly MappingOption[] {
  return chooser.options.some((option) => option.value === chooser.value)
    ? chooser.options
    : [...chooser.options, { value: chooser.value, label: chooser.value }];
}

function headingsOf(view: MappingView): MappingTable['headings'] {
  return { local: sideHeading('local', view.local.tracker), direction: 'Direction', remote: sideHeading('remote', view.remote.tracker), remove: 'Remove' };
}

function directionChooser(label: string, value: ViewDirection, choose: (direction: ViewDirection) => void): MappingChooser {
  return { label, options: directionChoices, value, valueLabel: directionWords[value], choose: (chosen) => (isDirection(chosen) ? choose(chosen) : undefined) };
}

function fieldsTableOf(answer: Pick<VisualMappingAnswer, 'values'>, view: MappingView, problems: PlacedProblems | null, edit: Edit): MappingTable {
  const offered = offeredFieldsOf(answer);
  const trackers: Readonly<Record<ViewSideName, TrackerKind>> = { local: view.local.tracker, remote: view.remote.tracker };
  const options = (side: ViewSideName) =>
    offeredFieldNames(trackers[side], offered[side]).map((name) => ({ value: name, label: fieldLabelOf(trackers[side], name) }));
  const offeredOptions = { local: options('local'), remote: options('remote') };
  return {
    label: mappingWords.fieldsHeading,
    headings: headingsOf(view),
    rows: view.fields.map((row, index) => {
      const field = (side: ViewSideName): MappingChooser => ({
        label: rowLabels.field(side, index),
        options: offeredOptions[side],
        value: row[side],
        valueLabel: fieldLabelOf(trackers[side], row[side]),
        choose: (name) => edit((current) => changeFieldRow(current, index, { [side]: name })),
      });
      return {
        local: field('local'),
        direction: directionChooser(rowLabels.direction(index), row.direction, (direction) => edit((current) => changeFieldRow(current, index, { direction }))),
        remote: field('remote'),
        removeLabel: rowLabels.remove(index),
        remove: () => edit((current) => removeFieldRow(current, index)),
        problems: problems?.fieldRows[index] ?? [],
      };
    }),
    addLabel: mappingWords.addRow,
    add: () => edit((current) => addFieldRow(current, offered)),
  };
}

function valueMapTableOf(
  answer: Pick<VisualMappingAnswer, 'values'>,
  view: MappingView,
  kind: ValueMapKind,
  problems: PlacedProblems | null,
  unmapped: Readonly<Record<ViewSideName, readonly string[]>>,
  edit: Edit,
): ValueMapTable {
  const values = offeredValuesOf(answer, view, kind);
  const heading = valueMapHeadings[kind];
  return {
    kind,
    heading,
    label: `${heading} pairs`,
    headings: headingsOf(view),
    rows: view.values[kind].map((pair, index) => {
      const value = (side: ViewSideName): MappingChooser => ({
        label: pairLabels.value(kind, side, index),
        options: values[side].map((each) => ({ value: each, label: each })),
        value: pair[side],
        valueLabel: pair[side],
        choose: (chosen) => edit((current) => changeValuePair(current, kind, index, { [side]: chosen })),
      });
      return {
        local: value('local'),
        direction: directionChooser(pairLabels.direction(kind, index), pair.direction, (direction) =>
          edit((current) => changeValuePair(current, kind, index, { direction })),
        ),
        remote: value('remote'),
        removeLabel: pairLabels.remove(kind, index),
        remove: () => edit((current) => removeValuePair(current, kind, index)),
        problems: problems?.valuePairs[kind][index] ?? [],
      };
    }),
    addLabel: mappingWords.addPair(kind),
    add: () => edit((current) => addValuePair(current, kind, values)),
    unmappedLabel: `${heading} values not mapped`,
    unmapped: sides.flatMap((side) =>
      unmapped[side].map((value) => ({
        key: `${side}:${value}`,
        text: `${value} (${side === 'local' ? 'this side' : 'other side'})`,
        pairLabel: mappingWords.pairIt(value),
        pair: () => edit((current) => addValuePair(current, kind, values, { side, value })),
      })),
    ),
  };
}

/** The tables of the mapping tab, for the editor's answer and view; null until both are there. */
export function mappingTablesOf(editor: {
  readonly answer: Pick<VisualMappingAnswer, 'values'> | null;
  readonly view: MappingView | null;
  readonly problems: PlacedProblems | null;
  readonly unmapped: Readonly<Record<ValueMapKind, Readonly<Record<ViewSideName, readonly string[]>>>>;
  readonly edit: Edit;
}): MappingTables | null {
  const { answer, view, problems, unmapped, edit } = editor;
  if (answer === null || view === null) return null;
  return {
    fields: fieldsTableOf(answer, view, problems, edit),
    valueMaps: valueMapKindsOf(answer, view).map((kind) => valueMapTableOf(answer, view, kind, problems, unmapped[kind], edit)),
  };
}

import { trackerProfile } from '../trackers';
import { valueListOf, type TrackerVocabularyNow } from './tracker-values';
import { flowsTo, mappingSides, otherSide, valueMapKinds, type MappingSide, type ValueMapKind, type VisualMapping } from './visual-mapping';

/** A value one side has that the other side cannot place: the console flags it beside its value map. */
export interface UnmappedValue {
  readonly kind: ValueMapKind;
  /** The side whose tracker has the value. */
  readonly side: MappingSide;
  readonly value: string;
}

/**
 * Every live status, priority and type of one side that flows to the other side (a row of that
 * kind flows there) but that no pair in that direction names and that the other side has no value
 * of the same name for. Such a value falls back to "the item keeps what it has" when it arrives,
 * which is safe but rarely what the admin wants, so the console asks for a pair.
 */
export function unmappedValues(mapping: VisualMapping, valuesOfBothSides: Readonly<Record<MappingSide, TrackerVocabularyNow>>): UnmappedValue[] {
  return mappingSides.flatMap((sender) => {
    const receiver = otherSide(sender);
    return valueMapKinds.flatMap((kind) => {
      if (!flowsInto(mapping, kind, receiver)) return [];
      // Every new item there gets the one type it has (Asana's tasks): no type needs a pair.
      if (kind === 'type' && trackerProfile(mapping[receiver].tracker).vocabulary.onlyItemType !== null) return [];
      const paired = new Set(mapping.values[kind].filter((pair) => flowsTo(pair.direction, receiver)).map((pair) => pair[sender]));
      const sameNames = new Set(valuesOfBothSides[receiver][valueListOf[kind]].map((value) => value.toLowerCase()));
      return valuesOfBothSides[sender][valueListOf[kind]]
        .filter((value) => !paired.has(value) && !sameNames.has(value.toLowerCase()))
        .map((value) => ({ kind, side: sender, value }));
    });
  });
}

/** Does a row of this kind (the status row, the priority row, the type row) bring values into `receiver`? */
export function flowsInto(mapping: VisualMapping, kind: ValueMapKind, receiver: MappingSide): boolean {
  return mapping.fields.some((row) => flowsTo(row.direction, receiver) && row[`${receiver}Field`] === kind && row[`${otherSide(receiver)}Field`] === kind);
}

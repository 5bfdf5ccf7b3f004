import { trackerDisplayNames } from '../trackers';
import { valueListOf, type TrackerVocabularyNow } from './tracker-values';
import { otherSide, valueMapKinds, type MappingSide, type ValueMapKind, type VisualMapping } from './visual-mapping';

/** A pair of an agreed mapping naming a value this side's tracker no longer has. */
export interface MappingDrift {
  readonly kind: ValueMapKind;
  /** The value on this side, which is gone. */
  readonly local: string;
  /** The value it is paired with on the other side. */
  readonly remote: string;
  readonly message: string;
}

/** Names a side's tracker has listed at some point, by list: what "no longer has" is judged against. */
export type SeenValues = Readonly<Record<'statuses' | 'priorities' | 'types', readonly string[]>>;

/**
 * The pairs of `mapping` whose value on `side` the tracker listed before (`seen`) but does not list
 * now: a status renamed or removed since. A value the project never had is not drift: the default
 * mapping pairs the names of every process template (Scrum's Committed, Basic's Doing), and those
 * never meet an item of a project that lacks them. Names are compared exactly, as validateMapping
 * compares them. One entry a value, however many pairs name it, each saying which pair to fix and how.
 */
export function mappingDrift(mapping: VisualMapping, side: MappingSide, vocabulary: TrackerVocabularyNow, seen: SeenValues): readonly MappingDrift[] {
  const tracker = trackerDisplayNames[mapping[side].tracker];
  const drifts: MappingDrift[] = [];
  for (const kind of valueMapKinds) {
    const known = new Set(vocabulary[valueListOf[kind]]);
    const hadOnce = new Set(seen[valueListOf[kind]]);
    const reported = new Set<string>();
    for (const pair of mapping.values[kind]) {
      const local = pair[side];
      const remote = pair[otherSide(side)];
      if (known.has(local) || !hadOnce.has(local) || reported.has(local)) continue;
      reported.add(local);
      drifts.push({
        kind,
        local,
        remote,
        message: `The ${kind} pair '${local}' ↔ '${remote}' names '${local}', which ${tracker} no longer has; edit the Visual mapping and publish it.`,
      });
    }
  }
  return drifts;
}

/**
 * The vocabularies a changed mapping is validated against: what each tracker lists now, plus the
 * values pairs of the agreed version name on a side whose tracker never listed them (see
 * mappingDrift). Those came with the default mapping and never match an item there, so keeping
 * them is harmless and an admin need not remove them to change something else; a value the
 * tracker listed once and no longer does is still refused, and so is any value a new pair names.
 */
export function vocabulariesTolerating(
  vocabularies: Readonly<Record<MappingSide, TrackerVocabularyNow>>,
  agreed: VisualMapping,
  seen: Readonly<Record<MappingSide, SeenValues>>,
): Readonly<Record<MappingSide, TrackerVocabularyNow>> {
  const tolerated = (side: MappingSide): TrackerVocabularyNow => {
    const vocabulary = { ...vocabularies[side] };
    for (const kind of valueMapKinds) {
      const list = valueListOf[kind];
      const hadOnce = new Set(seen[side][list]);
      const inherited = agreed.values[kind].map((pair) => pair[side]).filter((value) => !hadOnce.has(value) && !vocabulary[list].includes(value));
      vocabulary[list] = [...vocabulary[list], ...new Set(inherited)];
    }
    return vocabulary;
  };
  return { initiator: tolerated('initiator'), acceptor: tolerated('acceptor') };
}

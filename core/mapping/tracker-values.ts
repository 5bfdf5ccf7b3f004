import { trackerProfile, trackerProfiles, type TrackerKind } from '../trackers';
import { mappingFieldsOf } from './mapping-fields';
import type { ValueMapKind } from './visual-mapping';

/**
 * What one side's tracker offers right now, as its node read it: the fields a mapping row may
 * name there and the names of its statuses, priorities and types. Validation checks a mapping
 * against it; the compiler embeds the statuses and priorities so an incoming value the map does not
 * name can still be used when this side has a value of that name.
 */
export interface TrackerVocabularyNow {
  readonly fields: readonly string[];
  readonly statuses: readonly string[];
  readonly priorities: readonly string[];
  readonly types: readonly string[];
}

export const valueListOf: Readonly<Record<ValueMapKind, keyof Omit<TrackerVocabularyNow, 'fields'>>> = {
  status: 'statuses',
  priority: 'priorities',
  type: 'types',
};

/**
 * The vocabulary a new project of this tracker has out of the box, from the tracker profiles (the
 * names the default scripts map between). Used when a node has not read its tracker yet; a real
 * project may have more, which is why validation takes the live lists.
 */
export function defaultVocabularyOf(tracker: TrackerKind): TrackerVocabularyNow {
  const vocabulary = trackerProfile(tracker).vocabulary;
  const namedByOthers = (table: 'priorityNamesFrom' | 'typeNamesFrom') =>
    Object.values(trackerProfiles).flatMap((profile) => Object.keys(profile.vocabulary[table][vocabulary.family] ?? {}));
  const ownTargets = (table: 'priorityNamesFrom' | 'typeNamesFrom') => Object.values(vocabulary[table]).flatMap((names) => Object.values(names));
  return {
    fields: mappingFieldsOf(tracker).map((field) => field.name),
    statuses: Object.keys(vocabulary.statuses.known),
    priorities: vocabulary.hasPriority ? unique([...ownTargets('priorityNamesFrom'), ...namedByOthers('priorityNamesFrom')]) : [],
    types: vocabulary.onlyItemType !== null ? [vocabulary.onlyItemType] : unique([...ownTargets('typeNamesFrom'), ...namedByOthers('typeNamesFrom')]),
  };
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}

/**
 * One side's vocabulary from the values its tracker listed for the project: the fields a mapping
 * row may name there (the tracker's, as the profile knows them) and the live names.
 */
export function vocabularyFromValues(
  tracker: TrackerKind,
  values: { readonly statuses: readonly string[]; readonly priorities: readonly string[]; readonly types: readonly string[] },
): TrackerVocabularyNow {
  return { fields: defaultVocabularyOf(tracker).fields, statuses: [...values.statuses], priorities: [...values.priorities], types: [...values.types] };
}

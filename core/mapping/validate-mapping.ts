import { ExalateError } from '../errors';
import { err, ok, type Result } from '../result';
import { trackerDisplayNames, type TrackerKind } from '../trackers';
import { parseTriggerQuery } from '../trackers/trigger-query';
import { fieldKindsFit, mappingFieldOf, mappingFieldsOf, type MappingField } from './mapping-fields';
import { valueListOf, type TrackerVocabularyNow } from './tracker-values';
import {
  flowsTo,
  mappingSides,
  otherSide,
  valueMapKinds,
  visualMappingSchema,
  type MappingSide,
  type ValueMapKind,
  type VisualMapping,
} from './visual-mapping';

/** One thing wrong with a mapping, in words that name it and say what to do. */
export interface MappingProblem {
  /** The side whose tracker the problem is about; null when the document itself is malformed. */
  readonly side: MappingSide | null;
  /** The field, value or filter named. */
  readonly subject: string;
  readonly message: string;
}

/**
 * Checks a mapping (from a console, or the other side's node) against what each side's tracker has
 * now. Every problem is reported, not just the first, so an admin fixes them in one pass; the error
 * is `invalid_request` with `details.problems` (MappingProblem[]), and the caller saves and applies
 * nothing. The same check run later on a published mapping finds drift (a mapped status renamed in
 * the tracker) with the same words.
 */
export function validateMapping(input: unknown, vocabularies: Readonly<Record<MappingSide, TrackerVocabularyNow>>): Result<VisualMapping, ExalateError> {
  const parsed = visualMappingSchema.safeParse(input);
  if (!parsed.success) {
    return err(
      refused(
        parsed.error.issues.map((issue) => {
          const path = issue.path.map(String).join('.');
          return { side: null, subject: path, message: `${path === '' ? 'The mapping' : path}: ${issue.message}.` };
        }),
      ),
    );
  }
  const mapping = parsed.data;
  const problems = [
    ...fieldProblems(mapping, vocabularies),
    ...valueProblems(mapping, vocabularies),
    ...filterProblems(mapping, vocabularies),
    ...creationProblems(mapping),
  ];
  return problems.length === 0 ? ok(mapping) : err(refused(problems));
}

function refused(problems: readonly MappingProblem[]): ExalateError {
  const summary = problems.length === 1 ? problems[0]!.message : `${problems.length} problems: ${problems.map((problem) => problem.message).join(' ')}`;
  return new ExalateError('invalid_request', `The Visual mapping cannot be used; nothing was saved. ${summary}`, { details: { problems } });
}

function fieldProblems(mapping: VisualMapping, vocabularies: Readonly<Record<MappingSide, TrackerVocabularyNow>>): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const writers = new Map<string, number>();
  for (const row of mapping.fields) {
    const fields = {} as Record<MappingSide, MappingField | undefined>;
    for (const side of mappingSides) {
      const tracker = mapping[side].tracker;
      const name = row[`${side}Field`];
      const field = mappingFieldOf(tracker, name);
      fields[side] = field;
      if (field === undefined) {
        problems.push({ side, subject: name, message: `${brand(tracker)} has no field '${name}' a mapping can use; choose one of: ${fieldChoices(tracker)}.` });
      } else if (!vocabularies[side].fields.includes(name)) {
        problems.push({
          side,
          subject: name,
          message: `The field ${field.label} (${name}) is not available in this ${brand(tracker)} project; remove its row or choose one of: ${fieldChoices(tracker, vocabularies[side])}.`,
        });
      }
    }
    for (const receiver of mappingSides) {
      const sender = otherSide(receiver);
      const into = fields[receiver];
      const from = fields[sender];
      if (!flowsTo(row.direction, receiver) || into === undefined) continue;
      const where = brand(mapping[receiver].tracker);
      const key = `${receiver}:${into.name}`;
      writers.set(key, (writers.get(key) ?? 0) + 1);
      if (writers.get(key) === 2)
        problems.push({ side: receiver, subject: into.name, message: `${into.label} in ${where} is written by more than one row; keep one.` });
      if (from === undefined) continue;
      if (!into.writable) {
        problems.push({
          side: receiver,
          subject: into.name,
          message: `${into.label} cannot be written in ${where}: the tracker sets it itself. Make the row flow to ${brand(mapping[sender].tracker)} only, or map it to another field.`,
        });
      } else if (!fieldKindsFit(from.kind, into.kind)) {
        problems.push({
          side: receiver,
          subject: into.name,
          message: `${into.label} in ${where} cannot take ${from.label} from ${brand(mapping[sender].tracker)}: their values do not fit. Map ${from.label} to a field of the same kind.`,
        });
      }
    }
  }
  return problems;
}

function valueProblems(mapping: VisualMapping, vocabularies: Readonly<Record<MappingSide, TrackerVocabularyNow>>): MappingProblem[] {
  return valueMapKinds.flatMap((kind) =>
    mapping.values[kind].flatMap((pair) =>
      mappingSides.flatMap((side): MappingProblem[] => {
        const values = vocabularies[side][valueListOf[kind]];
        if (values.includes(pair[side])) return [];
        const tracker = brand(mapping[side].tracker);
        if (values.length === 0)
          return [{ side, subject: pair[side], message: `${tracker} has no ${kind}; remove the ${kind} pairs that name '${pair[side]}'.` }];
        return [{ side, subject: pair[side], message: `The ${kind} '${pair[side]}' no longer exists in ${tracker}; map it to one of: ${listed(values)}.` }];
      }),
    ),
  );
}

/** A filter must parse in its tracker's trigger language, and the statuses and types it names must exist there. */
function filterProblems(mapping: VisualMapping, vocabularies: Readonly<Record<MappingSide, TrackerVocabularyNow>>): MappingProblem[] {
  return mappingSides.flatMap((side): MappingProblem[] => {
    const { tracker, filter } = mapping[side];
    if (filter === null) return [];
    const conditions = parseTriggerQuery(filter, tracker);
    if (!conditions.ok) return [{ side, subject: filter, message: `The ${brand(tracker)} filter is not valid. ${conditions.error.message}` }];
    const named: Readonly<Partial<Record<string, ValueMapKind>>> = { status: 'status', type: 'type' };
    return conditions.value.flatMap((condition) => {
      const kind = named[condition.field];
      if (kind === undefined) return [];
      const values = vocabularies[side][valueListOf[kind]];
      const known = new Set(values.map((value) => value.toLowerCase()));
      return condition.values
        .filter((value) => !known.has(value.toLowerCase()))
        .map((value) => ({
          side,
          subject: value,
          message: `The ${brand(tracker)} filter names the ${kind} '${value}', which no longer exists there; use one of: ${listed(values)}.`,
        }));
    });
  });
}

/** Items a side's filter sends are created on the other side, which needs a summary to create them. */
function creationProblems(mapping: VisualMapping): MappingProblem[] {
  return mappingSides.flatMap((sender): MappingProblem[] => {
    const receiver = otherSide(sender);
    if (mapping[sender].filter === null) return [];
    if (mapping.fields.some((row) => flowsTo(row.direction, receiver) && row[`${receiver}Field`] === 'summary')) return [];
    const from = brand(mapping[sender].tracker);
    const into = brand(mapping[receiver].tracker);
    return [
      {
        side: receiver,
        subject: 'summary',
        message: `Items from ${from} cannot be created in ${into}: no row brings a Summary there. Add a Summary row that flows to ${into}, or clear the ${from} filter.`,
      },
    ];
  });
}

function fieldChoices(tracker: TrackerKind, vocabulary?: TrackerVocabularyNow): string {
  const fields = mappingFieldsOf(tracker).filter((field) => vocabulary === undefined || vocabulary.fields.includes(field.name));
  return fields.map((field) => `${field.label} (${field.name})`).join(', ');
}

/** The values to choose from; a long workflow is cut, since the console lists them all. */
function listed(values: readonly string[]): string {
  const shown = values.slice(0, 20).join(', ');
  return values.length > 20 ? `${shown} and ${values.length - 20} more` : shown;
}

function brand(tracker: TrackerKind): string {
  return trackerDisplayNames[tracker];
}

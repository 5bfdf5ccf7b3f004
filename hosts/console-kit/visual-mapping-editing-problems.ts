import { valueMapKinds, type MappingView, type ValueMapKind } from './browser-core';
import type { MappingProblemAnswer } from './visual-mapping-answers';
import type { ViewSideName } from './visual-mapping-editing';

/**
 * Where the console shows what the node said about a mapping. A refused draft carries
 * `details.problems`, each naming a side and the field, value or filter it is about
 * (core/mapping/validate-mapping.ts); the editor shows each beside the row it concerns, so the admin
 * sees what to fix where they fix it. What names nothing on screen is listed above the table.
 */
export type { MappingProblemAnswer };

export interface PlacedProblems {
  /** By row, in the order of `view.fields`. */
  readonly fieldRows: readonly (readonly string[])[];
  readonly valuePairs: Readonly<Record<ValueMapKind, readonly (readonly string[])[]>>;
  readonly filters: Readonly<Record<ViewSideName, readonly string[]>>;
  /** Problems no row, pair or filter on screen stands for. */
  readonly elsewhere: readonly string[];
}

/** Which side of this view a problem or a value belongs to, whether the node named it by role or by view. */
export function viewSideOf(view: Pick<MappingView, 'side'>, side: string | null): ViewSideName | null {
  if (side === 'local' || side === 'remote') return side;
  if (side === 'initiator' || side === 'acceptor') return side === view.side ? 'local' : 'remote';
  return null;
}

export function placeProblems(view: MappingView, problems: readonly MappingProblemAnswer[]): PlacedProblems {
  const fieldRows: string[][] = view.fields.map(() => []);
  const valuePairs = Object.fromEntries(valueMapKinds.map((kind) => [kind, view.values[kind].map((): string[] => [])])) as Record<ValueMapKind, string[][]>;
  const filters: Record<ViewSideName, string[]> = { local: [], remote: [] };
  const elsewhere: string[] = [];
  for (const problem of problems) {
    const side = viewSideOf(view, problem.side);
    if (side === null) {
      elsewhere.push(problem.message);
      continue;
    }
    const filter = view[side].filter;
    if (filter !== null && problem.subject === filter) {
      filters[side].push(problem.message);
      continue;
    }
    const rows = view.fields.flatMap((row, index) => (row[side] === problem.subject ? [index] : []));
    if (rows.length > 0) {
      // A field written twice is about every row that writes it: the admin chooses which to keep.
      for (const index of rows) fieldRows[index]!.push(problem.message);
      continue;
    }
    const pairs = valueMapKinds.flatMap((kind) => view.values[kind].flatMap((pair, index) => (pair[side] === problem.subject ? [{ kind, index }] : [])));
    if (pairs.length > 0) {
      for (const { kind, index } of pairs) valuePairs[kind][index]!.push(problem.message);
      continue;
    }
    // A status or type the filter names (`status = 'In Triage'`): the filter is where to fix it.
    if (filter !== null && filter.toLowerCase().includes(problem.subject.toLowerCase())) filters[side].push(problem.message);
    else elsewhere.push(problem.message);
  }
  return { fieldRows, valuePairs, filters, elsewhere };
}

/** How many problems the placement holds, wherever each is shown. */
export function problemCount(placed: PlacedProblems): number {
  const messages = [
    placed.elsewhere,
    ...placed.fieldRows,
    ...valueMapKinds.flatMap((kind) => placed.valuePairs[kind]),
    placed.filters.local,
    placed.filters.remote,
  ];
  return messages.reduce((total, each) => total + each.length, 0);
}

/** What `details.problems` of a refusal holds, read tolerantly: a node of another version may word it otherwise. */
export function problemsOfDetails(details: unknown): MappingProblemAnswer[] {
  if (typeof details !== 'object' || details === null || !('problems' in details) || !Array.isArray(details.problems)) return [];
  return details.problems.flatMap((problem: unknown): MappingProblemAnswer[] => {
    if (typeof problem !== 'object' || problem === null) return [];
    const { side, subject, message } = problem as Record<string, unknown>;
    if (typeof message !== 'string') return [];
    return [{ side: isProblemSide(side) ? side : null, subject: typeof subject === 'string' ? subject : '', message }];
  });
}

const problemSides: readonly unknown[] = ['initiator', 'acceptor', 'local', 'remote'];
const isProblemSide = (side: unknown): side is NonNullable<MappingProblemAnswer['side']> => problemSides.includes(side);

/** A live value no pair places, as the node lists them (core/mapping/unmapped-values.ts). */
export interface UnmappedValueAnswer {
  readonly kind: string;
  readonly side: string;
  readonly value: string;
}

/** The values of each side and map kind that no pair places: flagged "Not mapped" beside the value map. */
export function unmappedByKind(
  view: Pick<MappingView, 'side'>,
  unmapped: readonly UnmappedValueAnswer[],
): Readonly<Record<ValueMapKind, Readonly<Record<ViewSideName, readonly string[]>>>> {
  const byKind = Object.fromEntries(valueMapKinds.map((kind) => [kind, { local: [] as string[], remote: [] as string[] }])) as Record<
    ValueMapKind,
    Record<ViewSideName, string[]>
  >;
  for (const entry of unmapped) {
    const side = viewSideOf(view, entry.side);
    const kind = valueMapKinds.find((known) => known === entry.kind);
    if (side !== null && kind !== undefined && !byKind[kind][side].includes(entry.value)) byKind[kind][side].push(entry.value);
  }
  return byKind;
}

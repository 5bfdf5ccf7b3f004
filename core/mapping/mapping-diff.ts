import { mappingFieldOf } from './mapping-fields';
import type { MappingView, ViewDirection, ViewSide, ViewToggles } from './mapping-view';
import { valueMapKinds, type ValueMapKind } from './visual-mapping';
import type { TrackerKind } from '../trackers';

/**
 * One difference between the mapping that runs and a proposal, as the approving admin reads it:
 * rows and value pairs added, removed or turned another way, toggles and filters changed. Both
 * mappings are seen from the same side, so "this side" and "the other side" mean what they say.
 */
export interface MappingDifference {
  readonly kind: 'added' | 'removed' | 'changed';
  /** What it is about: `fields`, `values.status`, `comments`, `attachments`, `filter.local`, `filter.remote`. */
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
  readonly words: string;
}

const directionWords: Readonly<Record<ViewDirection, string>> = {
  both: 'both ways',
  'to-remote': 'to the other side only',
  'to-local': 'to this side only',
};

const valueKindWords: Readonly<Record<ValueMapKind, string>> = { status: 'Status', priority: 'Priority', type: 'Type' };

export function diffMappings(before: MappingView, after: MappingView): MappingDifference[] {
  return [
    ...fieldDifferences(before, after),
    ...valueMapKinds.flatMap((kind) => valueDifferences(kind, before.values[kind], after.values[kind])),
    ...toggleDifferences('comments', 'Comments', before.comments, after.comments),
    ...toggleDifferences('attachments', 'Attachments', before.attachments, after.attachments),
    ...filterDifferences('local', "This side's filter", before.local, after.local),
    ...filterDifferences('remote', "The other side's filter", before.remote, after.remote),
  ];
}

interface Pairing {
  readonly local: string;
  readonly remote: string;
  readonly direction: ViewDirection;
}

/**
 * Rows (and value pairs) are matched by the two names they join: the same pair with another
 * direction is one change, not a removal and an addition.
 */
function pairDifferences(
  path: string,
  before: readonly Pairing[],
  after: readonly Pairing[],
  describe: (pairing: Pairing) => string,
  what: string,
): MappingDifference[] {
  const key = (pairing: Pairing) => JSON.stringify([pairing.local, pairing.remote]);
  const beforeByKey = new Map(before.map((pairing) => [key(pairing), pairing]));
  const afterByKey = new Map(after.map((pairing) => [key(pairing), pairing]));
  const differences: MappingDifference[] = [];
  for (const pairing of after) {
    const earlier = beforeByKey.get(key(pairing));
    if (earlier === undefined) {
      differences.push({
        kind: 'added',
        path,
        before: null,
        after: pairing,
        words: `${what} added: ${describe(pairing)} (${directionWords[pairing.direction]}).`,
      });
    } else if (earlier.direction !== pairing.direction) {
      differences.push({
        kind: 'changed',
        path,
        before: earlier,
        after: pairing,
        words: `${what} ${describe(pairing)} now flows ${directionWords[pairing.direction]} (was ${directionWords[earlier.direction]}).`,
      });
    }
  }
  for (const pairing of before) {
    if (!afterByKey.has(key(pairing))) {
      differences.push({ kind: 'removed', path, before: pairing, after: null, words: `${what} removed: ${describe(pairing)}.` });
    }
  }
  return differences;
}

function fieldDifferences(before: MappingView, after: MappingView): MappingDifference[] {
  const label = (tracker: TrackerKind, name: string) => mappingFieldOf(tracker, name)?.label ?? name;
  return pairDifferences(
    'fields',
    before.fields,
    after.fields,
    (row) => `${label(after.local.tracker, row.local)} ↔ ${label(after.remote.tracker, row.remote)}`,
    'Field row',
  );
}

function valueDifferences(kind: ValueMapKind, before: readonly Pairing[], after: readonly Pairing[]): MappingDifference[] {
  return pairDifferences(`values.${kind}`, before, after, (pair) => `${pair.local} ↔ ${pair.remote}`, `${valueKindWords[kind]} mapping`);
}

function toggleDifferences(path: string, what: string, before: ViewToggles, after: ViewToggles): MappingDifference[] {
  const differences: MappingDifference[] = [];
  if (before.send !== after.send) {
    const words = after.send ? `${what} of this side are now sent to the other side.` : `${what} of this side are no longer sent to the other side.`;
    differences.push({ kind: 'changed', path, before: before.send, after: after.send, words });
  }
  if (before.receive !== after.receive) {
    const words = after.receive ? `${what} of the other side are now added here.` : `${what} of the other side are no longer added here.`;
    differences.push({ kind: 'changed', path, before: before.receive, after: after.receive, words });
  }
  return differences;
}

function filterDifferences(which: 'local' | 'remote', what: string, before: ViewSide, after: ViewSide): MappingDifference[] {
  if (before.filter === after.filter) return [];
  const path = `filter.${which}`;
  if (before.filter === null) return [{ kind: 'added', path, before: null, after: after.filter, words: `${what} set: ${after.filter}.` }];
  if (after.filter === null)
    return [
      { kind: 'removed', path, before: before.filter, after: null, words: `${what} removed: that side starts no sync of its own (was ${before.filter}).` },
    ];
  return [{ kind: 'changed', path, before: before.filter, after: after.filter, words: `${what} changed to ${after.filter} (was ${before.filter}).` }];
}

import { trackerDisplayNames, trackerProfile, type TrackerKind } from '../trackers';
import { fieldKindsFit, mappingFieldOf, type MappingField } from './mapping-fields';
import { defaultVocabularyOf, type TrackerVocabularyNow } from './tracker-values';
import { flowsTo, otherSide, type FieldRow, type MappingSide, type ValueMapKind, type VisualMapping } from './visual-mapping';

export interface CompiledScripts {
  readonly outgoing: string;
  readonly incoming: string;
}

/**
 * The outgoing and incoming scripts one side runs for a Visual mapping. Each side compiles its own
 * from the shared document: it sends what flows to the other side and applies what flows to it,
 * so a row mapped only to the acceptor is sent by the initiator and applied by the acceptor, never
 * the reverse. The scripts are written out plainly, maps included, because admins read them (read
 * only) to see what the mapping does.
 *
 * `valuesHere` is this side's tracker vocabulary, as its node read it: an incoming status or
 * priority the maps do not name is used as it is when this side has one of that name. Without it,
 * the tracker's default vocabulary stands in.
 *
 * Rows that name a field a tracker does not have, or that join fields whose values do not fit,
 * are left out (with a comment saying so): validateMapping refuses them before anything is saved,
 * and leaving them out keeps a field name from the other side's admin out of this side's code.
 */
export function compileMapping(mapping: VisualMapping, side: MappingSide, valuesHere?: TrackerVocabularyNow): CompiledScripts {
  const rows = resolvedRows(mapping, side);
  const header = `// Generated from the Visual mapping, version ${mapping.version}. Not edited by hand: change the mapping and publish it.`;
  return {
    outgoing: compileOutgoing(mapping, side, rows, header),
    incoming: compileIncoming(mapping, side, rows, header, valuesHere ?? defaultVocabularyOf(mapping[side].tracker)),
  };
}

/** A row as this side reads it, with both fields known to their trackers. */
interface ResolvedRow {
  readonly local: MappingField;
  readonly remote: MappingField;
  readonly toRemote: boolean;
  readonly toLocal: boolean;
}

type Skipped = { readonly skipped: string };

function resolvedRows(mapping: VisualMapping, side: MappingSide): readonly (ResolvedRow | Skipped)[] {
  const other = otherSide(side);
  return mapping.fields.map((row: FieldRow) => {
    const local = mappingFieldOf(mapping[side].tracker, row[`${side}Field`]);
    const remote = mappingFieldOf(mapping[other].tracker, row[`${other}Field`]);
    if (local === undefined || remote === undefined) return { skipped: 'a row naming a field its tracker does not have' };
    const toRemote = flowsTo(row.direction, other);
    const toLocal = flowsTo(row.direction, side);
    const fits = (!toRemote || fieldKindsFit(local.kind, remote.kind)) && (!toLocal || fieldKindsFit(remote.kind, local.kind));
    if (!fits) return { skipped: `${local.label} ↔ ${remote.label}: their values do not fit each other` };
    return { local, remote, toRemote, toLocal };
  });
}

function compileOutgoing(mapping: VisualMapping, side: MappingSide, rows: readonly (ResolvedRow | Skipped)[], header: string): string {
  const local = mapping[side].tracker;
  const remote = mapping[otherSide(side)].tracker;
  const item = itemName(local);
  const sent = unique(rows.flatMap((row) => ('skipped' in row || !row.toRemote ? [] : [row.local.name])));
  const sendsComments = mapping.comments[toggleKey(otherSide(side))];
  const sendsAttachments = mapping.attachments[toggleKey(otherSide(side))];
  const intro = `// Outgoing: what this ${trackerDisplayNames[local]} side sends to ${trackerDisplayNames[remote]}.`;
  if (sent.length === 0 && !sendsComments && !sendsAttachments)
    return lines(header, intro, `// Nothing in the mapping flows to ${trackerDisplayNames[remote]}: nothing is sent.`);
  return lines(
    header,
    intro,
    ...skippedNotes(rows),
    // The link to the item travels with every replica, so the other side can show where its twin lives.
    `replica.url = ${item}.url;`,
    ...sent.map((name) => `replica.${name} = ${item}.${name};`),
    ...(sendsComments ? [`replica.comments = ${item}.comments;`] : []),
    ...(sendsAttachments ? [`replica.attachments = ${item}.attachments;`] : []),
  );
}

function compileIncoming(
  mapping: VisualMapping,
  side: MappingSide,
  rows: readonly (ResolvedRow | Skipped)[],
  header: string,
  valuesHere: TrackerVocabularyNow,
): string {
  const other = otherSide(side);
  const local = mapping[side].tracker;
  const remote = mapping[other].tracker;
  const item = itemName(local);
  const applied = rows.filter((row): row is ResolvedRow => !('skipped' in row) && row.toLocal);
  const valueMap = (kind: ValueMapKind) => valueMapInto(mapping, side, kind);
  const usesMapValue = applied.some((row) => ['status', 'priority', 'type'].includes(row.local.kind));
  const body = applied.flatMap((row) => {
    switch (row.local.kind) {
      case 'type':
        return [];
      case 'status':
        return ['', ...mappedValue(item, 'status', valueMap('status'), valuesHere.statuses, remote), ''];
      case 'priority':
        return ['', ...mappedValue(item, 'priority', valueMap('priority'), valuesHere.priorities, remote), ''];
      default:
        return applyField(item, local, row);
    }
  });
  const typeRow = applied.find((row) => row.local.kind === 'type');
  const receivesComments = mapping.comments[toggleKey(side)];
  const receivesAttachments = mapping.attachments[toggleKey(side)];
  return lines(
    header,
    `// Incoming: how a replica from ${trackerDisplayNames[remote]} changes this ${trackerDisplayNames[local]} side.`,
    ...skippedNotes(rows),
    ...(usesMapValue ? mapValueFunction : []),
    ...creation(item, local, typeRow === undefined ? null : valueMap('type')),
    '',
    ...body,
    ...(receivesComments || receivesAttachments ? [''] : []),
    ...(receivesComments ? [`commentHelper.mergeComments(${item}, replica);`] : []),
    ...(receivesAttachments ? [`attachmentHelper.mergeAttachments(${item}, replica);`] : []),
  );
}

const mapValueFunction = [
  '',
  '// A value the map names moves the item to the first value paired with it, unless the item already has',
  '// one of those values. A value the map does not name is used as it is when this side has a value of',
  '// that name; otherwise the item keeps the value it has (validation shows the value as unmapped).',
  'function mapValue(remoteValue, map, valuesHere, current) {',
  '  const paired = Object.prototype.hasOwnProperty.call(map, remoteValue) ? map[remoteValue] : [];',
  '  if (current !== null && paired.includes(current)) return current;',
  '  if (paired.length > 0) return paired[0];',
  '  const sameName = valuesHere.find((value) => value.toLowerCase() === remoteValue.toLowerCase());',
  '  return sameName ?? current;',
  '}',
];

/** Remote value → the local values paired with it in pairs that flow here, in the mapping's order. */
function valueMapInto(mapping: VisualMapping, side: MappingSide, kind: ValueMapKind): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const pair of mapping.values[kind]) {
    if (!flowsTo(pair.direction, side)) continue;
    const paired = map.get(pair[otherSide(side)]) ?? [];
    if (!paired.includes(pair[side])) paired.push(pair[side]);
    map.set(pair[otherSide(side)], paired);
  }
  return map;
}

function creation(item: string, local: TrackerKind, typeMap: Map<string, string[]> | null): string[] {
  const words = trackerProfile(local).words;
  const where = `  // New ${words.item}s go to the connection's project (${item}.projectKey is already set to it)`;
  const onlyType = trackerProfile(local).vocabulary.onlyItemType;
  if (onlyType !== null) return ['', 'if (firstSync) {', `${where}; every ${words.item} is a ${onlyType}.`, `  ${item}.type = ${quote(onlyType)};`, '}'];
  if (typeMap === null) return ['', 'if (firstSync) {', `${where}; no row brings the type here, so they are Tasks.`, `  ${item}.type = 'Task';`, '}'];
  return [
    '',
    'if (firstSync) {',
    `${where};`,
    '  // the type follows the type map, else a type of the same name, else Task.',
    ...objectLiteral('  const typeMap', typeMap),
    "  const remoteType = replica.type ?? 'Task';",
    `  ${item}.type = nodeHelper.getIssueType(mapValue(remoteType, typeMap, [], null) ?? remoteType) ?? 'Task';`,
    '}',
  ];
}

function mappedValue(item: string, field: 'status' | 'priority', map: Map<string, string[]>, valuesHere: readonly string[], remote: TrackerKind): string[] {
  const plural = field === 'status' ? 'statuses' : 'priorities';
  return [
    `// ${capitalised(field)}: the ${trackerDisplayNames[remote]} ${field} through the ${field} map.`,
    ...objectLiteral(`const ${field}Map`, map),
    `const ${plural}Here = [${valuesHere.map(quote).join(', ')}];`,
    `if (replica.${field}) {`,
    `  const ${field} = mapValue(replica.${field}.name, ${field}Map, ${plural}Here, ${item}.${field}?.name ?? null);`,
    `  if (${field} !== null) ${item}.${field} = ${field};`,
    '}',
  ];
}

function applyField(item: string, local: TrackerKind, row: ResolvedRow): string[] {
  const target = `${item}.${row.local.name}`;
  const source = `replica.${row.remote.name}`;
  switch (row.local.kind) {
    case 'text':
      if (row.remote.kind === 'rich-text') return [`if (${source}) ${target} = nodeHelper.stripHtml(${source});`];
      return [`${target} = ${source} ?? ${target};`];
    case 'rich-text':
      return [`${target} = ${source} ?? ${target};`];
    case 'labels':
      if (!trackerProfile(local).vocabulary.labelsMayHaveSpaces) {
        return [
          '',
          `// ${trackerProfile(local).words.brand} labels cannot contain spaces.`,
          `if (${source}) ${target} = ${source}.map((label) => label.trim().replace(/\\s+/g, '_'));`,
          '',
        ];
      }
      return [`if (${source}) ${target} = ${source};`];
    case 'user':
      return [
        '',
        '// People are matched by email: the person needs an account here with the same email.',
        `${target} = nodeHelper.getUserByEmail(${source}?.email);`,
        '',
      ];
    default:
      // Dates and paths are copied as they are; a value cleared there is cleared here.
      return [`if (${source} !== undefined) ${target} = ${source};`];
  }
}

function skippedNotes(rows: readonly (ResolvedRow | Skipped)[]): string[] {
  return rows.flatMap((row) => ('skipped' in row ? [`// Left out: ${row.skipped}.`] : []));
}

function toggleKey(receiver: MappingSide): 'toAcceptor' | 'toInitiator' {
  return receiver === 'acceptor' ? 'toAcceptor' : 'toInitiator';
}

function itemName(tracker: TrackerKind): string {
  return trackerProfile(tracker).words.scriptItem;
}

function objectLiteral(declaration: string, entries: Map<string, string[]>): string[] {
  const indent = declaration.match(/^\s*/)?.[0] ?? '';
  const members = [...entries].map(([key, values]) => `${indent}  ${quote(key)}: [${values.map(quote).join(', ')}],`);
  return members.length === 0 ? [`${declaration} = {};`] : [`${declaration} = {`, ...members, `${indent}};`];
}

/** A JavaScript string literal for any text: the values come from trackers and from the other side's admin. */
function quote(text: string): string {
  return `'${JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}

/** One blank line between blocks, however the blocks were put together. */
function lines(...entries: string[]): string {
  const kept = entries.filter((line, index) => line !== '' || (index > 0 && entries[index - 1] !== '' && index < entries.length - 1));
  return `${kept.join('\n')}\n`;
}

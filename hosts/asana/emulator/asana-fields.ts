import type { FastifyRequest } from 'fastify';
import { readQueryList } from '../../emulator-kit';

export type AsanaRecord = Readonly<Record<string, unknown>>;

/**
 * Asana's `opt_fields` ("Input/output options" in Asana's API docs): without it a resource comes
 * in its default form (compact in lists); with it the answer holds `gid` plus exactly the listed
 * fields. A nested object named alone comes back as `{ gid }`; `workspace.name` adds its name.
 */
export function selectAsanaFields(request: FastifyRequest, full: AsanaRecord, defaultForm: AsanaRecord): AsanaRecord {
  const requested = readQueryList(request, 'opt_fields');
  if (requested.length === 0) return defaultForm;
  return pick(full, [['gid'], ...requested.map((field) => field.replace(/^this\./, '').split('.'))]);
}

/** The compact form every Asana resource has in lists: `gid`, `resource_type`, `name`. */
export function compactForm(full: AsanaRecord): AsanaRecord {
  return { gid: full['gid'], resource_type: full['resource_type'], name: full['name'] };
}

function pick(record: AsanaRecord, paths: readonly (readonly string[])[]): AsanaRecord {
  const selected: Record<string, unknown> = {};
  const nested = new Map<string, string[][]>();
  for (const [head, ...rest] of paths) {
    if (head === undefined || !(head in record)) continue;
    const value = record[head];
    const isObject = typeof value === 'object' && value !== null;
    if (!isObject) {
      selected[head] = value;
      continue;
    }
    const subPaths = nested.get(head) ?? [];
    if (rest.length > 0) subPaths.push(rest);
    nested.set(head, subPaths);
  }
  for (const [field, subPaths] of nested) {
    const paths = [['gid'], ...subPaths];
    const value = record[field];
    selected[field] = Array.isArray(value) ? value.map((item: AsanaRecord) => pick(item, paths)) : pick(value as AsanaRecord, paths);
  }
  return selected;
}

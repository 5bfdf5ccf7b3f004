import { ExalateError } from '../../core';

/** A trigger query for Asana: `project = <gid>`, optionally `AND completed = false|true`. */
export interface AsanaFilter {
  readonly projectGid: string;
  readonly completed: boolean | undefined;
}

export function parseAsanaFilter(query: string): AsanaFilter {
  let projectGid: string | undefined;
  let completed: boolean | undefined;
  const text = query.trim().replace(/\s+order\s+by\s+.*$/is, '');
  for (const part of text.split(/\s+and\s+/i)) {
    const match = /^\s*(project|completed)\s*=\s*["']?([^"'\s]+)["']?\s*$/i.exec(part);
    const value = match?.[2] ?? '';
    if (match?.[1]?.toLowerCase() === 'project' && /^\d+$/.test(value)) projectGid = value;
    else if (match?.[1]?.toLowerCase() === 'completed' && /^(true|false)$/i.test(value)) completed = value.toLowerCase() === 'true';
    else throw invalid(query, `"${part.trim()}" is not a condition the node understands`);
  }
  if (projectGid === undefined) throw invalid(query, 'it must name a project by its gid');
  return { projectGid, completed };
}

function invalid(query: string, reason: string): ExalateError {
  return new ExalateError('invalid_request', `The Asana trigger "${query.slice(0, 200)}" cannot be used: ${reason}. Example: project = 1205000000000003 AND completed = false (the gid is in the project's URL).`);
}

/** Which script a node's message is about, and the line in it. */
export interface ScriptErrorLine {
  readonly script: 'outgoing' | 'incoming';
  /** 1-based, in the admin's own script. */
  readonly line: number;
}

/**
 * The line a script error names, read from the node's message: core's ScriptError words it
 * "The outgoing script does not parse at line 3: …" (core/rules/script-error.ts), and the admin
 * API sends only the message. Null when the message names no script line.
 */
export function readScriptErrorLine(message: string): ScriptErrorLine | null {
  const found = /\bThe (outgoing|incoming) script\b[^:]*?\bat line (\d+)\b/.exec(message);
  if (!found) return null;
  const line = Number(found[2]);
  return line >= 1 ? { script: found[1] === 'incoming' ? 'incoming' : 'outgoing', line } : null;
}

import { ScriptEditor } from './script-editor';
import type { ScriptApi } from './script-editor-completions';
import { scriptLabels, type ScriptSession, type ScriptSide } from './script-editor-session';

export interface ScriptSideEditorProps {
  readonly session: ScriptSession;
  readonly side: ScriptSide;
  /** The editor's id: the console's label points at it, and `${id}-error` names the error under it. */
  readonly id: string;
  readonly scriptApi: ScriptApi;
}

/**
 * One side's script in the editor, wired to the session the same way in every console: its words,
 * its text, the line the node complained about, and read-only while a save is under way. Each
 * console puts its own label above and its own error message (id `${id}-error`) below.
 */
export function ScriptSideEditor({ session, side, id, scriptApi }: ScriptSideEditorProps) {
  const problem = session.problems[side];
  return (
    <ScriptEditor
      id={id}
      label={scriptLabels[side]}
      value={session.rules?.[side] ?? ''}
      onChange={(text) => session.edit(side, text)}
      scriptApi={scriptApi}
      errorLine={problem?.line ?? null}
      describedBy={problem === null ? undefined : `${id}-error`}
      readOnly={session.rules === null || session.busy === 'saving'}
    />
  );
}

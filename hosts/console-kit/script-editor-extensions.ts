import { closeCompletion, type CompletionSource } from '@codemirror/autocomplete';
import { syntaxTree } from '@codemirror/language';
import { Prec, RangeSet, StateEffect, StateField, type EditorState, type Range } from '@codemirror/state';
import { Decoration, EditorView, GutterMarker, gutterLineClass, keymap, type DecorationSet } from '@codemirror/view';
import { completeScriptApi, type ScriptApi } from './script-editor-completions';

// The CodeMirror pieces the script editor adds to the stock ones: completion from the script API,
// the mark on the line a node's error names, Escape that stays inside a dialog, and the look.

/** Inside a string or a comment a name is text, not code: nothing to complete. */
const quietNodes = new Set(['String', 'TemplateString', 'LineComment', 'BlockComment']);

/** Completes the script API's names (`rep` → replica, `issue.` → its fields), read from `readApi()` at each request. */
export function scriptApiCompletion(readApi: () => ScriptApi): CompletionSource {
  return (context) => {
    if (quietNodes.has(syntaxTree(context.state).resolveInner(context.pos, -1).name)) return null;
    const line = context.state.doc.lineAt(context.pos);
    const match = completeScriptApi(readApi(), line.text.slice(0, context.pos - line.from), context.explicit);
    if (match === null) return null;
    return { from: line.from + match.from, options: match.options, validFor: /^[\w$]*$/ };
  };
}

/**
 * Escape closes the completion list and goes no further: the dialog around the editor would
 * otherwise close too, with the admin's unsaved script. Without a list open, Escape is the
 * dialog's again.
 */
export const escapeClosesCompletionOnly = Prec.highest(keymap.of([{ key: 'Escape', run: closeCompletion, stopPropagation: true }]));

/** The line a node's error names (1-based), or null to clear it. */
export const setErrorLine = StateEffect.define<number | null>();

class ErrorLineNumber extends GutterMarker {
  override elementClass = 'cm-script-error-gutter';
}
const errorLineNumber = new ErrorLineNumber();

function markLine(state: EditorState, lineNumber: number | null): DecorationSet {
  if (lineNumber === null || lineNumber < 1 || lineNumber > state.doc.lines) return Decoration.none;
  const line = state.doc.line(lineNumber);
  return Decoration.set([
    Decoration.line({ class: 'cm-script-error-line', attributes: { title: `The node reported an error on line ${lineNumber}` } }).range(line.from),
  ]);
}

/** The marked line follows the admin's edits (lines added above move it down) until the next answer. */
export const errorLineField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, transaction) {
    let next = marks.map(transaction.changes);
    for (const effect of transaction.effects) if (effect.is(setErrorLine)) next = markLine(transaction.state, effect.value);
    return next;
  },
  provide: (field) => [
    EditorView.decorations.from(field),
    // The line number turns red as well: the mark shows even when the line is scrolled sideways.
    gutterLineClass.compute([field], (state) => {
      const markers: Range<GutterMarker>[] = [];
      state.field(field).between(0, state.doc.length, (from) => void markers.push(errorLineNumber.range(from)));
      return RangeSet.of(markers);
    }),
  ],
});

/**
 * The editor's look. Light in every console (code reads the same everywhere); the frame takes the
 * console's border, radius and focus colour from CSS variables where the console sets them.
 */
export const scriptEditorTheme = EditorView.theme({
  '&': {
    border: '1px solid var(--script-editor-border, #8590a2)',
    borderRadius: 'var(--script-editor-radius, 3px)',
    backgroundColor: '#ffffff',
    color: '#172b4d',
    fontSize: '13px',
    maxHeight: 'var(--script-editor-max-height, 24rem)',
  },
  '&.cm-focused': { outline: '2px solid var(--script-editor-focus, #388bff)', outlineOffset: '1px' },
  '.cm-scroller': { overflow: 'auto', fontFamily: 'ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace', lineHeight: '1.5' },
  '.cm-content': { minHeight: 'var(--script-editor-min-height, 10rem)', caretColor: '#172b4d' },
  '.cm-gutters': {
    minHeight: 'var(--script-editor-min-height, 10rem)',
    backgroundColor: '#f7f8f9',
    color: '#626f86',
    borderRight: '1px solid #dcdfe4',
    borderRadius: 'var(--script-editor-radius, 3px) 0 0 var(--script-editor-radius, 3px)',
  },
  '.cm-script-error-line': { backgroundColor: '#ffeceb' },
  '.cm-gutterElement.cm-script-error-gutter': { backgroundColor: '#ffd5d2', color: '#ae2e24', fontWeight: '700' },
  '.cm-tooltip.cm-tooltip-autocomplete > ul': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', maxHeight: '14em' },
  '.cm-completionDetail': { marginLeft: '1em', color: '#626f86', fontStyle: 'normal' },
  '.cm-tooltip-autocomplete ul li[aria-selected] .cm-completionDetail': { color: 'inherit' },
  '.cm-completionInfo': { maxWidth: '28em', padding: '4px 8px', lineHeight: '1.4' },
});

import { autocompletion, closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { javascript, javascriptLanguage } from '@codemirror/lang-javascript';
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { Annotation, Compartment, EditorState, Transaction } from '@codemirror/state';
import { drawSelection, EditorView, keymap, lineNumbers } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import type { ScriptApi } from './script-editor-completions';
import { errorLineField, escapeClosesCompletionOnly, scriptApiCompletion, scriptEditorTheme, setErrorLine } from './script-editor-extensions';

export interface ScriptEditorProps {
  /** The accessible name of the editable text ("Outgoing sync script"). */
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** What to complete (useScriptApi); empty until the typings arrive. */
  readonly scriptApi: ScriptApi;
  /** The 1-based line the node's last answer named (a compile error, a test run that threw), or null. */
  readonly errorLine?: number | null;
  readonly readOnly?: boolean;
  /** The id of the text that explains the script (its error), read after the name. */
  readonly describedBy?: string | undefined;
  /** An id for the editable content, for a visible label's `for`. */
  readonly id?: string | undefined;
  readonly className?: string;
}

/** Marks the editor's own copies of `value`, so they are not reported back through onChange. */
const fromProps = Annotation.define<boolean>();

function contentAttributes(label: string, describedBy: string | undefined, id: string | undefined) {
  // CodeMirror already gives the content role="textbox" and aria-multiline; the name is ours. An
  // explicit tabindex tells assistive checks what the browser already does (a contenteditable is a
  // Tab stop), so the scrolling area around it counts as reachable by keyboard.
  return EditorView.contentAttributes.of({
    'aria-label': label,
    tabindex: '0',
    ...(describedBy === undefined ? {} : { 'aria-describedby': describedBy }),
    ...(id === undefined ? {} : { id }),
  });
}

function editability(readOnly: boolean) {
  return [EditorView.editable.of(!readOnly), EditorState.readOnly.of(readOnly)];
}

/**
 * A sync script in CodeMirror 6: JavaScript highlighting, line numbers, bracket matching, undo,
 * and completion of the script API. The text is React's: `value` in, `onChange` out.
 *
 * Tab is left to the browser, so keyboard users move on to the next control instead of being
 * kept in the editor (WCAG 2.1.2, no keyboard trap); Ctrl-] and Ctrl-[ indent.
 */
export function ScriptEditor({ label, value, onChange, scriptApi, errorLine = null, readOnly = false, describedBy, id, className }: ScriptEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef({ onChange, scriptApi });
  latest.current = { onChange, scriptApi };
  const compartments = useRef({ attributes: new Compartment(), editable: new Compartment() });

  useEffect(() => {
    if (!host.current) return undefined;
    const { attributes, editable } = compartments.current;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          // The default scripts explain themselves in long comment lines: wrapped, they read without scrolling sideways.
          EditorView.lineWrapping,
          history(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          closeBrackets(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          javascript(),
          // Beside JavaScript's own keywords and local names, not instead of them.
          javascriptLanguage.data.of({ autocomplete: scriptApiCompletion(() => latest.current.scriptApi) }),
          autocompletion(),
          escapeClosesCompletionOnly,
          keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap]),
          errorLineField,
          scriptEditorTheme,
          attributes.of(contentAttributes(label, describedBy, id)),
          editable.of(editability(readOnly)),
          EditorView.updateListener.of((update) => {
            if (update.docChanged && !update.transactions.some((transaction) => transaction.annotation(fromProps)))
              latest.current.onChange(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // The editor is made once; the effects below carry every later change of the props into it.
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (!editor || editor.state.doc.toString() === value) return;
    // A new value from outside (the saved script arriving): not an edit the admin can undo.
    editor.dispatch({
      changes: { from: 0, to: editor.state.doc.length, insert: value },
      annotations: [fromProps.of(true), Transaction.addToHistory.of(false)],
    });
  }, [value]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const line = errorLine !== null && errorLine >= 1 && errorLine <= editor.state.doc.lines ? editor.state.doc.line(errorLine) : null;
    editor.dispatch({ effects: [setErrorLine.of(errorLine), ...(line === null ? [] : [EditorView.scrollIntoView(line.from, { y: 'center' })])] });
  }, [errorLine]);

  useEffect(() => {
    view.current?.dispatch({ effects: compartments.current.attributes.reconfigure(contentAttributes(label, describedBy, id)) });
  }, [label, describedBy, id]);

  useEffect(() => {
    view.current?.dispatch({ effects: compartments.current.editable.reconfigure(editability(readOnly)) });
  }, [readOnly]);

  return <div ref={host} className={className === undefined ? 'script-editor' : `script-editor ${className}`} />;
}

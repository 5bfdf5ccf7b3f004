import { ScriptError } from '../../core/rules/script-error';
import { readScriptErrorLine } from './script-editor-error-line';

test("the line of a script that does not compile, as core's ScriptError words it", () => {
  const error = new ScriptError({ kind: 'syntax', scriptName: 'incoming script', detail: "SyntaxError: expecting ';'", line: 7 });
  expect(readScriptErrorLine(error.message)).toEqual({ script: 'incoming', line: 7 });
});

test('a test run that threw names its line too', () => {
  const error = new ScriptError({ kind: 'thrown', scriptName: 'outgoing script', detail: 'TypeError: cannot read property of null', line: 12, column: 4 });
  expect(readScriptErrorLine(error.message)).toEqual({ script: 'outgoing', line: 12 });
});

test('messages without a line mark nothing', () => {
  expect(readScriptErrorLine(new ScriptError({ kind: 'timeout', scriptName: 'outgoing script', detail: 'stopped after 2000 ms' }).message)).toBeNull();
  expect(readScriptErrorLine('There is no item "SUP-9" in this tracker, or this node may not read it.')).toBeNull();
  // A line mentioned in the detail is not the script's line.
  expect(readScriptErrorLine('The outgoing script threw an error: value at line 3 of the CSV is empty')).toBeNull();
});

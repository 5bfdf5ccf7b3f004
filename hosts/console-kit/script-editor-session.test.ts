import { noticeOf, problemsOf } from './script-editor-session';

const compileError = "The incoming script does not parse at line 4: SyntaxError: expecting ')'";

test('a refusal that names a line of a script is shown at that script, not as a notice', () => {
  expect(problemsOf(compileError)).toEqual({ outgoing: null, incoming: { line: 4, message: compileError } });
  expect(noticeOf(compileError)).toBeNull();
});

test('any other refusal is the notice, and marks no line', () => {
  const message = 'There is no item "SUP-99" in this tracker, or this node may not read it.';
  expect(problemsOf(message)).toEqual({ outgoing: null, incoming: null });
  expect(noticeOf(message)).toEqual({ kind: 'error', text: message });
});

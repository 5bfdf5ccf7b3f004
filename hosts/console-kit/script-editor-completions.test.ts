import { scriptApiTypes } from '../../core/rules/script-api-types';
import { completeScriptApi, readScriptApi } from './script-editor-completions';

// The typings the node serves at GET /script-api: completion follows them, not a list of its own.
const api = readScriptApi(scriptApiTypes);
const labels = (textBefore: string, explicit = false) => completeScriptApi(api, textBefore, explicit)?.options.map((option) => option.label) ?? null;

test('a name being typed is completed from the globals a script sees', () => {
  expect(labels('rep')).toEqual(
    expect.arrayContaining([
      'replica',
      'issue',
      'previous',
      'commentHelper',
      'attachmentHelper',
      'workflowHelper',
      'nodeHelper',
      'syncHelper',
      'statusHelper',
      'console',
    ]),
  );
  expect(completeScriptApi(api, 'const x = rep')?.from).toBe('const x = '.length);
  // Names inside the ExalateScript namespace are types, not values a script can use.
  expect(labels('Iss')).not.toContain('Issue');
});

test('globals carry their type and doc comment', () => {
  const previous = completeScriptApi(api, 'p')?.options.find((option) => option.label === 'previous');
  expect(previous).toEqual({
    label: 'previous',
    type: 'variable',
    detail: 'Replica | null',
    info: 'The last replica applied for this item (incoming), or null.',
  });
});

test("after a dot, the members of the global's interface", () => {
  expect(labels('replica.')).toEqual(expect.arrayContaining(['key', 'summary', 'description', 'status', 'labels', 'comments', 'customFields', 'parent']));
  expect(labels('issue.su')).toEqual(expect.arrayContaining(['summary', 'status', 'assignee', 'areaPath']));
  expect(completeScriptApi(api, '  issue.su')?.from).toBe('  issue.'.length);
  expect(labels('commentHelper.')).toEqual(['mergeComments', 'withAuthorPrefix']);
  expect(labels('syncHelper.')).toEqual(['isUnderSync', 'getLocalKey', 'unlinkAfterProcessing']);
  expect(labels('console.')).toEqual(['log', 'info', 'warn', 'error', 'debug']);
});

test('methods show their parameters; accessors their type; members their doc comment', () => {
  const options = completeScriptApi(api, 'commentHelper.')?.options ?? [];
  expect(options[0]).toEqual(
    expect.objectContaining({
      label: 'mergeComments',
      type: 'method',
      detail: '(issue, replica, transform?)',
      info: expect.stringContaining('Adds remote comments'),
    }),
  );
  expect(completeScriptApi(api, 'statusHelper.')?.options[0]?.detail).toBe('(name, map, fallback?)');
  expect(completeScriptApi(api, 'issue.')?.options.find((option) => option.label === 'status')).toEqual(
    expect.objectContaining({ type: 'property', detail: 'Named | null' }),
  );
});

test('chains follow the property types, unions merged, optional chaining too', () => {
  expect(labels('issue.status.')).toEqual(['name']);
  expect(labels('replica.assignee?.')).toEqual(['email', 'displayName', 'id']);
  expect(labels('previous?.parent')).toEqual(expect.arrayContaining(['parent', 'summary']));
});

test('nothing is offered where the API cannot say', () => {
  // A local variable: the language's own completion (local names) answers alone.
  expect(labels('myLocal.')).toBeNull();
  // Arrays, records and strings have no members in the API.
  expect(labels('issue.comments.')).toBeNull();
  expect(labels('issue.customFields.')).toBeNull();
  expect(labels('issue.summary.')).toBeNull();
  // The result of a call or an index is not what the name before it holds.
  expect(labels('nodeHelper.getUserByEmail(x).')).toBeNull();
  expect(labels("replica['x'].")).toBeNull();
  // An empty line offers nothing until a letter is typed, or the admin asks (Ctrl-Space).
  expect(labels('')).toBeNull();
  expect(labels('', true)).toContain('replica');
});

test('typings the editor does not understand give no completions, not an error', () => {
  expect(readScriptApi('').globals).toEqual([]);
  expect(completeScriptApi(readScriptApi('not typescript {{'), 'issue.')).toBeNull();
});

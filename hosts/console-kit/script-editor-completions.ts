// What the script editor offers to complete, read from the script API's published typings (the
// .d.ts the node serves at GET /script-api, core/rules/script-api.d.ts). Reading the typings
// instead of keeping a list here means a helper or field added to the API is offered at once.
// Pure functions, no CodeMirror: the editor adapts the answer to its completion source.

/** One name the editor offers, in the shape CodeMirror's `Completion` accepts. */
export interface ScriptCompletion {
  readonly label: string;
  readonly type: 'variable' | 'property' | 'method';
  /** The declared type (a property, a global) or the parameters (a method), shown beside the name. */
  readonly detail: string;
  /** The doc comment, when the typings have one. */
  readonly info?: string;
}

/** A declared name with the type text it was declared with, to find the members of what it holds. */
interface ScriptSymbol extends ScriptCompletion {
  readonly typeText: string;
}

/** The script API as the editor needs it: the globals a script sees, and each interface's members. */
export interface ScriptApi {
  readonly globals: readonly ScriptSymbol[];
  readonly interfaces: ReadonlyMap<string, readonly ScriptSymbol[]>;
}

export const emptyScriptApi: ScriptApi = { globals: [], interfaces: new Map() };

/** `/** Adds … *\/` → "Adds …": the words of a doc comment without its stars. */
function docText(comment: string | undefined): string | undefined {
  if (comment === undefined) return undefined;
  const text = comment
    .replace(/^\/\*\*|\*\/$/g, '')
    .split('\n')
    .map((line) => line.replace(/^\s*\*\s?/, '').trim())
    .filter((line) => line !== '')
    .join(' ');
  return text === '' ? undefined : text;
}

/** The text between the brace at `open` and the brace that closes it. */
function blockBody(text: string, open: number): string {
  let depth = 0;
  for (let index = open; index < text.length; index++) {
    if (text[index] === '{') depth++;
    else if (text[index] === '}' && --depth === 0) return text.slice(open + 1, index);
  }
  return text.slice(open + 1);
}

/**
 * An interface body split into its members (`name: T;`, `get name(): T;`, `name(a: A): R;`), each
 * with the doc comment before it. Only `;` outside brackets ends a member: types such as
 * `{ key: string }` or `(comment: RemoteComment) => …` stay whole.
 */
function splitMembers(body: string): { readonly text: string; readonly doc: string | undefined }[] {
  const members: { text: string; doc: string | undefined }[] = [];
  let depth = 0;
  let current = '';
  let doc: string | undefined;
  for (let index = 0; index < body.length; index++) {
    const character = body[index] ?? '';
    if (depth === 0 && body.startsWith('/*', index)) {
      const end = body.indexOf('*/', index + 2);
      const stop = end === -1 ? body.length : end + 2;
      if (current.trim() === '') doc = body.slice(index, stop);
      index = stop - 1;
      continue;
    }
    if (depth === 0 && body.startsWith('//', index)) {
      const end = body.indexOf('\n', index);
      index = end === -1 ? body.length : end;
      continue;
    }
    if ('({['.includes(character)) depth++;
    if (')}]'.includes(character)) depth--;
    if (character === ';' && depth === 0) {
      if (current.trim() !== '') members.push({ text: current.trim(), doc });
      current = '';
      doc = undefined;
      continue;
    }
    current += character;
  }
  if (current.trim() !== '') members.push({ text: current.trim(), doc });
  return members;
}

const accessorPattern = /^(get|set)\s+([A-Za-z_$][\w$]*)\s*\(([^)]*)\)\s*(?::\s*([\s\S]+))?$/;
const methodPattern = /^([A-Za-z_$][\w$]*)\??\s*(?:<[^>]*>)?\s*\(([\s\S]*)\)\s*:\s*([\s\S]+)$/;
const propertyPattern = /^(?:readonly\s+)?([A-Za-z_$][\w$]*)\??\s*:\s*([\s\S]+)$/;

/** `issue: Issue, replica: Replica, transform?: (…) => …` → `(issue, replica, transform?)`. */
function parameterNames(parameters: string): string {
  const names: string[] = [];
  let depth = 0;
  let current = '';
  const text = `${parameters},`;
  for (let index = 0; index < text.length; index++) {
    const character = text[index] ?? '';
    if ('({[<'.includes(character)) depth++;
    // The `>` of an arrow (`=>`) closes nothing.
    if (')}]'.includes(character) || (character === '>' && text[index - 1] !== '=')) depth--;
    if (character === ',' && depth === 0) {
      const name = /^\s*(\.\.\.)?([\w$]+\??)/.exec(current);
      if (name) names.push(`${name[1] ?? ''}${name[2] ?? ''}`);
      current = '';
    } else {
      current += character;
    }
  }
  return `(${names.join(', ')})`;
}

const squeeze = (type: string) => type.replace(/\s+/g, ' ').trim();

function readMembers(body: string): ScriptSymbol[] {
  const symbols = new Map<string, ScriptSymbol>();
  for (const { text, doc } of splitMembers(body)) {
    const info = docText(doc);
    const withInfo = info === undefined ? {} : { info };
    const accessor = accessorPattern.exec(text);
    if (accessor) {
      const [, kind, name = '', parameter = '', returned = ''] = accessor;
      // A getter says what reading gives; a setter alone still names a property a script may set.
      if (kind === 'set' && symbols.has(name)) continue;
      const typeText = squeeze(kind === 'get' ? returned : parameter.replace(/^[^:]*:/, ''));
      symbols.set(name, { label: name, type: 'property', detail: typeText, typeText, ...withInfo });
      continue;
    }
    const method = methodPattern.exec(text);
    if (method) {
      const [, name = '', parameters = '', returned = ''] = method;
      symbols.set(name, { label: name, type: 'method', detail: parameterNames(parameters), typeText: squeeze(returned), ...withInfo });
      continue;
    }
    const property = propertyPattern.exec(text);
    if (property) {
      const [, name = '', typeText = ''] = property;
      symbols.set(name, { label: name, type: 'property', detail: squeeze(typeText), typeText: squeeze(typeText), ...withInfo });
    }
    // Index signatures (`[custom: string]: unknown`) name no member: nothing to offer.
  }
  return [...symbols.values()];
}

/** Reads the typings' `declare const name: T;` globals and every interface's members. */
export function readScriptApi(typings: string): ScriptApi {
  const interfaces = new Map<string, ScriptSymbol[]>();
  for (const found of typings.matchAll(/\binterface\s+([A-Za-z_$][\w$]*)(?:<[^>{]*>)?\s*\{/g)) {
    const name = found[1] ?? '';
    const open = (found.index ?? 0) + found[0].length - 1;
    interfaces.set(name, [...(interfaces.get(name) ?? []), ...readMembers(blockBody(typings, open))]);
  }
  const globals: ScriptSymbol[] = [];
  for (const found of typings.matchAll(
    /(\/\*\*(?:(?!\*\/)[\s\S])*\*\/\s*)?(?:\/\/[^\n]*\n\s*)*declare\s+(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*:\s*([^;]+);/g,
  )) {
    const [, doc, name = '', typeText = ''] = found;
    const info = docText(doc?.trim());
    globals.push({
      label: name,
      type: 'variable',
      detail: squeeze(typeText).replace(/ExalateScript\./g, ''),
      typeText: squeeze(typeText),
      ...(info === undefined ? {} : { info }),
    });
  }
  return { globals, interfaces };
}

/**
 * The interfaces a value of `typeText` may be: `User | UserReference | null` → User, UserReference.
 * Arrays, records and literal types have no members to offer.
 */
function interfacesOf(api: ScriptApi, typeText: string): readonly ScriptSymbol[] {
  const members = new Map<string, ScriptSymbol>();
  for (const alternative of typeText.split('|')) {
    const name = /^\s*(?:[\w$]+\.)*([\w$]+)\s*$/.exec(alternative)?.[1];
    for (const member of (name === undefined ? undefined : api.interfaces.get(name)) ?? []) {
      if (!members.has(member.label)) members.set(member.label, member);
    }
  }
  return [...members.values()];
}

/** The members of what `path` (`['issue', 'status']`) names, or null when the API does not say. */
function membersAt(api: ScriptApi, path: readonly string[]): readonly ScriptSymbol[] | null {
  const [root, ...rest] = path;
  let symbol: ScriptSymbol | undefined = api.globals.find((global) => global.label === root);
  let members: readonly ScriptSymbol[] = [];
  for (let step = 0; symbol !== undefined; step++) {
    members = interfacesOf(api, symbol.typeText);
    const next = rest[step];
    if (next === undefined) return members.length === 0 ? null : members;
    // A method's result has members too, but only after it is called: `issue.type.` is not `issue.type().`.
    symbol = members.find((member) => member.label === next && member.type === 'property');
  }
  return null;
}

export interface ScriptCompletionMatch {
  /** Where the word being completed starts, as an offset into `textBefore`. */
  readonly from: number;
  readonly options: readonly ScriptCompletion[];
}

const strip = ({ label, type, detail, info }: ScriptSymbol): ScriptCompletion => ({ label, type, detail, ...(info === undefined ? {} : { info }) });

/**
 * What to offer for the text before the cursor: the globals while a name is typed (`rep` →
 * replica), the members after a dot (`issue.` → summary, status, …; `issue.status.` → name).
 * Null when the API has nothing to say (a local variable, a call's result), so other sources
 * (the language's keywords and local names) answer alone. `explicit`: the admin asked
 * (Ctrl-Space), so globals are offered even before a letter is typed.
 */
export function completeScriptApi(api: ScriptApi, textBefore: string, explicit = false): ScriptCompletionMatch | null {
  const found = /((?:[A-Za-z_$][\w$]*\s*\??\.\s*)*)([A-Za-z_$][\w$]*)?$/.exec(textBefore);
  if (!found) return null;
  const [whole, pathText = '', word = ''] = found;
  const start = textBefore.length - whole.length;
  // `foo().ba`, `x['y'].ba`: the member of something the API cannot name.
  if (/[.)\]]\s*$/.test(textBefore.slice(0, start))) return null;
  const from = textBefore.length - word.length;
  const path = pathText
    .split(/\??\./)
    .map((part) => part.trim())
    .filter((part) => part !== '');
  if (path.length === 0) {
    if (word === '' && !explicit) return null;
    return { from, options: api.globals.map(strip) };
  }
  const members = membersAt(api, path);
  return members === null ? null : { from, options: members.map(strip) };
}

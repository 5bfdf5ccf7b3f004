import ts from 'typescript';
import { trackerKinds } from '../trackers';
import { defaultScripts } from './default-scripts';
import { scriptApiTypes } from './script-api-types';

/** Type-checks scripts against the published typings, the way an admin's editor would. */
function typeErrorsOf(scripts: Readonly<Record<string, string>>): string[] {
  const options: ts.CompilerOptions = {
    strict: true,
    noImplicitAny: false,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2023.d.ts'],
    types: [],
    noEmit: true,
    skipLibCheck: true,
  };
  // A script is a function body: wrapped in one, `return` is allowed as it is at run time.
  const files = new Map<string, string>([
    ['/scripts/script-api.d.ts', scriptApiTypes],
    ...Object.entries(scripts).map(([name, script]): [string, string] => [`/scripts/${name}.ts`, `(function () {\n${script}\n})();\nexport {};\n`]),
  ]);
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.fileExists = (name) => files.has(name) || ts.sys.fileExists(name);
  host.readFile = (name) => files.get(name) ?? readFile(name);
  host.getSourceFile = (name, language) => {
    const text = files.get(name);
    return text === undefined ? getSourceFile(name, language) : ts.createSourceFile(name, text, language, true);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where =
      diagnostic.file && diagnostic.start !== undefined
        ? `${diagnostic.file.fileName}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line}`
        : '';
    return `${where} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
  });
}

describe('published script typings', () => {
  it('are the text of core/rules/script-api.d.ts', () => {
    expect(scriptApiTypes).toBe(ts.sys.readFile(`${__dirname}/script-api.d.ts`));
  });

  it('type-check every default script', () => {
    const scripts: Record<string, string> = {};
    for (const local of trackerKinds) {
      for (const remote of trackerKinds) {
        const pair = defaultScripts(local, remote);
        scripts[`${local}-from-${remote}-incoming`] = pair.incoming;
        scripts[`${local}-to-${remote}-outgoing`] = pair.outgoing;
      }
    }
    expect(typeErrorsOf(scripts)).toEqual([]);
  });

  it('type-check every JavaScript example of docs/scripting.md, and catch a misspelt helper', () => {
    const guide = ts.sys.readFile(`${__dirname}/../../docs/scripting.md`) ?? '';
    const examples = [...guide.matchAll(/```js\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
    expect(examples.length).toBeGreaterThanOrEqual(10);
    expect(typeErrorsOf(Object.fromEntries(examples.map((example, index) => [`example-${index + 1}`, example])))).toEqual([]);
    expect(typeErrorsOf({ typo: 'commentHelper.mergeComment(issue, replica);' })).toEqual([expect.stringContaining("Property 'mergeComment' does not exist")]);
  });
});

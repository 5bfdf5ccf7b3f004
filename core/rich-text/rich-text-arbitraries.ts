import fc from 'fast-check';
import { markOrder } from './html-reader';
import type { RichBlock, RichInline, RichText, TextMark } from './rich-text';

/**
 * Generated documents for the converters' property tests: each converter is given the documents its
 * format can hold (what it documents as lossy is left out through the options), built from words
 * that are hostile in every format at once.
 */

/** Fragments that are markup somewhere: HTML, wiki markup, or an attacker's favourite. */
export const hostileFragments: readonly string[] = [
  '</code><img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '</pre>',
  '</a>',
  '<b>',
  '-->',
  '<!--',
  '"',
  "'",
  '`',
  '&amp;',
  '&lt;',
  '&#106;',
  '&',
  '<',
  '>',
  '=',
  '{code}',
  '{noformat}',
  '{quote}',
  '{panel}',
  '{{',
  '}}',
  '{',
  '}',
  '[x|javascript:alert(1)]',
  '[',
  ']',
  '|',
  '||',
  '!',
  '!x.png!',
  '*',
  '_',
  '+',
  '-',
  '^',
  '~',
  '??',
  '#',
  'h1.',
  'bq.',
  '----',
  '[~admin]',
  '\\',
  'javascript:alert(1)',
  'data:text/html,x',
  'a',
  'Zoë',
  '日本',
  '42',
];

export interface DocumentShape {
  /** Heading levels the format keeps. */
  readonly headingLevels: readonly (1 | 2 | 3 | 4 | 5 | 6)[];
  readonly codeLanguages: boolean;
  readonly tableHeaders: boolean;
  readonly hardBreaks: boolean;
  /** Mentions carry an email (how every format but ours finds the person again). */
  readonly mentionsWithoutEmail: boolean;
  /** Marks that may combine with `code` (ADF: none). */
  readonly codeCombinesWithMarks: boolean;
  /** Blocks a list item or table cell may hold beyond its first paragraph (wiki: none). */
  readonly richContainers: boolean;
  /** Any block inside a quote (wiki: paragraphs and code only, as `{quote}` cannot nest). */
  readonly nestedQuotes: boolean;
  /** Link targets the format keeps as they are. */
  readonly links: fc.Arbitrary<string>;
  /** Characters left out of words (a format's documented losses). */
  readonly excludedCharacters: RegExp | undefined;
}

/** Links every format keeps: web addresses and mail addresses. */
export const safeLinkArbitrary: fc.Arbitrary<string> = fc.oneof(
  fc.webUrl({ validSchemes: ['http', 'https'], withQueryParameters: true, withFragments: true }),
  fc.emailAddress().map((address) => `mailto:${address}`),
);

/** An allowed link with hostile words after it: `https://a.example/" onmouseover="…`, `…/]{code}`. */
export const hostileSafeLinkArbitrary: fc.Arbitrary<string> = fc
  .tuple(safeLinkArbitrary, fc.array(fc.constantFrom(...hostileFragments), { maxLength: 3 }))
  .map(([link, fragments]) => `${link}${fragments.join('')}`);

export const everyShape: DocumentShape = {
  headingLevels: [1, 2, 3, 4, 5, 6],
  codeLanguages: true,
  tableHeaders: true,
  hardBreaks: true,
  mentionsWithoutEmail: true,
  codeCombinesWithMarks: true,
  richContainers: true,
  nestedQuotes: true,
  links: hostileSafeLinkArbitrary,
  excludedCharacters: undefined,
};

/** One word: hostile fragments run together, never whitespace (formats collapse runs of spaces). */
export function wordArbitrary(shape: DocumentShape): fc.Arbitrary<string> {
  const fragments =
    shape.excludedCharacters === undefined
      ? hostileFragments
      : hostileFragments.map((fragment) => fragment.replace(shape.excludedCharacters!, '')).filter((fragment) => fragment !== '');
  return fc.array(fc.constantFrom(...fragments), { minLength: 1, maxLength: 3 }).map((parts) => parts.join(''));
}

/** Words joined by single spaces, no space at either edge. */
export function textArbitrary(shape: DocumentShape): fc.Arbitrary<string> {
  return fc.array(wordArbitrary(shape), { minLength: 1, maxLength: 3 }).map((words) => words.join(' '));
}

const marksArbitrary = (shape: DocumentShape): fc.Arbitrary<TextMark[]> =>
  fc.subarray([...markOrder]).map((marks) => (!shape.codeCombinesWithMarks && marks.includes('code') ? ['code' as const] : marks));

function inlineArbitrary(shape: DocumentShape): fc.Arbitrary<RichInline> {
  const text = fc
    .record({ text: textArbitrary(shape), marks: marksArbitrary(shape), link: fc.option(shape.links, { nil: undefined }) })
    .map(({ text: words, marks, link }): RichInline => ({
      type: 'text',
      text: words,
      ...(marks.length > 0 ? { marks } : {}),
      ...(link === undefined ? {} : { link }),
    }));
  const name = fc
    .array(fc.constantFrom('Ada', 'Lovelace', "O'Neil", '<b>Eve</b>', 'Zoë', '"Q"'), { minLength: 1, maxLength: 2 })
    .map((words) => words.join(' '));
  const mention = shape.mentionsWithoutEmail
    ? fc
        .record({ displayName: name, email: fc.option(fc.emailAddress(), { nil: undefined }) })
        .map(({ displayName, email }): RichInline => (email === undefined ? { type: 'mention', displayName } : { type: 'mention', displayName, email }))
    : fc.record({ displayName: name, email: fc.emailAddress() }).map(({ displayName, email }): RichInline => ({ type: 'mention', displayName, email }));
  return fc.oneof({ weight: 5, arbitrary: text }, { weight: 1, arbitrary: mention });
}

/**
 * A line of inline content as formats read it back: no break at an edge, and neighbours with the
 * same marks and link are one run (every reader merges them).
 */
function inlinesArbitrary(shape: DocumentShape): fc.Arbitrary<RichInline[]> {
  const pieces = fc.array(
    fc.oneof(
      { weight: 6, arbitrary: inlineArbitrary(shape).map((inline) => [inline]) },
      { weight: shape.hardBreaks ? 1 : 0, arbitrary: fc.constant([{ type: 'hardBreak' } as RichInline]) },
    ),
    { minLength: 1, maxLength: 4 },
  );
  return pieces
    .map((groups) => mergeNeighbours(groups.flat()))
    .filter((inlines) => inlines.length > 0 && inlines[0]?.type !== 'hardBreak' && inlines[inlines.length - 1]?.type !== 'hardBreak');
}

function mergeNeighbours(inlines: readonly RichInline[]): RichInline[] {
  const merged: RichInline[] = [];
  for (const inline of inlines) {
    const previous = merged[merged.length - 1];
    if (inline.type === 'text' && previous?.type === 'text' && previous.link === inline.link && (previous.marks ?? []).join() === (inline.marks ?? []).join()) {
      merged[merged.length - 1] = { ...previous, text: previous.text + inline.text };
    } else merged.push(inline);
  }
  return merged;
}

/** Code as people paste it: hostile fragments over several lines, no newline at either edge. */
export function codeTextArbitrary(): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof(fc.constantFrom(...hostileFragments), fc.constantFrom(' ', '  ', '\n', '\t')), { minLength: 1, maxLength: 8 })
    .map((parts) => parts.join(''))
    .filter((text) => !text.startsWith('\n') && !text.endsWith('\n') && text.trim() !== '');
}

export function documentArbitrary(shape: DocumentShape): fc.Arbitrary<RichText> {
  const paragraph = inlinesArbitrary(shape).map((content): RichBlock => ({ type: 'paragraph', content }));
  const codeBlock = fc
    .record({
      text: codeTextArbitrary(),
      language: shape.codeLanguages ? fc.option(fc.constantFrom('java', 'c++', 'c#', 'objective-c', 'sql'), { nil: undefined }) : fc.constant(undefined),
    })
    .map(({ text, language }): RichBlock => (language === undefined ? { type: 'codeBlock', text } : { type: 'codeBlock', text, language }));
  const { block } = fc.letrec<{ block: RichBlock; container: RichBlock[] }>((tie) => ({
    block: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 6, arbitrary: paragraph },
      {
        weight: 1,
        arbitrary: fc
          .record({ level: fc.constantFrom(...shape.headingLevels), content: inlinesArbitrary(shape) })
          .map(({ level, content }): RichBlock => ({ type: 'heading', level, content })),
      },
      { weight: 1, arbitrary: codeBlock },
      {
        weight: 1,
        arbitrary: fc
          .record({ type: fc.constantFrom('bulletList' as const, 'orderedList' as const), items: fc.array(tie('container'), { minLength: 1, maxLength: 3 }) })
          .map(({ type, items }): RichBlock => ({ type, items })),
      },
      {
        weight: 1,
        arbitrary: fc
          .array(shape.nestedQuotes ? tie('block') : fc.oneof(paragraph, codeBlock), { minLength: 1, maxLength: 2 })
          .map((content): RichBlock => ({ type: 'blockquote', content })),
      },
      {
        weight: 1,
        arbitrary: fc
          .array(
            fc.record({ header: shape.tableHeaders ? fc.boolean() : fc.constant(false), cells: fc.array(tie('container'), { minLength: 1, maxLength: 3 }) }),
            { minLength: 1, maxLength: 3 },
          )
          .map((rows): RichBlock => ({ type: 'table', rows })),
      },
      { weight: 1, arbitrary: fc.constant<RichBlock>({ type: 'rule' }) },
    ),
    // A list item or table cell: a paragraph, then (where the format allows) more blocks.
    container: shape.richContainers
      ? fc.tuple(paragraph, fc.array(tie('block'), { maxLength: 2 })).map(([first, rest]) => [first, ...rest])
      : paragraph.map((first) => [first]),
  }));
  return fc.array(block, { minLength: 1, maxLength: 4 }).map((content): RichText => ({ type: 'doc', content }));
}

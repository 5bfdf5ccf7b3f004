import { plainTextOf, type RichBlock, type RichText } from './rich-text';
import { escapeText, parseWikiInline, writeWikiInline, writeWikiMonospace, type WikiInlineReadOptions, type WikiInlineWriteOptions } from './wiki-inline';

/**
 * Jira wiki markup (Jira Server/DC REST v2 text fields: description, comment body, textarea custom
 * fields) to and from the neutral model, after Jira's "Text Formatting Notation Help".
 *
 * Lossless both ways for: paragraphs with line breaks, headings h1-h6, bold/italic/underline/strike,
 * {{monospace}}, [links|url], nested `*`/`#` lists whose items hold one paragraph and sub-lists,
 * {code:language} blocks, {quote} blocks, tables with a `||header||` row, `----` rules, and
 * `[~username]` mentions when the caller maps usernames to people and back (see the options).
 *
 * Lossy, wiki → neutral: `^super^`/`~sub~` keep their text only; `??citation??` becomes italic;
 * `{color}`, `{panel}` titles and colours are dropped (a panel reads as a quote); `{noformat}` reads
 * as a code block without language; `!image.png!` becomes the text "[image.png]"; `[#anchor]` and
 * `[^attachment]` links keep their words; `bq.` reads as a one-paragraph quote.
 * Lossy, neutral → wiki: a list item's second and later paragraphs, and several blocks in a table
 * cell, are joined with line breaks (wiki items and cells are one line); a mention without a
 * username becomes "@Display Name" text; a literal backslash right before a markup character reads
 * back as a line break, because Jira reads `\\` that way (not in monospace or code, where it is kept:
 * see writeWikiMonospace); a link target's brackets, braces, bars,
 * backslashes and whitespace are percent-encoded (wiki markup has no escape there); a code language
 * other than one word of letters, digits and `+#.-_` is dropped; monospace text with other marks
 * around it may lose those marks when it holds their delimiter.
 * Both ways: a link whose scheme is not on the allow-list (link-target.ts) keeps its words only.
 */
export type WikiReadOptions = WikiInlineReadOptions;
export type WikiWriteOptions = WikiInlineWriteOptions;

const headingLine = /^h([1-6])\.\s+(.*)$/;
const listLine = /^([*#]+|-)\s+(.*)$/;
const ruleLine = /^-{4,}\s*$/;
const blockStart = /^\{(code|noformat|quote|panel)(:[^}]*)?\}/;
const containerTag = /\{(code|noformat|quote|panel)(?=[:}])/gi;
const brokenContainerTag = /\{\u200b(?=(?:code|noformat|quote|panel)[:}])/gi;

export function wikiMarkupToRichText(markup: string, options: WikiReadOptions = {}): RichText {
  return { type: 'doc', content: parseBlocks(markup.replace(/\r\n?/g, '\n').split('\n'), options) };
}

export function richTextToWikiMarkup(document: RichText, options: WikiWriteOptions = {}): string {
  return writeBlocks(document.content, options);
}

function parseBlocks(lines: readonly string[], options: WikiReadOptions): RichBlock[] {
  const blocks: RichBlock[] = [];
  let paragraph: string[] = [];
  const flush = (): void => {
    if (paragraph.length > 0) blocks.push({ type: 'paragraph', content: parseWikiInline(paragraph.join('\n'), options) });
    paragraph = [];
  };
  let index = 0;
  while (index < lines.length) {
    const line = lines[index]!;
    const trimmed = line.trim();
    const container = blockStart.exec(trimmed);
    if (container !== null) {
      flush();
      const [block, next] = readContainer(lines, index, container[1]!, container[2], options);
      blocks.push(block);
      index = next;
      continue;
    }
    const heading = headingLine.exec(trimmed);
    if (trimmed === '') flush();
    else if (heading !== null) {
      flush();
      blocks.push({ type: 'heading', level: Number(heading[1]) as 1 | 2 | 3 | 4 | 5 | 6, content: parseWikiInline(heading[2]!, options) });
    } else if (ruleLine.test(trimmed)) {
      flush();
      blocks.push({ type: 'rule' });
    } else if (trimmed.startsWith('bq. ')) {
      flush();
      blocks.push({ type: 'blockquote', content: [{ type: 'paragraph', content: parseWikiInline(trimmed.slice(4), options) }] });
    } else if (listLine.test(trimmed)) {
      flush();
      const end = scan(lines, index, (candidate) => listLine.test(candidate.trim()));
      blocks.push(
        ...buildLists(
          lines.slice(index, end).map((entry) => listLine.exec(entry.trim())!),
          0,
          options,
        ),
      );
      index = end;
      continue;
    } else if (trimmed.startsWith('|')) {
      flush();
      const end = scan(lines, index, (candidate) => candidate.trim().startsWith('|'));
      blocks.push({ type: 'table', rows: lines.slice(index, end).map((row) => parseRow(row.trim(), options)) });
      index = end;
      continue;
    } else paragraph.push(line);
    index += 1;
  }
  flush();
  return blocks;
}

function scan(lines: readonly string[], from: number, belongs: (line: string) => boolean): number {
  let end = from;
  while (end < lines.length && belongs(lines[end]!)) end += 1;
  return end;
}

/** `{code:java}…{code}`, `{noformat}…{noformat}`, `{quote}…{quote}`, `{panel:title=x}…{panel}`; the closing tag may share a line. */
function readContainer(lines: readonly string[], start: number, kind: string, parameters: string | undefined, options: WikiReadOptions): [RichBlock, number] {
  const opening = new RegExp(`^\\{${kind}(:[^}]*)?\\}`);
  const closing = `{${kind}}`;
  const first = lines[start]!.trim().replace(opening, '');
  const body: string[] = [];
  let index = start;
  let rest = first;
  for (;;) {
    const at = rest.indexOf(closing);
    if (at >= 0) {
      body.push(rest.slice(0, at));
      break;
    }
    body.push(rest);
    index += 1;
    if (index >= lines.length) break;
    rest = lines[index]!;
  }
  if (body[0] === '') body.shift();
  if (body[body.length - 1] === '') body.pop();
  if (kind === 'code' || kind === 'noformat') {
    const language =
      kind === 'code'
        ? parameters
            ?.slice(1)
            .split('|')
            .find((part) => !part.includes('='))
        : undefined;
    const text = body.join('\n').replace(brokenContainerTag, '{');
    return [language === undefined || language === '' ? { type: 'codeBlock', text } : { type: 'codeBlock', text, language }, index + 1];
  }
  return [{ type: 'blockquote', content: parseBlocks(body, options) }, index + 1];
}

function buildLists(entries: readonly RegExpExecArray[], depth: number, options: WikiReadOptions): RichBlock[] {
  const lists: RichBlock[] = [];
  let index = 0;
  while (index < entries.length) {
    const markers = entries[index]![1]!;
    const type = markers[depth] === '#' ? 'orderedList' : 'bulletList';
    const items: RichBlock[][] = [];
    while (index < entries.length) {
      const entry = entries[index]!;
      const entryMarkers = entry[1]!;
      if (entryMarkers.length === depth + 1 && (entryMarkers[depth] === '#' ? 'orderedList' : 'bulletList') !== type) break;
      if (entryMarkers.length === depth + 1) {
        items.push([{ type: 'paragraph', content: parseWikiInline(entry[2]!, options) }]);
        index += 1;
        continue;
      }
      // Deeper entries belong to the item above (or to an empty one when the list starts deeper).
      const end = scanEntries(entries, index, depth + 1);
      if (items.length === 0) items.push([]);
      items[items.length - 1]!.push(...buildLists(entries.slice(index, end), depth + 1, options));
      index = end;
    }
    // Never empty: every entry at this depth has a marker here (see scanEntries), so the first one makes an item.
    lists.push({ type, items });
  }
  return lists;
}

function scanEntries(entries: readonly RegExpExecArray[], from: number, minimumLength: number): number {
  let end = from;
  while (end < entries.length && entries[end]![1]!.length > minimumLength) end += 1;
  return end;
}

function parseRow(line: string, options: WikiReadOptions): { header: boolean; cells: RichBlock[][] } {
  const header = line.startsWith('||');
  const cells = splitCells(line.replace(/^\|\|?/, '').replace(/\|\|?\s*$/, ''));
  return { header, cells: cells.map((cell) => (cell.trim() === '' ? [] : [{ type: 'paragraph', content: parseWikiInline(cell.trim(), options) }])) };
}

/** Splits on `|` or `||`, except inside `[…]` links and after a backslash (the writer escapes bars in `{{…}}` too). */
function splitCells(line: string): string[] {
  const cells: string[] = [];
  let current = '';
  let bracketDepth = 0;
  for (let index = 0; index < line.length; index += 1) {
    const character = line[index]!;
    if (character === '\\' && index + 1 < line.length) {
      current += character + line[index + 1]!;
      index += 1;
    } else if (character === '[') {
      bracketDepth += 1;
      current += character;
    } else if (character === ']') {
      bracketDepth = Math.max(0, bracketDepth - 1);
      current += character;
    } else if (character === '|' && bracketDepth === 0) {
      cells.push(current);
      current = '';
      if (line[index + 1] === '|') index += 1;
    } else current += character;
  }
  cells.push(current);
  return cells;
}

function writeBlocks(blocks: readonly RichBlock[], options: WikiWriteOptions): string {
  return blocks
    .map((block) => writeBlock(block, options))
    .filter((text) => text !== '')
    .join('\n\n');
}

function writeBlock(block: RichBlock, options: WikiWriteOptions): string {
  switch (block.type) {
    case 'paragraph':
      return guardLineStarts(writeWikiInline(block.content, options));
    case 'heading':
      return `h${block.level}. ${writeWikiInline(block.content, options).replace(/\n/g, ' ')}`;
    case 'bulletList':
    case 'orderedList':
      return writeList(block, '', options).join('\n');
    case 'codeBlock':
      return writeCodeBlock(block);
    case 'blockquote':
      return `{quote}\n${writeBlocks(block.content, options)}\n{quote}`;
    case 'table':
      return block.rows
        .map((row) => {
          const separator = row.header ? '||' : '|';
          return `${separator}${row.cells.map((cell) => writeOneLine(cell, options) || ' ').join(separator)}${separator}`;
        })
        .join('\n');
    case 'rule':
      return '----';
  }
}

/**
 * A `{code}` body is raw up to the first tag that ends it, with no escape; a code block holding
 * `{code}` (or a tag of the containers around it) would end there and the rest would be read as
 * markup. So such a tag gets a zero-width space after its brace, invisible in Jira, which the reader
 * removes again. A language is written only when it is one word of the characters languages use,
 * since a `}` in it would end the opening tag.
 */
function writeCodeBlock(block: Extract<RichBlock, { type: 'codeBlock' }>): string {
  const language = block.language !== undefined && /^[\w+#.-]+$/.test(block.language) ? `:${block.language}` : '';
  return `{code${language}}\n${block.text.replace(containerTag, '{\u200b$1')}\n{code}`;
}

function writeList(list: Extract<RichBlock, { type: 'bulletList' | 'orderedList' }>, prefix: string, options: WikiWriteOptions): string[] {
  const markers = `${prefix}${list.type === 'orderedList' ? '#' : '*'}`;
  return list.items.flatMap((item) => {
    const nested = item.filter(
      (block): block is Extract<RichBlock, { type: 'bulletList' | 'orderedList' }> => block.type === 'bulletList' || block.type === 'orderedList',
    );
    const text = writeOneLine(
      item.filter((block) => block.type !== 'bulletList' && block.type !== 'orderedList'),
      options,
    );
    return [`${markers} ${text}`, ...nested.flatMap((child) => writeList(child, markers, options))];
  });
}

/** Blocks where wiki allows one line (list items, table cells): joined with forced line breaks. */
function writeOneLine(blocks: readonly RichBlock[], options: WikiWriteOptions): string {
  return blocks
    .map((block) => inlineOf(block, options))
    .filter((text) => text !== '')
    .join(' \\\\ ');
}

function inlineOf(block: RichBlock, options: WikiWriteOptions): string {
  if (block.type === 'paragraph' || block.type === 'heading') return writeWikiInline(block.content, options).replace(/\n/g, ' \\\\ ');
  if (block.type === 'codeBlock') return writeWikiMonospace(block.text.replace(/\n/g, ' '));
  if (block.type === 'rule') return '';
  // Lists, quotes and tables cannot live on one line: their words remain.
  return escapeText(plainTextOf({ type: 'doc', content: [block] }).replace(/\n+/g, ' '));
}

/**
 * A paragraph line that would read as a block is escaped: `*`, `-`, `|` and `{` already are (see
 * escapeText), so what is left is `#` lists and the `h1.` and `bq.` prefixes.
 */
function guardLineStarts(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      if (line.startsWith('#')) return `\\${line}`;
      return /^(h[1-6]|bq)\.\s/.test(line) ? line.replace('.', '\\.') : line;
    })
    .join('\n');
}

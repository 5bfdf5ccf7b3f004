import { safeLinkTarget } from './link-target';
import type { RichInline, TextMark } from './rich-text';

/**
 * Inline Jira wiki markup (Jira Server/DC "Text Formatting Notation"): `*strong*`, `_emphasis_`,
 * `+inserted+`, `-deleted-`, `{{monospaced}}`, `[title|url]`, `[~username]`, `\\` for a line
 * break, `\x` to escape. A mark opens only at a word boundary, as Jira's renderer requires; inside
 * a word Jira's brace form `{*}bold{*}` is used instead. See wiki-markup.ts for what is lossy.
 */
export interface WikiUser {
  readonly displayName: string;
  readonly email?: string;
}

export interface WikiInlineReadOptions {
  /** Who `[~username]` is, when the caller knows. */
  readonly userOfMention?: (username: string) => WikiUser | undefined;
}

export interface WikiInlineWriteOptions {
  /** The username to mention; undefined writes the mention as "@Display Name" text. */
  readonly usernameOf?: (mention: WikiUser) => string | undefined;
}

const markOfDelimiter: Readonly<Record<string, TextMark | null>> = {
  '*': 'bold',
  _: 'italic',
  '+': 'underline',
  '-': 'strike',
  '^': null,
  '~': null,
  '??': 'italic',
};
const delimiterOfMark: Readonly<Record<Exclude<TextMark, 'code'>, string>> = { bold: '*', italic: '_', underline: '+', strike: '-' };
const isWordCharacter = (character: string | undefined): boolean => character !== undefined && /[\p{L}\p{N}]/u.test(character);
const isSpace = (character: string | undefined): boolean => character === undefined || /\s/.test(character);

export function parseWikiInline(text: string, options: WikiInlineReadOptions = {}): RichInline[] {
  return mergeRuns(parseRun(text, [], undefined, options));
}

function parseRun(text: string, marks: readonly TextMark[], link: string | undefined, options: WikiInlineReadOptions): RichInline[] {
  const out: RichInline[] = [];
  let buffer = '';
  const flush = (): void => {
    if (buffer !== '') out.push(textRun(buffer, marks, link));
    buffer = '';
  };
  let index = 0;
  while (index < text.length) {
    const character = text[index]!;
    if (character === '\\') {
      if (text[index + 1] === '\\') {
        flush();
        out.push({ type: 'hardBreak' });
        index += 2;
        continue;
      }
      if (index + 1 < text.length && /[*_+\-^~?{}[\]|!\\#.]/.test(text[index + 1]!)) {
        buffer += text[index + 1];
        index += 2;
        continue;
      }
    }
    if (character === '\n') {
      flush();
      out.push({ type: 'hardBreak' });
      index += 1;
      continue;
    }
    if (text.startsWith('{{', index)) {
      const end = findMonospaceEnd(text, index + 2);
      if (end > index + 2) {
        flush();
        out.push(textRun(decodeNumericEntities(unescape(text.slice(index + 2, end))), [...marks, 'code'], link));
        index = end + 2;
        continue;
      }
    }
    if (character === '[') {
      const end = findUnescaped(text, ']', index + 1);
      if (end > index + 1) {
        flush();
        out.push(...parseBracket(text.slice(index + 1, end), marks, link, options));
        index = end + 1;
        continue;
      }
    }
    const braced = /^\{([*_+\-^~]|\?\?)\}/.exec(text.slice(index));
    if (braced !== null) {
      const delimiter = braced[1]!;
      const closing = text.indexOf(`{${delimiter}}`, index + braced[0].length);
      if (closing > index) {
        flush();
        out.push(...parseRun(text.slice(index + braced[0].length, closing), withMark(marks, markOfDelimiter[delimiter] ?? null), link, options));
        index = closing + braced[0].length;
        continue;
      }
    }
    const colour = /^\{color(:[^}]*)?\}/.exec(text.slice(index));
    if (colour !== null) {
      index += colour[0].length;
      continue;
    }
    const delimiter = text.startsWith('??', index) ? '??' : character in markOfDelimiter ? character : undefined;
    if (delimiter !== undefined && canOpen(text, index, delimiter)) {
      const closing = findClosing(text, index + delimiter.length, delimiter);
      if (closing !== undefined) {
        flush();
        out.push(...parseRun(text.slice(index + delimiter.length, closing), withMark(marks, markOfDelimiter[delimiter] ?? null), link, options));
        index = closing + delimiter.length;
        continue;
      }
    }
    const image = /^!([^\s!|][^!|]*)(\|[^!]*)?!/.exec(text.slice(index));
    if (image !== null && !isWordCharacter(text[index - 1])) {
      buffer += `[${image[1]}]`;
      index += image[0].length;
      continue;
    }
    buffer += character;
    index += 1;
  }
  flush();
  return out;
}

function parseBracket(inner: string, marks: readonly TextMark[], link: string | undefined, options: WikiInlineReadOptions): RichInline[] {
  if (inner.startsWith('~')) {
    const username = inner.slice(1);
    const user = options.userOfMention?.(username);
    if (user === undefined) return [{ type: 'mention', displayName: username }];
    return [
      user.email === undefined ? { type: 'mention', displayName: user.displayName } : { type: 'mention', displayName: user.displayName, email: user.email },
    ];
  }
  const bar = findUnescaped(inner, '|', 0);
  // A refused target keeps the words and whatever link surrounds them (none, in practice).
  if (bar >= 0) return parseRun(inner.slice(0, bar), marks, safeLinkTarget(inner.slice(bar + 1)) ?? link, options);
  const bare = safeLinkTarget(inner);
  if (bare !== undefined) return [textRun(inner, marks, bare)];
  if (/^[a-z][a-z0-9+.-]*:/i.test(inner)) return [textRun(inner, marks, link)];
  // [#anchor] and [^attachment]: links inside Jira that mean nothing elsewhere; keep the words.
  return [textRun(inner.replace(/^[#^]/, ''), marks, link)];
}

function withMark(marks: readonly TextMark[], mark: TextMark | null): readonly TextMark[] {
  return mark === null || marks.includes(mark) ? marks : [...marks, mark];
}

function canOpen(text: string, index: number, delimiter: string): boolean {
  return !isWordCharacter(text[index - 1]) && !isSpace(text[index + delimiter.length]);
}

function findClosing(text: string, from: number, delimiter: string): number | undefined {
  for (let index = from + 1; index < text.length; index += 1) {
    if (text[index] === '\n' && text[index + 1] === '\n') return undefined;
    if (text.startsWith(delimiter, index) && text[index - 1] !== '\\' && !isSpace(text[index - 1]) && !isWordCharacter(text[index + delimiter.length]))
      return index;
  }
  return undefined;
}

/** The `}}` that closes `{{`, past escaped braces (`\\}`), on the same line. */
function findMonospaceEnd(text: string, from: number): number {
  for (let index = from; index < text.length - 1; index += 1) {
    if (text[index] === '\\') index += 1;
    else if (text[index] === '\n') return -1;
    else if (text[index] === '}' && text[index + 1] === '}') return index;
  }
  return -1;
}

function findUnescaped(text: string, character: string, from: number): number {
  for (let index = from; index < text.length; index += 1) {
    if (text[index] === '\\') index += 1;
    else if (text[index] === character) return index;
    else if (text[index] === '\n') return -1;
  }
  return -1;
}

function unescape(text: string): string {
  return text.replace(/\\([*_+\-^~?{}[\]|!#])/g, '$1');
}

/** `&#92;` and the like, as Jira's renderer leaves them for the browser to show as their character. */
function decodeNumericEntities(text: string): string {
  return text.replace(/&#(\d{1,7});/g, (entity, code: string) => (Number(code) <= 0x10ffff ? String.fromCodePoint(Number(code)) : entity));
}

function textRun(text: string, marks: readonly TextMark[], link: string | undefined): RichInline {
  return { type: 'text', text, ...(marks.length > 0 ? { marks: [...marks] } : {}), ...(link === undefined ? {} : { link }) };
}

/** Adjacent text with the same marks and link is one run. */
function mergeRuns(inlines: RichInline[]): RichInline[] {
  const merged: RichInline[] = [];
  for (const inline of inlines) {
    const last = merged[merged.length - 1];
    if (inline.type === 'text' && last?.type === 'text' && last.link === inline.link && (last.marks ?? []).join() === (inline.marks ?? []).join()) {
      merged[merged.length - 1] = { ...last, text: last.text + inline.text };
    } else merged.push(inline);
  }
  return merged;
}

export function writeWikiInline(inlines: readonly RichInline[], options: WikiInlineWriteOptions = {}): string {
  let written = '';
  inlines.forEach((inline, index) => {
    const next = inlines[index + 1];
    const nextCharacter = next?.type === 'text' ? next.text[0] : undefined;
    written += writeOne(inline, written[written.length - 1], nextCharacter, options);
  });
  return written;
}

function writeOne(inline: RichInline, before: string | undefined, after: string | undefined, options: WikiInlineWriteOptions): string {
  if (inline.type === 'hardBreak') return '\n';
  if (inline.type === 'mention') {
    const username = options.usernameOf?.(inline);
    return username === undefined ? escapeText(`@${inline.displayName}`) : `[~${username}]`;
  }
  const marks = inline.marks ?? [];
  // Marks cannot open or close next to a space, so surrounding spaces stay outside them.
  const leading = /^\s*/.exec(inline.text)?.[0] ?? '';
  const trailing = inline.text.length > leading.length ? (/\s*$/.exec(inline.text)?.[0] ?? '') : '';
  const core = inline.text.slice(leading.length, inline.text.length - trailing.length);
  if (core === '') return inline.text;
  let body = marks.includes('code') ? writeWikiMonospace(core) : escapeText(core);
  const braced = isWordCharacter(before) || isWordCharacter(after) || (leading === '' && before !== undefined && !isSpace(before) && !/[([{]/.test(before));
  // The first mark ends up outermost, the order the reader finds them in.
  for (const mark of [...marks].reverse()) {
    if (mark === 'code') continue;
    const delimiter = delimiterOfMark[mark];
    body = braced ? `{${delimiter}}${body}{${delimiter}}` : `${delimiter}${body}${delimiter}`;
  }
  // A replica comes from another node and its scripts, so the link is checked again here.
  const target = inline.link === undefined ? undefined : safeLinkTarget(inline.link);
  if (target !== undefined) {
    const written = escapeLinkTarget(target);
    body = body === written ? `[${written}]` : `[${body}|${written}]`;
  }
  return `${leading}${body}${trailing}`;
}

/**
 * Wiki markup has no escape inside a link's target: a `]` there ends the link and what follows is
 * read as markup (`https://a/] [x|javascript:…` would become a second link), a `|` splits a table
 * cell, and braces open macros. These characters, whitespace and the backslash are written as their
 * percent escapes, which browsers and servers read as the same address.
 */
function escapeLinkTarget(target: string): string {
  return target.replace(/[[\]{}|\\\s]/g, (character) => encodeURIComponent(character));
}

const monospaceEscapes: Readonly<Record<string, string>> = { '\\': '&#92;', '&': '&#38;' };

/**
 * Jira still reads links, images, macros and table cells inside `{{…}}`, and the first `}}` ends it,
 * so brackets, braces, bars and `!` are escaped (Jira shows the character without the backslash).
 * A backslash cannot be escaped that way: Jira reads `\\` as a line break and a backslash before a
 * brace as that brace's escape (`{{C:\temp\}}` would lose its end). So it is written as the entity
 * `&#92;`, which Jira's renderer keeps as an entity and the browser shows as a backslash; and an `&`
 * that starts what Jira keeps as an entity (`&`, `#` or a letter or digit, one to seven letters or digits, `;`) is
 * written `&#38;`, so `&amp;` in code shows as typed. The reader decodes numeric entities again.
 */
export function writeWikiMonospace(code: string): string {
  return `{{${code.replace(/[[\]{}|!\\]|&(?=[#A-Za-z0-9][A-Za-z0-9]{1,7};)/g, (character) => monospaceEscapes[character] ?? `\\${character}`)}}}`;
}

/** Escapes what Jira would read as markup: brackets and braces always, mark characters at word edges. */
export function escapeText(text: string): string {
  let escaped = '';
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index]!;
    const atEdge = !isWordCharacter(text[index - 1]) || !isWordCharacter(text[index + 1]);
    if (/[{}[\]|!]/.test(character) || (/[*_+\-^~]/.test(character) && atEdge) || (character === '?' && text[index + 1] === '?')) {
      escaped += `\\${character}`;
    } else escaped += character;
  }
  return escaped;
}

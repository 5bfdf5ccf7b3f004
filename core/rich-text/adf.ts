import { safeLinkTarget } from './link-target';
import type { RichBlock, RichInline, RichText, TextMark } from './rich-text';

/**
 * Atlassian Document Format (Jira Cloud REST v3 rich text: description, comment body, textarea
 * custom fields) to and from the neutral model. Node and mark names follow the ADF structure
 * reference (developer.atlassian.com/cloud/jira/platform/apis/document/structure).
 *
 * Lossless both ways for: paragraph, heading 1-6, bulletList/orderedList with nested blocks,
 * codeBlock with language, blockquote, rule, table (header cells as a header row), hardBreak,
 * text with strong/em/underline/strike/code and link marks, and mentions when the caller maps
 * account ids to emails and back (see the options).
 *
 * Lossy, ADF → neutral: `panel`, `expand` and `nestedExpand` keep their content as a blockquote (the
 * panel type and title are lost); `mediaSingle`/`mediaGroup`/`mediaInline` become "[attachment]"
 * text (files travel as attachments); `emoji`, `date`, `status` and `inlineCard` become their text;
 * `taskList`/`decisionList` become bullet lists with "[x]"/"[ ]" markers; marks `textColor`,
 * `subsup`, `backgroundColor` and `border` are dropped; table cell spans, column widths and layout
 * are dropped; `orderedList.attrs.order` (a start number) is dropped.
 * Lossy, neutral → ADF: a mention without an account id becomes the text "@Display Name"; code
 * text loses bold, italic, underline and strike (ADF allows `code` with `link` only).
 * Both ways: a link whose scheme is not on the allow-list (link-target.ts) keeps its words and loses
 * its target, so a `javascript:` link in one tracker never becomes a link in another.
 */
export interface AdfNode {
  readonly type: string;
  readonly attrs?: Readonly<Record<string, unknown>>;
  readonly content?: readonly AdfNode[];
  readonly text?: string;
  readonly marks?: readonly { readonly type: string; readonly attrs?: Readonly<Record<string, unknown>> }[];
}

export interface AdfDocument extends AdfNode {
  readonly type: 'doc';
  readonly version: 1;
  readonly content: readonly AdfNode[];
}

export interface AdfReadOptions {
  /** The email of a mentioned account, when the caller knows it. */
  readonly emailOfAccount?: (accountId: string) => string | undefined;
}

export interface AdfWriteOptions {
  /** The account id to mention; undefined writes the mention as plain "@name" text. */
  readonly accountIdOf?: (mention: { readonly displayName: string; readonly email?: string }) => string | undefined;
}

const markToAdf: Readonly<Record<TextMark, string>> = { bold: 'strong', italic: 'em', underline: 'underline', strike: 'strike', code: 'code' };
const markFromAdf: Readonly<Record<string, TextMark>> = { strong: 'bold', em: 'italic', underline: 'underline', strike: 'strike', code: 'code' };

/** Reads ADF (as Jira sent it, so unknown) into the neutral model; never throws. */
export function adfToRichText(value: unknown, options: AdfReadOptions = {}): RichText {
  if (typeof value === 'string') return { type: 'doc', content: value === '' ? [] : [{ type: 'paragraph', content: [{ type: 'text', text: value }] }] };
  const root = asNode(value);
  if (root === undefined) return { type: 'doc', content: [] };
  return { type: 'doc', content: readBlocks(root.content ?? [], options) };
}

/** Writes the neutral model as an ADF document (version 1). */
export function richTextToAdf(document: RichText, options: AdfWriteOptions = {}): AdfDocument {
  return { type: 'doc', version: 1, content: document.content.map((block) => writeBlock(block, options)) };
}

function asNode(value: unknown): AdfNode | undefined {
  if (typeof value !== 'object' || value === null || typeof (value as { type?: unknown }).type !== 'string') return undefined;
  const node = value as AdfNode;
  return { ...node, content: Array.isArray(node.content) ? node.content.flatMap((child) => asNode(child) ?? []) : [] };
}

function readBlocks(nodes: readonly AdfNode[], options: AdfReadOptions): RichBlock[] {
  const blocks: RichBlock[] = [];
  let loose: RichInline[] = [];
  const flush = (): void => {
    if (loose.length > 0) blocks.push({ type: 'paragraph', content: loose });
    loose = [];
  };
  for (const node of nodes) {
    const block = readBlock(node, options);
    if (block === 'inline') loose.push(...readInlines([node], options));
    else {
      flush();
      blocks.push(...block);
    }
  }
  flush();
  return blocks;
}

function readBlock(node: AdfNode, options: AdfReadOptions): RichBlock[] | 'inline' {
  const children = node.content ?? [];
  switch (node.type) {
    case 'paragraph':
      return [{ type: 'paragraph', content: readInlines(children, options) }];
    case 'heading': {
      const level = Number(node.attrs?.['level']);
      return [{ type: 'heading', level: (level >= 1 && level <= 6 ? level : 1) as 1 | 2 | 3 | 4 | 5 | 6, content: readInlines(children, options) }];
    }
    case 'bulletList':
    case 'orderedList':
      return [{ type: node.type, items: children.map((item) => readBlocks(item.type === 'listItem' ? (item.content ?? []) : [item], options)) }];
    case 'taskList':
    case 'decisionList':
      return [{ type: 'bulletList', items: children.map((item) => readCheckItem(item, options)) }];
    case 'codeBlock': {
      const language = node.attrs?.['language'];
      const text = children.map((child) => child.text ?? '').join('');
      return [typeof language === 'string' && language !== '' ? { type: 'codeBlock', text, language } : { type: 'codeBlock', text }];
    }
    case 'blockquote':
    case 'panel':
    case 'expand':
    case 'nestedExpand':
      return [{ type: 'blockquote', content: readBlocks(children, options) }];
    case 'rule':
      return [{ type: 'rule' }];
    case 'table':
      return [{ type: 'table', rows: children.map((row) => readRow(row, options)) }];
    case 'mediaSingle':
    case 'mediaGroup':
      return [{ type: 'paragraph', content: [{ type: 'text', text: '[attachment]' }] }];
    default:
      // Inline nodes at block level (Jira accepts some), and unknown blocks reduced to their text.
      if (children.length > 0 && !isInlineType(node.type)) return readBlocks(children, options);
      return 'inline';
  }
}

function readCheckItem(item: AdfNode, options: AdfReadOptions): RichBlock[] {
  const done = item.attrs?.['state'] === 'DONE' || item.attrs?.['state'] === 'DECIDED';
  return [{ type: 'paragraph', content: [{ type: 'text', text: done ? '[x] ' : '[ ] ' }, ...readInlines(item.content ?? [], options)] }];
}

function readRow(row: AdfNode, options: AdfReadOptions): { header: boolean; cells: RichBlock[][] } {
  const cells = row.content ?? [];
  return {
    header: cells.length > 0 && cells.every((cell) => cell.type === 'tableHeader'),
    cells: cells.map((cell) => readBlocks(cell.content ?? [], options)),
  };
}

function isInlineType(type: string): boolean {
  return ['text', 'hardBreak', 'mention', 'emoji', 'date', 'status', 'inlineCard', 'mediaInline', 'placeholder'].includes(type);
}

function readInlines(nodes: readonly AdfNode[], options: AdfReadOptions): RichInline[] {
  return nodes.flatMap((node): RichInline[] => {
    switch (node.type) {
      case 'text':
        return node.text === undefined || node.text === '' ? [] : [readText(node.text, node.marks)];
      case 'hardBreak':
        return [{ type: 'hardBreak' }];
      case 'mention': {
        const id = typeof node.attrs?.['id'] === 'string' ? node.attrs['id'] : '';
        const label = typeof node.attrs?.['text'] === 'string' ? node.attrs['text'].replace(/^@/, '') : id;
        const email = id === '' ? undefined : options.emailOfAccount?.(id);
        return [email === undefined ? { type: 'mention', displayName: label } : { type: 'mention', displayName: label, email }];
      }
      case 'emoji':
        return [{ type: 'text', text: String(node.attrs?.['text'] ?? node.attrs?.['shortName'] ?? '') }];
      case 'date': {
        const timestamp = Number(node.attrs?.['timestamp']);
        return Number.isFinite(timestamp) ? [{ type: 'text', text: new Date(timestamp).toISOString().slice(0, 10) }] : [];
      }
      case 'status':
        return [{ type: 'text', text: String(node.attrs?.['text'] ?? '') }];
      case 'inlineCard': {
        const url = String(node.attrs?.['url'] ?? '');
        const link = safeLinkTarget(url);
        return url === '' ? [] : [link === undefined ? { type: 'text', text: url } : { type: 'text', text: url, link }];
      }
      case 'mediaInline':
        return [{ type: 'text', text: '[attachment]' }];
      default:
        return readInlines(node.content ?? [], options);
    }
  });
}

function readText(text: string, adfMarks: AdfNode['marks']): RichInline {
  const marks: TextMark[] = [];
  let link: string | undefined;
  for (const mark of adfMarks ?? []) {
    const neutral = markFromAdf[mark.type];
    if (neutral !== undefined && !marks.includes(neutral)) marks.push(neutral);
    if (mark.type === 'link' && typeof mark.attrs?.['href'] === 'string') link = safeLinkTarget(mark.attrs['href']);
  }
  return { type: 'text', text, ...(marks.length > 0 ? { marks } : {}), ...(link === undefined ? {} : { link }) };
}

function writeBlock(block: RichBlock, options: AdfWriteOptions): AdfNode {
  switch (block.type) {
    case 'paragraph':
      return { type: 'paragraph', content: writeInlines(block.content, options) };
    case 'heading':
      return { type: 'heading', attrs: { level: block.level }, content: writeInlines(block.content, options) };
    case 'bulletList':
    case 'orderedList':
      return {
        type: block.type,
        ...(block.type === 'orderedList' ? { attrs: { order: 1 } } : {}),
        // A listItem must start with a paragraph (or list) in ADF; an empty item gets an empty paragraph.
        content: block.items.map((item) => ({
          type: 'listItem',
          content: item.length === 0 ? [{ type: 'paragraph', content: [] }] : item.map((child) => writeBlock(child, options)),
        })),
      };
    case 'codeBlock':
      return {
        type: 'codeBlock',
        ...(block.language === undefined ? {} : { attrs: { language: block.language } }),
        content: block.text === '' ? [] : [{ type: 'text', text: block.text }],
      };
    case 'blockquote':
      return { type: 'blockquote', content: block.content.map((child) => writeBlock(child, options)) };
    case 'table':
      return {
        type: 'table',
        attrs: { isNumberColumnEnabled: false, layout: 'default' },
        content: block.rows.map((row) => ({
          type: 'tableRow',
          content: row.cells.map((cell) => ({
            type: row.header ? 'tableHeader' : 'tableCell',
            attrs: {},
            content: cell.length === 0 ? [{ type: 'paragraph', content: [] }] : cell.map((child) => writeBlock(child, options)),
          })),
        })),
      };
    case 'rule':
      return { type: 'rule' };
  }
}

function writeInlines(inlines: readonly RichInline[], options: AdfWriteOptions): AdfNode[] {
  return inlines.flatMap((inline): AdfNode[] => {
    switch (inline.type) {
      case 'hardBreak':
        return [{ type: 'hardBreak' }];
      case 'mention': {
        const id = options.accountIdOf?.(inline);
        return id === undefined ? [{ type: 'text', text: `@${inline.displayName}` }] : [{ type: 'mention', attrs: { id, text: `@${inline.displayName}` } }];
      }
      case 'text': {
        if (inline.text === '') return [];
        // ADF lets `code` combine with `link` only (Jira answers 400 INVALID_INPUT otherwise), so code wins.
        const kept = inline.marks?.includes('code') === true ? (['code'] as const) : (inline.marks ?? []);
        // A replica comes from another node and its scripts, so the link is checked again here.
        const href = inline.link === undefined ? undefined : safeLinkTarget(inline.link);
        const marks = [...kept.map((mark) => ({ type: markToAdf[mark] })), ...(href === undefined ? [] : [{ type: 'link', attrs: { href } }])];
        return [{ type: 'text', text: inline.text, ...(marks.length > 0 ? { marks } : {}) }];
      }
    }
  });
}

import type { RichBlock, RichInline, RichText, TextMark } from './rich-text';
import { parseHtmlTree, textContentOf, type HtmlElement, type HtmlNode } from './html-tree';
import { safeLinkTarget } from './link-target';

/**
 * `html`: whitespace collapses as in a browser (Azure DevOps fields and comments).
 * `asana`: Asana's html_notes has no paragraph element; a newline in text is a line of its own,
 * so every line becomes a paragraph (developers.asana.com/docs/rich-text).
 */
export type HtmlFlavour = 'html' | 'asana';

const headingLevels: Readonly<Record<string, 1 | 2 | 3 | 4 | 5 | 6>> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };
const markOfElement: Readonly<Record<string, TextMark>> = {
  strong: 'bold',
  b: 'bold',
  em: 'italic',
  i: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strike',
  strike: 'strike',
  del: 'strike',
  code: 'code',
  tt: 'code',
  kbd: 'code',
  samp: 'code',
};
/** One fixed order, so that reading what the writer wrote gives back equal marks. */
export const markOrder: readonly TextMark[] = ['bold', 'italic', 'underline', 'strike', 'code'];
/** Containers whose children are blocks; read through as if they were not there. */
const transparentBlocks = new Set([
  '#root',
  'html',
  'body',
  'div',
  'p',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'center',
  'address',
  'figure',
  'form',
  'fieldset',
  'dl',
  'dt',
  'dd',
  'details',
  'summary',
]);
const blockElements = new Set([
  ...transparentBlocks,
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'pre',
  'blockquote',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'hr',
]);

interface InlineContext {
  readonly marks: readonly TextMark[];
  readonly link: string | undefined;
  readonly flavour: HtmlFlavour;
}

export function readHtml(html: string, flavour: HtmlFlavour): RichText {
  return { type: 'doc', content: readBlocks(parseHtmlTree(html).children, flavour) };
}

function readBlocks(nodes: readonly HtmlNode[], flavour: HtmlFlavour): RichBlock[] {
  const blocks: RichBlock[] = [];
  let pending: RichInline[] = [];
  const flush = (): void => {
    blocks.push(...paragraphsOf(pending, flavour));
    pending = [];
  };
  for (const node of nodes) {
    if (node.type === 'element' && blockElements.has(node.name)) {
      flush();
      blocks.push(...readBlockElement(node, flavour));
    } else {
      pending.push(...readInline(node, { marks: [], link: undefined, flavour }));
    }
  }
  flush();
  return blocks;
}

function readBlockElement(element: HtmlElement, flavour: HtmlFlavour): RichBlock[] {
  const level = headingLevels[element.name];
  if (level !== undefined) {
    const content = tidyInlines(element.children.flatMap((child) => readInline(child, { marks: [], link: undefined, flavour: 'html' })));
    return content.length === 0 ? [] : [{ type: 'heading', level, content }];
  }
  switch (element.name) {
    case 'ul':
    case 'ol': {
      const items = element.children
        .filter((child) => child.type === 'element' || child.text.trim() !== '')
        .map((child) => (child.type === 'element' && child.name === 'li' ? readBlocks(child.children, flavour) : readBlocks([child], flavour)));
      return items.length === 0 ? [] : [{ type: element.name === 'ul' ? 'bulletList' : 'orderedList', items }];
    }
    case 'li':
      // A list item outside a list reads as a one-item bullet list.
      return [{ type: 'bulletList', items: [readBlocks(element.children, flavour)] }];
    case 'pre':
      return [readCodeBlock(element)];
    case 'blockquote': {
      const content = readBlocks(element.children, flavour);
      return content.length === 0 ? [] : [{ type: 'blockquote', content }];
    }
    case 'table':
    case 'thead':
    case 'tbody':
    case 'tfoot':
    case 'tr':
      return readTable(element, flavour);
    case 'td':
    case 'th':
      return readBlocks(element.children, flavour);
    case 'hr':
      return [{ type: 'rule' }];
    default:
      return readBlocks(element.children, flavour);
  }
}

function readCodeBlock(pre: HtmlElement): RichBlock {
  const code = pre.children.find((child): child is HtmlElement => child.type === 'element' && child.name === 'code');
  const languageSource = `${code?.attributes['class'] ?? ''} ${pre.attributes['class'] ?? ''}`;
  const language = /(?:^|\s)(?:language|lang)-([\w+#.-]+)/.exec(languageSource)?.[1] ?? pre.attributes['data-language'];
  // The HTML parser drops one newline right after <pre>; so do we.
  const text = textContentOf(pre)
    .replace(/^\r?\n/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/\u00a0/g, ' ')
    .replace(/\n$/, '');
  return language === undefined || language === '' ? { type: 'codeBlock', text } : { type: 'codeBlock', text, language };
}

function readTable(element: HtmlElement, flavour: HtmlFlavour): RichBlock[] {
  const rows: { header: boolean; cells: RichBlock[][] }[] = [];
  const visit = (node: HtmlElement, inHead: boolean): void => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (child.name === 'tr') {
        const cells = child.children.filter((cell): cell is HtmlElement => cell.type === 'element' && (cell.name === 'td' || cell.name === 'th'));
        if (cells.length === 0) continue;
        rows.push({ header: inHead || cells.every((cell) => cell.name === 'th'), cells: cells.map((cell) => readBlocks(cell.children, flavour)) });
      } else if (child.name === 'thead' || child.name === 'tbody' || child.name === 'tfoot') {
        visit(child, child.name === 'thead');
      }
    }
  };
  visit(element.name === 'tr' ? { ...element, name: 'tbody', children: [element] } : element, element.name === 'thead');
  return rows.length === 0 ? [] : [{ type: 'table', rows }];
}

function readInline(node: HtmlNode, context: InlineContext): RichInline[] {
  if (node.type === 'text') return readText(node.text, context);
  if (node.name === 'br') return [{ type: 'hardBreak' }];
  if (node.name === 'img') {
    // Images are not in the model; their alternative text keeps what they said.
    const alternative = node.attributes['alt']?.trim() ?? '';
    return alternative === '' ? [] : readText(alternative, context);
  }
  const mention = readMention(node);
  if (mention !== undefined) return [mention];
  const mark = markOfElement[node.name];
  let next = context;
  if (mark !== undefined && !context.marks.includes(mark))
    next = { ...context, marks: markOrder.filter((known) => known === mark || context.marks.includes(known)) };
  if (node.name === 'a') {
    // The tokenizer decoded the attribute's character references, as a browser does before it reads the URL.
    const link = safeLinkTarget(node.attributes['href'] ?? '');
    if (link !== undefined) next = { ...next, link };
  }
  return node.children.flatMap((child) => readInline(child, next));
}

function readText(text: string, context: InlineContext): RichInline[] {
  const style = { ...(context.marks.length > 0 ? { marks: context.marks } : {}), ...(context.link !== undefined ? { link: context.link } : {}) };
  if (context.flavour === 'html') return [{ type: 'text', text: text.replace(/[ \t\n\r\f]+/g, ' '), ...style }];
  return text.split('\n').flatMap((line, index): RichInline[] => {
    const piece: RichInline[] = line === '' ? [] : [{ type: 'text', text: line.replace(/[ \t\r\f]+/g, ' '), ...style }];
    return index === 0 ? piece : [{ type: 'hardBreak' }, ...piece];
  });
}

/**
 * Mentions as each tracker writes them: Azure DevOps `data-vss-mention`, Asana
 * `data-asana-type="user"`, and ours (`data-mention`, or a mailto link reading "@Name").
 */
function readMention(element: HtmlElement): RichInline | undefined {
  const attributes = element.attributes;
  const text = textContentOf(element).trim();
  const href = attributes['href'] ?? '';
  const email = href.toLowerCase().startsWith('mailto:') ? decodeAddress(href.slice(7)) : attributes['data-mention'] || undefined;
  const isMention =
    'data-vss-mention' in attributes ||
    attributes['data-asana-type'] === 'user' ||
    'data-mention' in attributes ||
    (email !== undefined && text.startsWith('@'));
  if (!isMention) return undefined;
  const displayName = text.replace(/^@/, '') || email || attributes['data-asana-gid'] || 'someone';
  return email === undefined || email === '' ? { type: 'mention', displayName } : { type: 'mention', displayName, email };
}

/** `%40` and friends, as a mail client reads them; an address with broken escapes stays as written. */
function decodeAddress(address: string): string {
  try {
    return decodeURIComponent(address);
  } catch {
    return address;
  }
}

/** Lines of inline content become paragraphs: one in HTML, one per line in Asana. */
function paragraphsOf(inlines: readonly RichInline[], flavour: HtmlFlavour): RichBlock[] {
  if (flavour === 'html') {
    const content = tidyInlines(inlines);
    return content.length === 0 ? [] : [{ type: 'paragraph', content }];
  }
  const paragraphs: RichBlock[] = [];
  let line: RichInline[] = [];
  for (const inline of [...inlines, { type: 'hardBreak' } as const]) {
    if (inline.type !== 'hardBreak') {
      line.push(inline);
      continue;
    }
    const content = tidyInlines(line);
    if (content.length > 0) paragraphs.push({ type: 'paragraph', content });
    line = [];
  }
  return paragraphs;
}

/** Trims the edges, drops empty text and edge breaks, and merges neighbours with the same style. */
export function tidyInlines(inlines: readonly RichInline[]): RichInline[] {
  const merged: RichInline[] = [];
  for (const inline of inlines) {
    const previous = merged[merged.length - 1];
    if (inline.type !== 'text') {
      merged.push(inline);
      continue;
    }
    // Whitespace collapses across element edges too: "a <b> b</b>" shows one space.
    const endsWithSpace = previous?.type === 'text' && previous.text.endsWith(' ');
    const text = endsWithSpace ? inline.text.replace(/^ +/, '') : inline.text;
    if (text === '') continue;
    if (previous?.type === 'text' && sameStyle(previous, inline)) merged[merged.length - 1] = { ...previous, text: previous.text + text };
    else merged.push({ ...inline, text });
  }
  // A space next to a break or at an edge is not shown by a browser.
  const cleaned = merged
    .map((inline, index) => {
      if (inline.type !== 'text') return inline;
      let text = inline.text;
      if (index === 0 || merged[index - 1]?.type === 'hardBreak') text = text.replace(/^ +/, '');
      if (index === merged.length - 1 || merged[index + 1]?.type === 'hardBreak') text = text.replace(/ +$/, '');
      return { ...inline, text };
    })
    .filter((inline) => inline.type !== 'text' || inline.text !== '');
  while (cleaned[0]?.type === 'hardBreak') cleaned.shift();
  while (cleaned[cleaned.length - 1]?.type === 'hardBreak') cleaned.pop();
  return cleaned;
}

function sameStyle(left: RichInline & { type: 'text' }, right: RichInline & { type: 'text' }): boolean {
  return left.link === right.link && (left.marks ?? []).join() === (right.marks ?? []).join();
}

import { tokenizeHtml } from './html-tokenizer';

export type HtmlNode = HtmlElement | { readonly type: 'text'; readonly text: string };

export interface HtmlElement {
  readonly type: 'element';
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: HtmlNode[];
}

/** Elements that never have content (HTML Living Standard, "void elements"). */
const voidElements = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'wbr']);

/** Starting one of these ends an open paragraph, as the HTML parser does. */
const closesParagraph = new Set([
  'address',
  'blockquote',
  'div',
  'dl',
  'fieldset',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'ul',
]);

/**
 * Elements whose start tag closes an open element of the same kind, up to (not past) a boundary:
 * `<li>a<li>b` is two items, `<td>1<td>2` two cells. These are the optional end tags trackers'
 * editors leave out most.
 */
const implicitEnds: Readonly<Record<string, { readonly closes: readonly string[]; readonly boundary: readonly string[] }>> = {
  li: { closes: ['li'], boundary: ['ul', 'ol'] },
  tr: { closes: ['tr', 'td', 'th'], boundary: ['table', 'thead', 'tbody', 'tfoot'] },
  td: { closes: ['td', 'th'], boundary: ['tr', 'table'] },
  th: { closes: ['td', 'th'], boundary: ['tr', 'table'] },
  thead: { closes: ['thead', 'tbody', 'tr', 'td', 'th'], boundary: ['table'] },
  tbody: { closes: ['thead', 'tbody', 'tr', 'td', 'th'], boundary: ['table'] },
};

/**
 * Builds a tree from any fragment, fixing what browsers fix: unclosed and stray end tags,
 * optional end tags, void elements written without a slash. The root is a synthetic `#root`.
 */
export function parseHtmlTree(html: string): HtmlElement {
  const root: HtmlElement = { type: 'element', name: '#root', attributes: {}, children: [] };
  const stack: HtmlElement[] = [root];
  const current = (): HtmlElement => stack[stack.length - 1] ?? root;
  const closeUpTo = (names: readonly string[], boundary: readonly string[]): void => {
    for (let index = stack.length - 1; index > 0; index -= 1) {
      const name = stack[index]?.name ?? '';
      if (boundary.includes(name)) return;
      if (names.includes(name)) {
        stack.length = index;
        return;
      }
    }
  };

  for (const token of tokenizeHtml(html)) {
    if (token.kind === 'text') {
      current().children.push({ type: 'text', text: token.text });
      continue;
    }
    if (token.kind === 'end') {
      const index = findOpen(stack, token.name);
      // An end tag with no open element (`</p>` alone) is dropped, except `</br>`, which browsers read as `<br>`.
      if (index > 0) stack.length = index;
      else if (token.name === 'br') current().children.push({ type: 'element', name: 'br', attributes: {}, children: [] });
      continue;
    }
    if (closesParagraph.has(token.name)) closeUpTo(['p'], ['td', 'th', 'li', 'blockquote', 'div', 'body']);
    const implicit = implicitEnds[token.name];
    if (implicit !== undefined) closeUpTo(implicit.closes, implicit.boundary);
    const element: HtmlElement = { type: 'element', name: token.name, attributes: token.attributes, children: [] };
    current().children.push(element);
    if (!voidElements.has(token.name) && !token.selfClosing) stack.push(element);
  }
  return root;
}

function findOpen(stack: readonly HtmlElement[], name: string): number {
  for (let index = stack.length - 1; index > 0; index -= 1) if (stack[index]?.name === name) return index;
  return -1;
}

export function textContentOf(node: HtmlNode): string {
  if (node.type === 'text') return node.text;
  if (node.name === 'br') return '\n';
  return node.children.map(textContentOf).join('');
}

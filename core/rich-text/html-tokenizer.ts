/**
 * A small, tolerant HTML tokenizer for the fragments trackers store (Azure DevOps HTML fields,
 * Asana `html_notes`). It never throws: anything it cannot read as markup is read as text, the
 * way a browser would show it. Core may not use a DOM or Node's built-ins, so this is hand-written.
 */
export type HtmlToken =
  | { readonly kind: 'start'; readonly name: string; readonly attributes: Readonly<Record<string, string>>; readonly selfClosing: boolean }
  | { readonly kind: 'end'; readonly name: string }
  | { readonly kind: 'text'; readonly text: string };

/** Elements whose content is raw text, not markup; we drop their content entirely. */
const rawTextElements = new Set(['script', 'style', 'textarea', 'title']);

export function tokenizeHtml(html: string): HtmlToken[] {
  const tokens: HtmlToken[] = [];
  let position = 0;
  let text = '';
  const flushText = (): void => {
    if (text !== '') tokens.push({ kind: 'text', text: decodeHtmlEntities(text) });
    text = '';
  };

  while (position < html.length) {
    const open = html.indexOf('<', position);
    if (open < 0) {
      text += html.slice(position);
      break;
    }
    text += html.slice(position, open);
    position = open;

    if (html.startsWith('<!--', position)) {
      const close = html.indexOf('-->', position + 4);
      position = close < 0 ? html.length : close + 3;
      continue;
    }
    // Doctype, CDATA and processing instructions carry nothing a tracker shows.
    if (html.startsWith('<!', position) || html.startsWith('<?', position)) {
      const close = html.indexOf('>', position);
      position = close < 0 ? html.length : close + 1;
      continue;
    }
    const tag = readTag(html, position);
    if (tag === undefined) {
      // A lone `<` (as in "a < b") is text.
      text += '<';
      position += 1;
      continue;
    }
    flushText();
    tokens.push(tag.token);
    position = tag.end;
    if (tag.token.kind === 'start' && !tag.token.selfClosing && rawTextElements.has(tag.token.name)) {
      const close = html.toLowerCase().indexOf(`</${tag.token.name}`, position);
      position = close < 0 ? html.length : close;
    }
  }
  flushText();
  return tokens;
}

function readTag(html: string, start: number): { token: HtmlToken; end: number } | undefined {
  const isEnd = html[start + 1] === '/';
  const nameStart = start + (isEnd ? 2 : 1);
  const nameMatch = /^[A-Za-z][A-Za-z0-9-]*/.exec(html.slice(nameStart, nameStart + 64));
  if (nameMatch === null) return undefined;
  const name = nameMatch[0].toLowerCase();
  let position = nameStart + nameMatch[0].length;
  const attributes: Record<string, string> = {};
  let selfClosing = false;

  while (position < html.length) {
    const character = html[position] ?? '';
    if (character === '>') return { token: isEnd ? { kind: 'end', name } : { kind: 'start', name, attributes, selfClosing }, end: position + 1 };
    if (character === '/') {
      selfClosing = html[position + 1] === '>';
      position += 1;
      continue;
    }
    if (/\s/.test(character)) {
      position += 1;
      continue;
    }
    const attribute = /^([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/.exec(html.slice(position));
    if (attribute === null) {
      position += 1;
      continue;
    }
    const attributeName = (attribute[1] ?? '').toLowerCase();
    if (!(attributeName in attributes)) attributes[attributeName] = decodeHtmlEntities(attribute[2] ?? attribute[3] ?? attribute[4] ?? '');
    position += attribute[0].length;
  }
  // The tag never closed: what looked like markup was text after all.
  return undefined;
}

const namedEntities: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  copy: '©',
  reg: '®',
  trade: '™',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  bull: '•',
  middot: '·',
  euro: '€',
  pound: '£',
  times: '×',
  divide: '÷',
  deg: '°',
  laquo: '«',
  raquo: '»',
};

export function decodeHtmlEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[A-Za-z]{2,8});?/g, (whole, entity: string) => {
    if (entity.startsWith('#')) {
      const codePoint = entity[1] === 'x' || entity[1] === 'X' ? Number.parseInt(entity.slice(2), 16) : Number.parseInt(entity.slice(1), 10);
      return Number.isFinite(codePoint) && codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : whole;
    }
    return namedEntities[entity] ?? namedEntities[entity.toLowerCase()] ?? whole;
  });
}

export function escapeHtmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeHtmlAttribute(text: string): string {
  return escapeHtmlText(text).replace(/"/g, '&quot;');
}

import fc from 'fast-check';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { richTextFromAsanaHtml, richTextFromHtml, richTextToAsanaHtml, richTextToHtml } from './html';
import type { HtmlFlavour } from './html-reader';
import { safeLinkTarget } from './link-target';
import type { RichBlock, RichInline, RichText } from './rich-text';
import { documentArbitrary, everyShape, hostileSafeLinkArbitrary, safeLinkArbitrary, textArbitrary, type DocumentShape } from './rich-text-arbitraries';

/**
 * The written HTML is parsed back with parse5, the HTML Living Standard's parsing algorithm as
 * browsers run it, not with our own reader: whatever a browser would build from it must be exactly
 * the elements and attributes the document asked for, and its text exactly the document's words.
 */
type Parse5Node = DefaultTreeAdapterMap['childNode'] | DefaultTreeAdapterMap['document'];
interface ParsedHtml {
  readonly elements: Map<string, number>;
  readonly attributes: string[];
  readonly hrefs: string[];
  readonly text: string;
}

const runs = { numRuns: 150 };
const asanaShape: DocumentShape = {
  ...everyShape,
  headingLevels: [1, 2],
  codeLanguages: false,
  tableHeaders: false,
  hardBreaks: false,
  mentionsWithoutEmail: false,
};
/** Elements parse5 adds around any document; not written by us. */
const documentFrame = new Set(['html', 'head', 'body']);

function parseLikeBrowser(html: string): ParsedHtml {
  const elements = new Map<string, number>();
  const attributes: string[] = [];
  const hrefs: string[] = [];
  let text = '';
  const visit = (node: Parse5Node): void => {
    if (node.nodeName === '#text' && 'value' in node) text += node.value;
    if ('tagName' in node && !documentFrame.has(node.tagName)) {
      elements.set(node.tagName, (elements.get(node.tagName) ?? 0) + 1);
      for (const attribute of node.attrs) {
        attributes.push(`${node.tagName}[${attribute.name}]`);
        if (attribute.name === 'href') hrefs.push(attribute.value);
      }
    }
    if ('childNodes' in node) node.childNodes.forEach((child) => visit(child as Parse5Node));
  };
  visit(parse(html));
  return { elements, attributes, hrefs, text };
}

/** What each block and inline must become, counted by element name (mirrors the writers' documentation). */
function expectedElements(document: RichText, flavour: HtmlFlavour): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (name: string): void => void counts.set(name, (counts.get(name) ?? 0) + 1);
  const inlines = (content: readonly RichInline[]): void =>
    content.forEach((inline) => {
      if (inline.type === 'hardBreak' && flavour === 'html') add('br');
      if (inline.type === 'mention' && inline.email !== undefined) add('a');
      if (inline.type === 'mention' && inline.email === undefined && flavour === 'html') add('span');
      if (inline.type === 'text') {
        const tags = { bold: 'strong', italic: 'em', underline: 'u', strike: 's', code: 'code' } as const;
        (inline.marks ?? []).forEach((mark) => add(tags[mark]));
        if (inline.link !== undefined && safeLinkTarget(inline.link) !== undefined) add('a');
      }
    });
  const container = (blocks: readonly RichBlock[]): void => {
    const only = blocks[0];
    if (flavour === 'html' && blocks.length === 1 && only?.type === 'paragraph') inlines(only.content);
    else blocks.forEach(block);
  };
  const block = (value: RichBlock): void => {
    switch (value.type) {
      case 'paragraph':
        if (flavour === 'html') add('div');
        return inlines(value.content);
      case 'heading':
        add(flavour === 'html' ? `h${value.level}` : value.level === 1 ? 'h1' : 'h2');
        return inlines(value.content);
      case 'bulletList':
      case 'orderedList':
        add(value.type === 'bulletList' ? 'ul' : 'ol');
        return value.items.forEach((item) => {
          add('li');
          container(item);
        });
      case 'codeBlock':
        add('pre');
        if (flavour === 'html') add('code');
        return;
      case 'blockquote':
        add('blockquote');
        return value.content.forEach(block);
      case 'table':
        add('table');
        add('tbody');
        return value.rows.forEach((row) => {
          add('tr');
          row.cells.forEach((cell) => {
            add(flavour === 'html' && row.header ? 'th' : 'td');
            container(cell);
          });
        });
      case 'rule':
        return add('hr');
    }
  };
  document.content.forEach(block);
  return counts;
}

function wordsOf(document: RichText): string {
  let text = '';
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      if (record['type'] === 'text' || record['type'] === 'codeBlock') text += String(record['text']);
      else if (record['type'] === 'mention') text += `@${String(record['displayName'])}`;
      else Object.values(record).forEach(visit);
    }
  };
  visit(document.content);
  return text;
}

const withoutWhitespace = (text: string): string => text.replace(/\s+/g, '');
const allowedAttributes = new Set(['a[href]', 'code[class]', 'span[data-mention]']);

describe.each([
  ['Azure DevOps HTML', 'html' as const, richTextToHtml, richTextFromHtml, everyShape],
  ['Asana html_notes', 'asana' as const, richTextToAsanaHtml, richTextFromAsanaHtml, asanaShape],
])('%s, for any document', (_name, flavour, write, read, shape) => {
  it('survives a round trip (writer, then reader) unchanged', () => {
    fc.assert(
      fc.property(documentArbitrary(shape), (document) => {
        expect(read(write(document))).toEqual(document);
      }),
      runs,
    );
  });

  it('becomes, in a browser, exactly the elements and attributes the document asks for, and its words', () => {
    fc.assert(
      fc.property(documentArbitrary(shape), (document) => {
        const parsed = parseLikeBrowser(write(document));

        expect(parsed.elements).toEqual(expectedElements(document, flavour));
        expect(parsed.attributes.filter((attribute) => !allowedAttributes.has(attribute))).toEqual([]);
        expect(parsed.hrefs.filter((href) => safeLinkTarget(href) !== href)).toEqual([]);
        expect(withoutWhitespace(parsed.text)).toBe(withoutWhitespace(wordsOf(document)));
      }),
      runs,
    );
  });

  it('writes any link target, however hostile, only when it is on the allow-list', () => {
    const anyTarget = fc.oneof(
      safeLinkArbitrary,
      hostileSafeLinkArbitrary,
      textArbitrary(everyShape),
      fc.string(),
      fc.constantFrom('javascript:alert(1)', ' java\tscript:x', '\u0001data:x'),
    );
    fc.assert(
      fc.property(textArbitrary(everyShape), anyTarget, (words, target) => {
        const parsed = parseLikeBrowser(write({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: words, link: target }] }] }));

        expect(parsed.hrefs).toEqual(safeLinkTarget(target) === undefined ? [] : [safeLinkTarget(target)]);
        expect(parsed.text).toBe(words);
      }),
      runs,
    );
  });

  it('never throws on any input, and reads nothing but allowed links from it', () => {
    const hostileHtml = fc
      .array(
        fc.oneof(
          textArbitrary(everyShape),
          fc.constantFrom('<a href="', '">', '<a href=', '>', '</a>', '&#x09;', '&#106;', 'javascript:', '<pre><code>', '<table><tr><td>', '<li>', '<br>'),
        ),
        { maxLength: 12 },
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(hostileHtml, fc.string()), (html) => {
        const links = JSON.stringify(read(html)).match(/"link":"(?:[^"\\]|\\.)*"/g) ?? [];

        expect(links.map((entry) => JSON.parse(entry.slice(7)) as string).filter((link) => safeLinkTarget(link) !== link)).toEqual([]);
      }),
      runs,
    );
  });
});

describe('HTML for a code block', () => {
  it('keeps every character of the code as text, whatever markup it holds', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom('html' as const, 'asana' as const), (text, flavour) => {
        const code = text.replace(/\r/g, '');
        const html = (flavour === 'html' ? richTextToHtml : richTextToAsanaHtml)({ type: 'doc', content: [{ type: 'codeBlock', text: `x${code}x` }] });
        const parsed = parseLikeBrowser(html);

        expect([...parsed.elements.keys()]).toEqual(flavour === 'html' ? ['pre', 'code'] : ['pre']);
        expect(parsed.text.replace(/\r\n?/g, '\n')).toBe(`x${code}x`.replace(/\u0000/g, '\ufffd'));
      }),
      runs,
    );
  });
});

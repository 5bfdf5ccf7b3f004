import { adfToRichText, richTextToAdf } from './adf';
import { richTextFromAsanaHtml, richTextFromHtml, richTextToAsanaHtml, richTextToHtml } from './html';
import type { RichInline, RichText } from './rich-text';
import { richTextToWikiMarkup, wikiMarkupToRichText } from './wiki-markup';

/**
 * One hostile link per way of writing a dangerous scheme, through every converter in both
 * directions. Each must arrive as its words without a link; the safe links beside them must arrive
 * as links, so a converter that drops every link does not pass.
 */
const hostileTargets: readonly (readonly [string, string])[] = [
  ['javascript:', 'javascript:alert(document.domain)'],
  ['mixed case', 'JaVaScRiPt:alert(1)'],
  ['vbscript:', 'vbscript:msgbox(1)'],
  ['data:', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
  ['a tab inside the scheme', 'java\tscript:alert(1)'],
  ['a newline inside the scheme', 'java\nscript:alert(1)'],
  ['a carriage return inside the scheme', 'java\rscript:alert(1)'],
  ['leading spaces', '   javascript:alert(1)'],
  ['a leading control character', '\u0001javascript:alert(1)'],
  ['a leading NUL and form feed', '\u0000\u000cjavascript:alert(1)'],
  ['a decimal character reference', '&#106;avascript:alert(1)'],
  ['a hexadecimal character reference for a tab', 'jav&#x09;ascript:alert(1)'],
  ['a named character reference for the colon', 'javascript&colon;alert(1)'],
  ['percent-encoded letters', '%6Aavascript:alert(1)'],
  ['a percent-encoded colon', 'javascript%3Aalert(1)'],
  ['a relative path (resolves against the other tracker)', '/secure/admin/Delete.jspa'],
  ['a fragment', '#top'],
  ['a scheme-relative link', '//evil.example/x'],
  ['file:', 'file:///etc/passwd'],
  ['ftp: (browsers no longer open it)', 'ftp://files.example/a'],
];

/** How an attacker would write each target inside the format itself (HTML decodes entities once). */
const asHtmlAttribute = (target: string): string =>
  target.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/\t/g, '&#x09;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
const htmlWithEncodedTargets: readonly (readonly [string, string])[] = [
  ['an entity-encoded tab', 'jav&#x09;ascript:alert(1)'],
  ['an entity-encoded newline', 'java&#10;script:alert(1)'],
  ['an entity-encoded first letter', '&#106;avascript:alert(1)'],
  ['a hexadecimal entity without semicolon', '&#x6A;avascript:alert(1)'],
  ['entity-encoded leading control characters', '&#1;&#32;javascript:alert(1)'],
];

const safeTargets = ['https://acme.example/runbook?step=2&x=%20', 'http://intranet.acme.example/', 'mailto:ops@acme.example', 'HTTPS://ACME.EXAMPLE/'];

const linked = (text: string, link: string): RichText => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text, link }] }] });

/** Every text run of a document, flattened, to look at links whatever the block structure. */
function textRunsOf(document: RichText): (RichInline & { type: 'text' })[] {
  const runs: (RichInline & { type: 'text' })[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      if (record['type'] === 'text') runs.push(record as RichInline & { type: 'text' });
      else Object.values(record).forEach(visit);
    }
  };
  visit(document.content);
  return runs;
}

function expectWordsWithoutLink(document: RichText, words: string): void {
  const runs = textRunsOf(document);
  expect(runs.map((run) => run.text).join('')).toContain(words);
  expect(runs.filter((run) => run.link !== undefined)).toEqual([]);
}

describe('a dangerous link never crosses: read from Jira Cloud ADF', () => {
  it.each(hostileTargets)('%s in a link mark', (_name, href) => {
    const adf = {
      type: 'doc',
      version: 1,
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'click me', marks: [{ type: 'link', attrs: { href } }] }] }],
    };

    expectWordsWithoutLink(adfToRichText(adf), 'click me');
  });

  it.each(hostileTargets)('%s in an inline card (its address stays as words)', (_name, url) => {
    const adf = { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'inlineCard', attrs: { url } }] }] };

    expect(textRunsOf(adfToRichText(adf)).filter((run) => run.link !== undefined)).toEqual([]);
  });

  it.each(safeTargets)('keeps %s', (href) => {
    const adf = {
      type: 'doc',
      version: 1,
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'docs', marks: [{ type: 'link', attrs: { href } }] }] }],
    };

    expect(adfToRichText(adf)).toEqual(linked('docs', href));
  });
});

describe('a dangerous link never crosses: written to Jira Cloud ADF', () => {
  it.each(hostileTargets)('%s', (_name, href) => {
    const adf = richTextToAdf(linked('click me', href));

    expect(adf.content[0]?.content).toEqual([{ type: 'text', text: 'click me' }]);
  });

  it.each(safeTargets)('keeps %s', (href) => {
    expect(richTextToAdf(linked('docs', href)).content[0]?.content?.[0]?.marks).toEqual([{ type: 'link', attrs: { href } }]);
  });
});

describe('a dangerous link never crosses: read from Jira wiki markup', () => {
  // Wiki markup is one line per link: the tab, newline and NUL forms are written as Jira would store them.
  it.each(hostileTargets)('%s as [words|target]', (_name, href) => {
    expectWordsWithoutLink(wikiMarkupToRichText(`See [click me|${href}] now`), 'click me');
  });

  it.each(hostileTargets.filter(([, href]) => !/^\s/.test(href)))('%s as a bare [target]', (_name, href) => {
    expect(textRunsOf(wikiMarkupToRichText(`See [${href}] now`)).filter((run) => run.link !== undefined)).toEqual([]);
  });

  it.each(safeTargets)('keeps %s', (href) => {
    expect(wikiMarkupToRichText(`[docs|${href}]`)).toEqual(linked('docs', href));
  });
});

describe('a dangerous link never crosses: written to Jira wiki markup', () => {
  it.each(hostileTargets)('%s', (_name, href) => {
    const markup = richTextToWikiMarkup(linked('click me', href));

    expect(markup).toBe('click me');
  });

  it.each(safeTargets)('keeps %s', (href) => {
    expect(richTextToWikiMarkup(linked('docs', href))).toBe(`[docs|${href}]`);
  });

  it('cannot be smuggled in after a safe link by closing its brackets early', () => {
    const markup = richTextToWikiMarkup(linked('safe', 'https://acme.example/] [click me|javascript:alert(1)'));

    expect(markup).not.toMatch(/\|\s*javascript:/i);
    expect(textRunsOf(wikiMarkupToRichText(markup)).map((run) => run.link)).toEqual(['https://acme.example/%5D%20%5Bclick%20me%7Cjavascript:alert(1)']);
  });
});

describe('a dangerous link never crosses: read from Azure DevOps and Asana HTML', () => {
  it.each(hostileTargets)('%s', (_name, href) => {
    const attribute = asHtmlAttribute(href);
    expectWordsWithoutLink(richTextFromHtml(`<div>See <a href="${attribute}">click me</a></div>`), 'click me');
    expectWordsWithoutLink(richTextFromAsanaHtml(`<body>See <a href="${attribute}">click me</a></body>`), 'click me');
  });

  it.each(htmlWithEncodedTargets)('%s, decoded as a browser decodes attributes', (_name, attribute) => {
    expectWordsWithoutLink(richTextFromHtml(`<div><a href="${attribute}">click me</a></div>`), 'click me');
    expectWordsWithoutLink(richTextFromHtml(`<div><a href=${attribute.replace(/;/g, '')}>click me</a></div>`), 'click me');
    expectWordsWithoutLink(richTextFromAsanaHtml(`<body><a href='${attribute}'>click me</a></body>`), 'click me');
  });

  it.each(safeTargets)('keeps %s', (href) => {
    expect(richTextFromHtml(`<div><a href="${asHtmlAttribute(href)}">docs</a></div>`)).toEqual(linked('docs', href));
  });
});

describe('a dangerous link never crosses: written to Azure DevOps and Asana HTML', () => {
  it.each(hostileTargets)('%s', (_name, href) => {
    expect(richTextToHtml(linked('click me', href))).toBe('<div>click me</div>');
    expect(richTextToAsanaHtml(linked('click me', href))).toBe('<body>click me</body>');
  });

  it.each(safeTargets)('keeps %s', (href) => {
    expect(richTextToHtml(linked('docs', href))).toBe(`<div><a href="${href.replace(/&/g, '&amp;')}">docs</a></div>`);
  });
});

describe('reading a mention never throws', () => {
  it('keeps a mailto mention whose address is not valid percent-encoding', () => {
    expect(richTextFromHtml('<div><a href="mailto:ops%E0@acme.example">@Ops</a></div>')).toEqual({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'mention', displayName: 'Ops', email: 'ops%E0@acme.example' }] }],
    });
  });
});

import { roundTripSamples } from './rich-text-samples';
import { richTextToWikiMarkup, wikiMarkupToRichText } from './wiki-markup';

const people = [{ username: 'aadmin', displayName: 'Alex Admin', email: 'alex@acme.example' }];
const writeOptions = { usernameOf: (mention: { email?: string }) => people.find((person) => person.email === mention.email)?.username };
const readOptions = { userOfMention: (username: string) => people.find((person) => person.username === username) };

describe('Jira wiki markup', () => {
  it.each(Object.entries(roundTripSamples))('carries %s through a round trip unchanged', (_name, document) => {
    const markup = richTextToWikiMarkup(document, writeOptions);

    expect(wikiMarkupToRichText(markup, readOptions)).toEqual(document);
  });

  it('writes the notation Jira renders', () => {
    expect(richTextToWikiMarkup(roundTripSamples['headings']!)).toBe('h1. Release notes\n\nh3. Fixed in 2.4\n\nBody text.');
    expect(richTextToWikiMarkup(roundTripSamples['lists']!)).toBe('* Visa\n* Amex\n*# Gold\n*# Platinum\n\n# First step\n# Second step');
    expect(richTextToWikiMarkup(roundTripSamples['links']!)).toBe(
      'See [the runbook|https://wiki.acme.example/runbook?step=2] or [*this*|https://acme.example/].',
    );
    expect(richTextToWikiMarkup(roundTripSamples['tables']!)).toBe('||Card||Status||\n|Visa|*broken*|');
    expect(richTextToWikiMarkup(roundTripSamples['mentions']!, writeOptions)).toBe('Thanks [~aadmin] for the fix.');
    expect(richTextToWikiMarkup(roundTripSamples['code']!)).toContain('{code:java}\nif (a < b) {\n  return "x";\n}\n{code}');
  });

  it('uses the brace form for marks inside a word, and reads it back', () => {
    const document = {
      type: 'doc' as const,
      content: [
        {
          type: 'paragraph' as const,
          content: [
            { type: 'text' as const, text: 'over' },
            { type: 'text' as const, text: 'load', marks: ['bold' as const] },
            { type: 'text' as const, text: 'ed' },
          ],
        },
      ],
    };

    expect(richTextToWikiMarkup(document)).toBe('over{*}load{*}ed');
    expect(wikiMarkupToRichText('over{*}load{*}ed')).toEqual(document);
  });

  it('keeps words that look like markup as words', () => {
    const text = 'snake_case 2026-11-23 C++ a-b *not closed and h1. in the middle';

    expect(wikiMarkupToRichText(richTextToWikiMarkup({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }))).toEqual({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
    });
    for (const line of ['# not a list', 'h2. not a heading', '* not a bullet', '| not a table', '---- not a rule', 'bq. not a quote']) {
      const document = { type: 'doc' as const, content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text: line }] }] };
      expect(wikiMarkupToRichText(richTextToWikiMarkup(document))).toEqual(document);
    }
  });

  it('reads what Jira users write, including what the neutral model cannot hold', () => {
    const markup = [
      'h2. Steps',
      '# Open {{/checkout}}',
      '# Pay with *Visa*',
      '',
      '{noformat}',
      'raw *text*',
      '{noformat}',
      '',
      '{panel:title=Note|borderColor=#ccc}',
      'Mind the ^superscript^ and {color:red}red{color} and ??cited??.',
      '{panel}',
      'bq. Quoted',
      '!screenshot.png|thumbnail! by [~jdoe] see [^log.txt]',
      'line one\\\\line two',
    ].join('\n');

    expect(wikiMarkupToRichText(markup).content).toEqual([
      { type: 'heading', level: 2, content: [{ type: 'text', text: 'Steps' }] },
      {
        type: 'orderedList',
        items: [
          [
            {
              type: 'paragraph',
              content: [
                { type: 'text', text: 'Open ' },
                { type: 'text', text: '/checkout', marks: ['code'] },
              ],
            },
          ],
          [
            {
              type: 'paragraph',
              content: [
                { type: 'text', text: 'Pay with ' },
                { type: 'text', text: 'Visa', marks: ['bold'] },
              ],
            },
          ],
        ],
      },
      { type: 'codeBlock', text: 'raw *text*' },
      {
        type: 'blockquote',
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'Mind the superscript and red and ' },
              { type: 'text', text: 'cited', marks: ['italic'] },
              { type: 'text', text: '.' },
            ],
          },
        ],
      },
      { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Quoted' }] }] },
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: '[screenshot.png] by ' },
          { type: 'mention', displayName: 'jdoe' },
          { type: 'text', text: ' see log.txt' },
          { type: 'hardBreak' },
          { type: 'text', text: 'line one' },
          { type: 'hardBreak' },
          { type: 'text', text: 'line two' },
        ],
      },
    ]);
  });

  it("joins a list item's later paragraphs with line breaks, as wiki items are one line", () => {
    const document = {
      type: 'doc' as const,
      content: [
        {
          type: 'bulletList' as const,
          items: [
            [
              { type: 'paragraph' as const, content: [{ type: 'text' as const, text: 'One' }] },
              { type: 'paragraph' as const, content: [{ type: 'text' as const, text: 'Two' }] },
            ],
          ],
        },
      ],
    };

    expect(richTextToWikiMarkup(document)).toBe('* One \\\\ Two');
    expect(wikiMarkupToRichText('* One \\\\ Two').content).toEqual([
      {
        type: 'bulletList',
        items: [[{ type: 'paragraph', content: [{ type: 'text', text: 'One ' }, { type: 'hardBreak' }, { type: 'text', text: ' Two' }] }]],
      },
    ]);
  });

  describe('writes what a document says as words, never as markup Jira would act on', () => {
    const paragraphOf = (text: string, marks?: ('code' | 'bold')[]) => ({
      type: 'doc' as const,
      content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text, ...(marks === undefined ? {} : { marks }) }] }],
    });

    it('a code block holding {code} and a link after it stays one code block', () => {
      const text = 'before\n{code}\n[click|https://evil.example]\n{quote}';
      const markup = richTextToWikiMarkup({ type: 'doc', content: [{ type: 'codeBlock', text, language: 'java' }] });

      expect(markup.match(/\{code/g)).toHaveLength(2);
      expect(wikiMarkupToRichText(markup).content).toEqual([{ type: 'codeBlock', text, language: 'java' }]);
    });

    it('a code language holding a brace is left out rather than ending the opening tag', () => {
      const markup = richTextToWikiMarkup({ type: 'doc', content: [{ type: 'codeBlock', text: 'x', language: 'x}[click|https://evil.example]{code' }] });

      expect(markup).toBe('{code}\nx\n{code}');
    });

    it('monospace text holding a link, a macro or an image stays monospace text', () => {
      const text = '[click|https://evil.example] {html}<b>{html} !x.png! a|b }}';
      const markup = richTextToWikiMarkup(paragraphOf(text, ['code']));

      expect(markup.slice(2, -2)).not.toMatch(/(^|[^\\])[[\]{}|!]/);
      expect(wikiMarkupToRichText(markup)).toEqual(paragraphOf(text, ['code']));
    });

    it('monospace text ending in a backslash keeps it, written as an entity Jira shows as a backslash', () => {
      const markup = richTextToWikiMarkup(paragraphOf('C:\\temp\\', ['code']));

      // `\}` would be Jira's escaped brace and `\\` its line break, so no backslash is written raw.
      expect(markup).toBe('{{C:&#92;temp&#92;}}');
      expect(wikiMarkupToRichText(markup)).toEqual(paragraphOf('C:\\temp\\', ['code']));
    });

    it('monospace text holding two backslashes or an entity shows them as typed', () => {
      for (const text of ['\\\\server\\share', 'a\\|b', '&amp; and &#92;']) {
        const markup = richTextToWikiMarkup(paragraphOf(text, ['code']));

        expect(markup).not.toMatch(/\\\\|&(?!#(38|92);)[#A-Za-z0-9][A-Za-z0-9]{1,7};/);
        expect(wikiMarkupToRichText(markup)).toEqual(paragraphOf(text, ['code']));
      }
    });

    it('reads the numeric entities Jira users type in monospace as their characters', () => {
      expect(wikiMarkupToRichText('{{&#123;x&#125; &#92;n}}')).toEqual(paragraphOf('{x} \\n', ['code']));
    });
  });
});

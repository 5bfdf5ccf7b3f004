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

describe('Jira wiki markup as Jira users type it, at the edges', () => {
  const text = (words: string) => ({ type: 'paragraph', content: [{ type: 'text', text: words }] });
  const item = (words: string) => [text(words)];

  it('reads a heading whatever the spaces after its prefix, and only levels 1 to 6 with a space', () => {
    expect(wikiMarkupToRichText('h3.   Spaced title').content).toEqual([{ type: 'heading', level: 3, content: [{ type: 'text', text: 'Spaced title' }] }]);
    expect(wikiMarkupToRichText('h7. Not a heading').content).toEqual([text('h7. Not a heading')]);
    expect(wikiMarkupToRichText('h1.no space').content).toEqual([text('h1.no space')]);
  });

  it('reads a single dash as a bullet, and any spaces after a list marker as none', () => {
    expect(wikiMarkupToRichText('- dash item\n*   spaced item').content).toEqual([{ type: 'bulletList', items: [item('dash item'), item('spaced item')] }]);
  });

  it('reads indented list and table lines as a list and a table', () => {
    expect(wikiMarkupToRichText('  * Visa\n  * Amex\n\n  |Visa|ok|').content).toEqual([
      { type: 'bulletList', items: [item('Visa'), item('Amex')] },
      { type: 'table', rows: [{ header: false, cells: [item('Visa'), item('ok')] }] },
    ]);
  });

  it('reads a bullet line followed by a numbered line as two lists', () => {
    expect(wikiMarkupToRichText('* Visa\n# First step').content).toEqual([
      { type: 'bulletList', items: [item('Visa')] },
      { type: 'orderedList', items: [item('First step')] },
    ]);
  });

  it('reads a sub-list as part of the item above it, and the next item after it', () => {
    expect(wikiMarkupToRichText('* Cards\n** Visa\n** Amex\n* Cash').content).toEqual([
      { type: 'bulletList', items: [[text('Cards'), { type: 'bulletList', items: [item('Visa'), item('Amex')] }], item('Cash')] },
    ]);
  });

  it('reads a list that starts deeper as an item holding only the sub-list', () => {
    expect(wikiMarkupToRichText('*# Gold\n* Amex').content).toEqual([
      { type: 'bulletList', items: [[{ type: 'orderedList', items: [item('Gold')] }], item('Amex')] },
    ]);
  });

  it('reads a list right after a paragraph line as a list', () => {
    expect(wikiMarkupToRichText('Cards:\n* Visa').content).toEqual([text('Cards:'), { type: 'bulletList', items: [item('Visa')] }]);
  });

  it('reads four or more dashes alone on a line as a rule', () => {
    expect(wikiMarkupToRichText('----\n\n--------').content).toEqual([{ type: 'rule' }, { type: 'rule' }]);
  });

  it("reads a code macro's language among its named parameters, and none from named parameters alone", () => {
    expect(wikiMarkupToRichText('{code:title=Build.java|java}\nrun();\n{code}').content).toEqual([{ type: 'codeBlock', text: 'run();', language: 'java' }]);
    expect(wikiMarkupToRichText('{code:title=Build.java}\nrun();\n{code}').content).toEqual([{ type: 'codeBlock', text: 'run();' }]);
  });

  it('reads code that shares a line with its opening or closing tag', () => {
    expect(wikiMarkupToRichText('{code}x = 1\ny = 2\n{code}\n\n{code}\nx = 1\ny = 2{code}').content).toEqual([
      { type: 'codeBlock', text: 'x = 1\ny = 2' },
      { type: 'codeBlock', text: 'x = 1\ny = 2' },
    ]);
  });

  it('reads no language from a noformat block, whatever its parameters', () => {
    expect(wikiMarkupToRichText('{noformat:java}\nraw\n{noformat}').content).toEqual([{ type: 'codeBlock', text: 'raw' }]);
  });

  it('reads a code block never closed up to the end, and keeps its inner blank lines', () => {
    expect(wikiMarkupToRichText('{code}\nfirst\n\nlast').content).toEqual([{ type: 'codeBlock', text: 'first\n\nlast' }]);
  });

  it('reads a quote closed on its own line, and a panel with parameters, as quotes', () => {
    expect(wikiMarkupToRichText('{quote}Said once{quote}\n{panel:title=Note|borderColor=#ccc}\nMind it\n{panel}').content).toEqual([
      { type: 'blockquote', content: [text('Said once')] },
      { type: 'blockquote', content: [text('Mind it')] },
    ]);
  });

  it('splits a table row on single and double bars, but not on an escaped bar or the bar of a link', () => {
    expect(wikiMarkupToRichText('||Card||Status||\n|Visa\\|Amex|[runbook|https://wiki.acme.example/]| |').content).toEqual([
      {
        type: 'table',
        rows: [
          { header: true, cells: [item('Card'), item('Status')] },
          {
            header: false,
            cells: [item('Visa|Amex'), [{ type: 'paragraph', content: [{ type: 'text', text: 'runbook', link: 'https://wiki.acme.example/' }] }], []],
          },
        ],
      },
    ]);
  });

  it('reads Windows line ends and a lone carriage return as line ends', () => {
    expect(wikiMarkupToRichText('* Visa\r\n* Amex\r* Cash').content).toEqual([{ type: 'bulletList', items: [item('Visa'), item('Amex'), item('Cash')] }]);
  });

  it('reads dashes as a rule only when they are all the line holds', () => {
    const kinds = (markup: string) => wikiMarkupToRichText(markup).content.map((block) => block.type);

    expect(kinds('Total ----')).toEqual(['paragraph']);
    expect(kinds('----> next step')).toEqual(['paragraph']);
    expect(kinds('-----8<-----')).toEqual(['paragraph']);
  });

  it('reads a macro tag after words on a line as words', () => {
    expect(wikiMarkupToRichText('Type {quote} to quote\nthe text').content).toEqual([
      { type: 'paragraph', content: [{ type: 'text', text: 'Type {quote} to quote' }, { type: 'hardBreak' }, { type: 'text', text: 'the text' }] },
    ]);
  });

  it('reads an indented opening tag as the start of a code block', () => {
    expect(wikiMarkupToRichText('  {code:java}\nrun();\n{code}').content).toEqual([{ type: 'codeBlock', text: 'run();', language: 'java' }]);
  });

  it('reads a code block with no language, or an empty one, as code without a language', () => {
    expect(wikiMarkupToRichText('{code}\nrun();\n{code}\n\n{code:}\nrun();\n{code}').content).toStrictEqual([
      { type: 'codeBlock', text: 'run();' },
      { type: 'codeBlock', text: 'run();' },
    ]);
  });

  it('reads each sub-list under its own item', () => {
    expect(wikiMarkupToRichText('* Cards\n** Visa\n* Cash\n** Euro').content).toEqual([
      {
        type: 'bulletList',
        items: [
          [text('Cards'), { type: 'bulletList', items: [item('Visa')] }],
          [text('Cash'), { type: 'bulletList', items: [item('Euro')] }],
        ],
      },
    ]);
  });

  it('reads a header row without its closing bars as a header row', () => {
    expect(wikiMarkupToRichText('||Card||Status\n|Visa|ok').content).toEqual([
      {
        type: 'table',
        rows: [
          { header: true, cells: [item('Card'), item('Status')] },
          { header: false, cells: [item('Visa'), item('ok')] },
        ],
      },
    ]);
  });

  it('reads the words of a cell padded with spaces without the spaces', () => {
    expect(wikiMarkupToRichText('| Visa |  ok  |').content).toEqual([{ type: 'table', rows: [{ header: false, cells: [item('Visa'), item('ok')] }] }]);
  });

  it('keeps a backslash at the end of a row without its closing bar', () => {
    expect(wikiMarkupToRichText('|Path|C:\\temp\\').content).toEqual([{ type: 'table', rows: [{ header: false, cells: [item('Path'), item('C:\\temp\\')] }] }]);
  });

  it('keeps a link whose words hold brackets in one cell', () => {
    const [table] = wikiMarkupToRichText('|[Release [beta]|https://acme.example/]|ok|').content;

    expect(table?.type === 'table' ? table.rows[0]?.cells.length : undefined).toBe(2);
  });

  it('splits a row again after a link closed inside a cell', () => {
    expect(wikiMarkupToRichText('|[a|https://a.example/]] b|c|').content).toEqual([
      {
        type: 'table',
        rows: [
          {
            header: false,
            cells: [
              [
                {
                  type: 'paragraph',
                  content: [
                    { type: 'text', text: 'a', link: 'https://a.example/' },
                    { type: 'text', text: '] b' },
                  ],
                },
              ],
              item('c'),
            ],
          },
        ],
      },
    ]);
  });
});

describe('Jira wiki markup written for blocks that wiki holds on one line', () => {
  it('escapes a list marker or heading prefix at the start of any line of a paragraph, not only the first', () => {
    const markup = richTextToWikiMarkup({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Steps' },
            { type: 'hardBreak' },
            { type: 'text', text: '# not a list' },
            { type: 'hardBreak' },
            { type: 'text', text: 'h2. not a heading' },
          ],
        },
      ],
    });

    expect(markup).toBe('Steps\n\\# not a list\nh2\\. not a heading');
  });

  it('writes a table cell holding a rule, a code block, a list and a heading on one line', () => {
    const cell = (blocks: unknown[]) => blocks as never;
    const markup = richTextToWikiMarkup({
      type: 'doc',
      content: [
        {
          type: 'table',
          rows: [
            {
              header: false,
              cells: [
                cell([{ type: 'rule' }]),
                cell([{ type: 'codeBlock', text: 'a\nb' }]),
                cell([{ type: 'bulletList', items: [[{ type: 'paragraph', content: [{ type: 'text', text: 'x*' }] }]] }]),
                cell([{ type: 'heading', level: 2, content: [{ type: 'text', text: 'H' }, { type: 'hardBreak' }, { type: 'text', text: 'I' }] }]),
              ],
            },
          ],
        },
      ],
    });

    expect(markup).toBe('| |{{a b}}|\\- x\\*|H \\\\ I|');
  });

  it('writes a heading with a line break on one line, the break as a space', () => {
    expect(
      richTextToWikiMarkup({
        type: 'doc',
        content: [{ type: 'heading', level: 2, content: [{ type: 'text', text: 'Release' }, { type: 'hardBreak' }, { type: 'text', text: 'notes' }] }],
      }),
    ).toBe('h2. Release notes');
  });

  it('writes no extra blank lines for the empty paragraph Jira Cloud sends for a blank line', () => {
    const paragraph = (words: string) => ({ type: 'paragraph' as const, content: words === '' ? [] : [{ type: 'text' as const, text: words }] });

    expect(richTextToWikiMarkup({ type: 'doc', content: [paragraph('a'), paragraph(''), paragraph('b')] })).toBe('a\n\nb');
  });

  it('writes a bullet list inside a bullet item as deeper bullet lines, not as words of the item', () => {
    const paragraph = (words: string) => ({ type: 'paragraph' as const, content: [{ type: 'text' as const, text: words }] });

    expect(
      richTextToWikiMarkup({
        type: 'doc',
        content: [{ type: 'bulletList', items: [[paragraph('Cards'), { type: 'bulletList', items: [[paragraph('Visa')]] }]] }],
      }),
    ).toBe('* Cards\n** Visa');
  });

  it("writes no line break for a table cell's empty paragraph", () => {
    const paragraph = (words: string) => ({ type: 'paragraph' as const, content: words === '' ? [] : [{ type: 'text' as const, text: words }] });

    expect(
      richTextToWikiMarkup({ type: 'doc', content: [{ type: 'table', rows: [{ header: false, cells: [[paragraph('a'), paragraph(''), paragraph('b')]] }] }] }),
    ).toBe('|a \\\\ b|');
  });

  it("writes a list in a table cell as its items' words, one space apart", () => {
    const paragraph = (words: string) => ({ type: 'paragraph' as const, content: [{ type: 'text' as const, text: words }] });

    expect(
      richTextToWikiMarkup({
        type: 'doc',
        content: [{ type: 'table', rows: [{ header: false, cells: [[{ type: 'bulletList', items: [[paragraph('Visa')], [paragraph('Amex')]] }]] }] }],
      }),
    ).toBe('|\\- Visa \\- Amex|');
  });
});

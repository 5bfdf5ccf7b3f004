import type { RichBlock, RichText } from './rich-text';
import { richTextFromAsanaHtml, richTextFromHtml, richTextToAsanaHtml, richTextToHtml } from './html';

const doc = (...content: RichBlock[]): RichText => ({ type: 'doc', content });
const paragraph = (text: string): RichBlock => ({ type: 'paragraph', content: [{ type: 'text', text }] });

/** Everything both flavours can express, so it must survive a round trip unchanged. */
const sharedDocument = doc(
  { type: 'heading', level: 1, content: [{ type: 'text', text: 'Release notes' }] },
  {
    type: 'paragraph',
    content: [
      { type: 'text', text: 'Plain, ' },
      { type: 'text', text: 'bold', marks: ['bold'] },
      { type: 'text', text: ', ' },
      { type: 'text', text: 'both', marks: ['bold', 'italic'] },
      { type: 'text', text: ' and ' },
      { type: 'text', text: 'a link', link: 'https://example.com/a?b=1&c=2' },
      { type: 'text', text: ' with ' },
      { type: 'text', text: 'code <T>', marks: ['code'] },
      { type: 'text', text: ' by ' },
      { type: 'mention', displayName: 'Ada Lovelace', email: 'ada@example.com' },
    ],
  },
  { type: 'bulletList', items: [[paragraph('one')], [paragraph('two'), { type: 'orderedList', items: [[paragraph('two.a')], [paragraph('two.b')]] }]] },
  { type: 'codeBlock', text: 'if (a < b) {\n  return "x";\n}' },
  { type: 'blockquote', content: [paragraph('Quoted words')] },
  { type: 'rule' },
  {
    type: 'paragraph',
    content: [
      { type: 'text', text: 'Underlined', marks: ['underline'] },
      { type: 'text', text: ' and struck', marks: ['strike'] },
    ],
  },
);

describe('Azure DevOps HTML', () => {
  it('round-trips headings, marks, links, mentions, lists, code, quotes and rules', () => {
    expect(richTextFromHtml(richTextToHtml(sharedDocument))).toEqual(sharedDocument);
  });

  it('round-trips tables with a header row, headings of every level and a code language', () => {
    const document = doc(
      {
        type: 'table',
        rows: [
          { header: true, cells: [[paragraph('Field')], [paragraph('Value')]] },
          { header: false, cells: [[paragraph('State')], [{ type: 'paragraph', content: [{ type: 'text', text: 'Active', marks: ['bold'] }] }]] },
        ],
      },
      { type: 'heading', level: 4, content: [{ type: 'text', text: 'Small heading' }] },
      { type: 'codeBlock', text: 'SELECT 1', language: 'sql' },
      { type: 'paragraph', content: [{ type: 'text', text: 'line one' }, { type: 'hardBreak' }, { type: 'text', text: 'line two' }] },
    );

    expect(richTextFromHtml(richTextToHtml(document))).toEqual(document);
  });

  it('reads what the Azure DevOps editor writes: divs, &nbsp;, <br> blank lines, a trailing <br>', () => {
    const html = '<div>First&nbsp;line<br></div><div><br></div><div>Second <b>bold</b>&amp;done</div>';

    expect(richTextFromHtml(html)).toEqual(
      doc(
        { type: 'paragraph', content: [{ type: 'text', text: 'First\u00a0line' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Second ' },
            { type: 'text', text: 'bold', marks: ['bold'] },
            { type: 'text', text: '&done' },
          ],
        },
      ),
    );
  });

  it('reads an Azure DevOps mention by its data-vss-mention attribute', () => {
    const html = '<div><a href="#" data-vss-mention="version:2.0,6e8f0d1c-0000-0000-0000-000000000001">@Dana DevOps</a> please look</div>';

    expect(richTextFromHtml(html).content[0]).toEqual({
      type: 'paragraph',
      content: [
        { type: 'mention', displayName: 'Dana DevOps' },
        { type: 'text', text: ' please look' },
      ],
    });
  });

  it('keeps a mention without an email as a mention through a round trip', () => {
    const document = doc({
      type: 'paragraph',
      content: [
        { type: 'text', text: 'ping ' },
        { type: 'mention', displayName: 'Sam' },
      ],
    });

    expect(richTextFromHtml(richTextToHtml(document))).toEqual(document);
  });

  // Unlike a browser, an unclosed <b> ends with its paragraph instead of carrying into the next one.
  it('tolerates broken markup: unclosed tags, optional end tags, stray end tags, a lone "<"', () => {
    const html = '<p>a < b <b>bold<p>next</i><ul><li>one<li>two</ul><table><tr><th>h<td>c</table>';

    expect(richTextFromHtml(html)).toEqual(
      doc(
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'a < b ' },
            { type: 'text', text: 'bold', marks: ['bold'] },
          ],
        },
        paragraph('next'),
        { type: 'bulletList', items: [[paragraph('one')], [paragraph('two')]] },
        { type: 'table', rows: [{ header: false, cells: [[paragraph('h')], [paragraph('c')]] }] },
      ),
    );
  });

  it('drops scripts, styles, comments and javascript: links, and keeps image alt text', () => {
    const html = '<div><script>alert(1)</script><style>p{}</style><!-- note -->Hi <a href="javascript:alert(1)">there</a><img src="x.png" alt="diagram"></div>';

    expect(richTextFromHtml(html)).toEqual(doc({ type: 'paragraph', content: [{ type: 'text', text: 'Hi therediagram' }] }));
  });

  it('escapes text and attributes so written HTML cannot inject markup', () => {
    const html = richTextToHtml(doc({ type: 'paragraph', content: [{ type: 'text', text: '<script>&', link: 'https://x.test/"onmouseover="x' }] }));

    expect(html).toBe('<div><a href="https://x.test/&quot;onmouseover=&quot;x">&lt;script&gt;&amp;</a></div>');
  });

  it('reads an empty or whitespace-only field as an empty document', () => {
    expect(richTextFromHtml('')).toEqual(doc());
    expect(richTextFromHtml('<div> </div>\n<div><br/></div>')).toEqual(doc());
  });
});

describe('Asana html_notes', () => {
  it('round-trips everything both trackers can express, inside a <body> root', () => {
    const html = richTextToAsanaHtml(sharedDocument);

    expect(html.startsWith('<body>') && html.endsWith('</body>')).toBe(true);
    expect(html).not.toMatch(/<(p|div|br|span|h[3-6]|th)\b/);
    expect(richTextFromAsanaHtml(html)).toEqual(sharedDocument);
  });

  it('reads every line of Asana text as a paragraph', () => {
    expect(richTextFromAsanaHtml('<body>First line\nSecond <strong>line</strong>\n\nThird</body>')).toEqual(
      doc(
        paragraph('First line'),
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Second ' },
            { type: 'text', text: 'line', marks: ['bold'] },
          ],
        },
        paragraph('Third'),
      ),
    );
  });

  it('reads an Asana user mention', () => {
    const html =
      '<body>Ask <a data-asana-gid="1205000000000001" data-asana-type="user" data-asana-accessible="true" href="https://app.asana.com/0/1205000000000001/list">@Sam Asana</a></body>';

    expect(richTextFromAsanaHtml(html).content[0]).toEqual({
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Ask ' },
        { type: 'mention', displayName: 'Sam Asana' },
      ],
    });
  });

  it('documents what it loses: small headings, code language, table headers, line breaks, mentions without email', () => {
    const document = doc(
      { type: 'heading', level: 3, content: [{ type: 'text', text: 'Small' }] },
      { type: 'codeBlock', text: 'x = 1', language: 'python' },
      {
        type: 'table',
        rows: [
          { header: true, cells: [[paragraph('H')]] },
          { header: false, cells: [[paragraph('c')]] },
        ],
      },
      {
        type: 'paragraph',
        content: [{ type: 'text', text: 'a' }, { type: 'hardBreak' }, { type: 'text', text: 'b ' }, { type: 'mention', displayName: 'Sam' }],
      },
    );

    expect(richTextFromAsanaHtml(richTextToAsanaHtml(document))).toEqual(
      doc(
        { type: 'heading', level: 2, content: [{ type: 'text', text: 'Small' }] },
        { type: 'codeBlock', text: 'x = 1' },
        {
          type: 'table',
          rows: [
            { header: false, cells: [[paragraph('H')]] },
            { header: false, cells: [[paragraph('c')]] },
          ],
        },
        paragraph('a'),
        paragraph('b @Sam'),
      ),
    );
  });

  it('reads Azure DevOps HTML handed to it and writes only Asana tags', () => {
    const fromAzureDevOps = richTextFromHtml('<div>One</div><div>Two</div><h4>Deep</h4>');

    expect(richTextToAsanaHtml(fromAzureDevOps)).toBe('<body>One\nTwo<h2>Deep</h2></body>');
  });
});

import type { RichBlock, RichInline, RichText } from './rich-text';
import { richTextToAsanaHtml, richTextToHtml } from './html';

/**
 * The exact HTML each tracker receives. Round trips (html.test.ts) prove that what is written reads
 * back; these prove it is the markup the tracker's own editor shows as intended: Azure DevOps' `<div>`
 * paragraphs and full tables, Asana's restricted html_notes tag set.
 */
const doc = (...content: RichBlock[]): RichText => ({ type: 'doc', content });
const text = (words: string, extra: Partial<Extract<RichInline, { type: 'text' }>> = {}): RichInline => ({ type: 'text', text: words, ...extra });
const paragraph = (...content: RichInline[]): RichBlock => ({ type: 'paragraph', content });

const cases: readonly (readonly [string, RichText, string, string])[] = [
  [
    'paragraphs',
    doc(paragraph(text('one')), paragraph(text('two')), paragraph(text('three'))),
    '<div>one</div><div>two</div><div>three</div>',
    '<body>one\ntwo\nthree</body>',
  ],
  [
    'a heading of each size',
    doc(
      { type: 'heading', level: 1, content: [text('Big')] },
      { type: 'heading', level: 2, content: [text('Mid')] },
      { type: 'heading', level: 5, content: [text('Small')] },
    ),
    '<h1>Big</h1><h2>Mid</h2><h5>Small</h5>',
    '<body><h1>Big</h1><h2>Mid</h2><h2>Small</h2></body>',
  ],
  [
    'lists with one-paragraph items and an item of two blocks',
    doc({
      type: 'bulletList',
      items: [[paragraph(text('a'))], [paragraph(text('b')), { type: 'orderedList', items: [[paragraph(text('b1'))], [paragraph(text('b2'))]] }]],
    }),
    '<ul><li>a</li><li><div>b</div><ol><li>b1</li><li>b2</li></ol></li></ul>',
    '<body><ul><li>a</li><li>b<ol><li>b1</li><li>b2</li></ol></li></ul></body>',
  ],
  ['an empty list item', doc({ type: 'orderedList', items: [[]] }), '<ol><li></li></ol>', '<body><ol><li></li></ol></body>'],
  [
    'a list item of a heading only',
    doc({ type: 'bulletList', items: [[{ type: 'heading', level: 3, content: [text('h')] }]] }),
    '<ul><li><h3>h</h3></li></ul>',
    '<body><ul><li><h2>h</h2></li></ul></body>',
  ],
  [
    'a code block with a language',
    doc({ type: 'codeBlock', text: 'a < b && "c"', language: 'c"s' }),
    '<pre><code class="language-c&quot;s">a &lt; b &amp;&amp; "c"</code></pre>',
    '<body><pre>a &lt; b &amp;&amp; "c"</pre></body>',
  ],
  ['a code block without a language', doc({ type: 'codeBlock', text: 'x' }), '<pre><code>x</code></pre>', '<body><pre>x</pre></body>'],
  [
    'a quote of two paragraphs',
    doc({ type: 'blockquote', content: [paragraph(text('q1')), paragraph(text('q2'))] }),
    '<blockquote><div>q1</div><div>q2</div></blockquote>',
    '<body><blockquote>q1\nq2</blockquote></body>',
  ],
  [
    'a table with a header row',
    doc({
      type: 'table',
      rows: [
        { header: true, cells: [[paragraph(text('H1'))], [paragraph(text('H2'))]] },
        { header: false, cells: [[paragraph(text('c1'))], [paragraph(text('c2')), paragraph(text('c3'))]] },
      ],
    }),
    '<table><tbody><tr><th>H1</th><th>H2</th></tr><tr><td>c1</td><td><div>c2</div><div>c3</div></td></tr></tbody></table>',
    '<body><table><tr><td>H1</td><td>H2</td></tr><tr><td>c1</td><td>c2\nc3</td></tr></table></body>',
  ],
  [
    'a rule between paragraphs',
    doc(paragraph(text('above')), { type: 'rule' }, paragraph(text('below'))),
    '<div>above</div><hr><div>below</div>',
    '<body>above<hr/>below</body>',
  ],
  ['a line break', doc(paragraph(text('one'), { type: 'hardBreak' }, text('two'))), '<div>one<br>two</div>', '<body>one\ntwo</body>'],
  [
    'every mark, nested in one order',
    doc(paragraph(text('all', { marks: ['code', 'strike', 'underline', 'italic', 'bold'] }), text(' bold', { marks: ['bold'] }))),
    '<div><strong><em><u><s><code>all</code></s></u></em></strong><strong> bold</strong></div>',
    '<body><strong><em><u><s><code>all</code></s></u></em></strong><strong> bold</strong></body>',
  ],
  [
    'a link around marked text',
    doc(paragraph(text('see "this"', { marks: ['italic'], link: 'https://example.com/?a=1&b="2"' }))),
    '<div><a href="https://example.com/?a=1&amp;b=&quot;2&quot;"><em>see "this"</em></a></div>',
    '<body><a href="https://example.com/?a=1&amp;b=&quot;2&quot;"><em>see "this"</em></a></body>',
  ],
  [
    'a link the allow-list refuses, which keeps its words',
    doc(paragraph(text('click', { link: 'javascript:alert(1)' }))),
    '<div>click</div>',
    '<body>click</body>',
  ],
  [
    'mentions with and without an email',
    doc(paragraph({ type: 'mention', displayName: 'Ada <L>', email: 'ada+ops@example.com' }, text(' and '), { type: 'mention', displayName: 'Sam & co' })),
    '<div><a href="mailto:ada%2Bops@example.com">@Ada &lt;L&gt;</a> and <span data-mention="">@Sam &amp; co</span></div>',
    '<body><a href="mailto:ada%2Bops@example.com">@Ada &lt;L&gt;</a> and @Sam &amp; co</body>',
  ],
  [
    'a mention whose email holds characters a mailto address must encode',
    doc(paragraph({ type: 'mention', displayName: 'Odd', email: 'a b?c#d%e@example.com' })),
    '<div><a href="mailto:a%20b%3Fc%23d%25e@example.com">@Odd</a></div>',
    '<body><a href="mailto:a%20b%3Fc%23d%25e@example.com">@Odd</a></body>',
  ],
  [
    'a mention whose email is not well-formed text, written as its name',
    doc(paragraph({ type: 'mention', displayName: 'Lone', email: '\ud800@example.com' })),
    '<div><span data-mention="">@Lone</span></div>',
    '<body>@Lone</body>',
  ],
  ['nothing', doc(), '', '<body></body>'],
];

describe.each(cases)('the HTML written for %s', (_name, document, azureDevOps, asana) => {
  it('is what the Azure DevOps editor writes', () => {
    expect(richTextToHtml(document)).toBe(azureDevOps);
  });

  it('is what Asana html_notes holds', () => {
    expect(richTextToAsanaHtml(document)).toBe(asana);
  });
});

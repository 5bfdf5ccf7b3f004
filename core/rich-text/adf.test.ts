import { adfToRichText, richTextToAdf } from './adf';
import { roundTripSamples } from './rich-text-samples';

const people = [{ accountId: '5b10a2844c20165700ede21g', email: 'alex@acme.example' }];
const writeOptions = { accountIdOf: (mention: { email?: string }) => people.find((person) => person.email === mention.email)?.accountId };
const readOptions = { emailOfAccount: (accountId: string) => people.find((person) => person.accountId === accountId)?.email };

describe('ADF', () => {
  it.each(Object.entries(roundTripSamples))('carries %s through a round trip unchanged', (_name, document) => {
    expect(adfToRichText(richTextToAdf(document, writeOptions), readOptions)).toEqual(document);
  });

  it('writes the ADF Jira expects: version 1, strong/em marks, link marks, mentions by account id, header cells', () => {
    const adf = richTextToAdf(
      { type: 'doc', content: [...roundTripSamples['links']!.content, ...roundTripSamples['mentions']!.content, ...roundTripSamples['tables']!.content] },
      writeOptions,
    );

    expect(adf).toMatchObject({ type: 'doc', version: 1 });
    expect(adf.content[0]?.content?.[1]).toEqual({
      type: 'text',
      text: 'the runbook',
      marks: [{ type: 'link', attrs: { href: 'https://wiki.acme.example/runbook?step=2' } }],
    });
    expect(adf.content[1]?.content?.[1]).toEqual({ type: 'mention', attrs: { id: '5b10a2844c20165700ede21g', text: '@Alex Admin' } });
    expect(adf.content[2]?.content?.[0]?.content?.[0]?.type).toBe('tableHeader');
  });

  it('writes a mention it cannot resolve as text, and code without other marks (ADF allows code with link only)', () => {
    const adf = richTextToAdf({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'mention', displayName: 'Sam' },
            { type: 'text', text: 'x', marks: ['bold', 'code'] },
          ],
        },
      ],
    });

    expect(adf.content[0]?.content).toEqual([
      { type: 'text', text: '@Sam' },
      { type: 'text', text: 'x', marks: [{ type: 'code' }] },
    ]);
  });

  it('reads what the neutral model cannot hold as its nearest equivalent', () => {
    const jiraSent = {
      type: 'doc',
      version: 1,
      content: [
        {
          type: 'panel',
          attrs: { panelType: 'info' },
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Note', marks: [{ type: 'textColor', attrs: { color: '#ff0000' } }] }] }],
        },
        { type: 'mediaSingle', content: [{ type: 'media', attrs: { id: 'abc', type: 'file' } }] },
        {
          type: 'paragraph',
          content: [
            { type: 'emoji', attrs: { shortName: ':smile:', text: '😄' } },
            { type: 'inlineCard', attrs: { url: 'https://acme.example' } },
          ],
        },
        { type: 'taskList', content: [{ type: 'taskItem', attrs: { state: 'DONE' }, content: [{ type: 'text', text: 'Ship' }] }] },
        { type: 'somethingNew', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'kept' }] }] },
      ],
    };

    expect(adfToRichText(jiraSent).content).toEqual([
      { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Note' }] }] },
      { type: 'paragraph', content: [{ type: 'text', text: '[attachment]' }] },
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: '😄' },
          { type: 'text', text: 'https://acme.example', link: 'https://acme.example' },
        ],
      },
      {
        type: 'bulletList',
        items: [
          [
            {
              type: 'paragraph',
              content: [
                { type: 'text', text: '[x] ' },
                { type: 'text', text: 'Ship' },
              ],
            },
          ],
        ],
      },
      { type: 'paragraph', content: [{ type: 'text', text: 'kept' }] },
    ]);
  });

  it('reads nothing, garbage and plain strings without throwing', () => {
    expect(adfToRichText(null)).toEqual({ type: 'doc', content: [] });
    expect(adfToRichText({ content: 'nope' })).toEqual({ type: 'doc', content: [] });
    expect(adfToRichText('plain words')).toEqual({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'plain words' }] }] });
    expect(adfToRichText({ type: 'doc', content: [{ type: 'mention', attrs: { id: 'x1', text: '@Kim' } }] })).toEqual({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'mention', displayName: 'Kim' }] }],
    });
  });
});

describe('ADF written for Jira, exactly', () => {
  it('writes each block as the ADF structure reference describes it', () => {
    const adf = richTextToAdf({
      type: 'doc',
      content: [
        { type: 'heading', level: 3, content: [{ type: 'text', text: 'Title' }] },
        { type: 'bulletList', items: [[], [{ type: 'paragraph', content: [{ type: 'text', text: 'b' }] }]] },
        { type: 'orderedList', items: [[{ type: 'paragraph', content: [] }]] },
        { type: 'codeBlock', text: '', language: 'sql' },
        { type: 'codeBlock', text: 'x' },
        { type: 'blockquote', content: [{ type: 'rule' }] },
        {
          type: 'table',
          rows: [
            { header: true, cells: [[]] },
            { header: false, cells: [[{ type: 'paragraph', content: [{ type: 'hardBreak' }] }]] },
          ],
        },
      ],
    });
    expect(adf).toEqual({
      type: 'doc',
      version: 1,
      content: [
        { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Title' }] },
        {
          type: 'bulletList',
          content: [
            { type: 'listItem', content: [{ type: 'paragraph', content: [] }] },
            { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'b' }] }] },
          ],
        },
        { type: 'orderedList', attrs: { order: 1 }, content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [] }] }] },
        { type: 'codeBlock', attrs: { language: 'sql' }, content: [] },
        { type: 'codeBlock', content: [{ type: 'text', text: 'x' }] },
        { type: 'blockquote', content: [{ type: 'rule' }] },
        {
          type: 'table',
          attrs: { isNumberColumnEnabled: false, layout: 'default' },
          content: [
            { type: 'tableRow', content: [{ type: 'tableHeader', attrs: {}, content: [{ type: 'paragraph', content: [] }] }] },
            { type: 'tableRow', content: [{ type: 'tableCell', attrs: {}, content: [{ type: 'paragraph', content: [{ type: 'hardBreak' }] }] }] },
          ],
        },
      ],
    });
  });

  it('writes marks in their ADF names, drops empty text, keeps a link on code, and drops a link the allow-list refuses', () => {
    const adf = richTextToAdf({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: '' },
            { type: 'text', text: 'all', marks: ['bold', 'italic', 'underline', 'strike'] },
            { type: 'text', text: 'plain', marks: [] },
            { type: 'text', text: 'code', marks: ['italic', 'code'], link: 'https://example.com/c' },
            { type: 'text', text: 'bad', link: 'javascript:alert(1)' },
          ],
        },
      ],
    });
    expect(adf.content[0]?.content).toEqual([
      { type: 'text', text: 'all', marks: [{ type: 'strong' }, { type: 'em' }, { type: 'underline' }, { type: 'strike' }] },
      { type: 'text', text: 'plain' },
      { type: 'text', text: 'code', marks: [{ type: 'code' }, { type: 'link', attrs: { href: 'https://example.com/c' } }] },
      { type: 'text', text: 'bad' },
    ]);
  });
});

describe('ADF read from Jira, at the edges', () => {
  const read = (...content: unknown[]) => adfToRichText({ type: 'doc', version: 1, content }, readOptions).content;
  const words = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });

  it('reads an empty string as an empty document, and skips nodes that are not nodes', () => {
    expect(adfToRichText('')).toEqual({ type: 'doc', content: [] });
    expect(adfToRichText(42)).toEqual({ type: 'doc', content: [] });
    expect(adfToRichText({ type: 'doc', content: 'nope' })).toEqual({ type: 'doc', content: [] });
    expect(
      read(
        null,
        'text',
        { text: 'no type' },
        { content: [words('no type either')] },
        { type: 7 },
        { type: 'paragraph', content: [null, { type: 'text', text: 'kept' }] },
      ),
    ).toEqual([words('kept')]);
  });

  it("reads an unknown block's blocks as blocks of their own, as in a layout section", () => {
    expect(read({ type: 'layoutSection', content: [{ type: 'layoutColumn', content: [words('left'), words('right')] }] })).toEqual([
      words('left'),
      words('right'),
    ]);
  });

  it('gathers inline nodes at block level into paragraphs between the blocks', () => {
    expect(read({ type: 'text', text: 'a' }, { type: 'hardBreak' }, { type: 'rule' }, { type: 'text', text: 'b' })).toEqual([
      { type: 'paragraph', content: [{ type: 'text', text: 'a' }, { type: 'hardBreak' }] },
      { type: 'rule' },
      words('b'),
    ]);
  });

  it.each([
    [1, 1],
    [6, 6],
    ['4', 4],
    [0, 1],
    [7, 1],
    [undefined, 1],
  ])('reads a heading of level %j as level %d', (level, expected) => {
    expect(read({ type: 'heading', attrs: { level }, content: [{ type: 'text', text: 'h' }] })).toEqual([
      { type: 'heading', level: expected, content: [{ type: 'text', text: 'h' }] },
    ]);
  });

  it('reads list items, and a list child that is not a listItem as an item of its own', () => {
    expect(
      read({ type: 'orderedList', attrs: { order: 3 }, content: [{ type: 'listItem', content: [words('a')] }, words('b'), { type: 'listItem' }] }),
    ).toEqual([{ type: 'orderedList', items: [[words('a')], [words('b')], []] }]);
  });

  it('reads task and decision lists with their state as a marker', () => {
    const item = (type: string, state: string, text: string) => ({ type, attrs: { state }, content: [{ type: 'text', text }] });
    /** A list item as read: one paragraph, the state's marker then the words. */
    const marked = (marker: string, text: string) => [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: marker },
          { type: 'text', text },
        ],
      },
    ];
    expect(
      read(
        { type: 'taskList', content: [item('taskItem', 'DONE', 'done'), item('taskItem', 'TODO', 'todo')] },
        { type: 'decisionList', content: [item('decisionItem', 'DECIDED', 'yes'), item('decisionItem', 'UNDECIDED', 'maybe')] },
      ),
    ).toEqual([
      { type: 'bulletList', items: [marked('[x] ', 'done'), marked('[ ] ', 'todo')] },
      { type: 'bulletList', items: [marked('[x] ', 'yes'), marked('[ ] ', 'maybe')] },
    ]);
  });

  it('reads code blocks: text runs joined, a language only when it is a word', () => {
    const code = (attrs: unknown) => ({ type: 'codeBlock', attrs, content: [{ type: 'text', text: 'a' }, { type: 'text' }, { type: 'text', text: 'b' }] });
    expect(read(code({ language: 'sql' }), code({ language: '' }), code({ language: 5 }), code(undefined))).toEqual([
      { type: 'codeBlock', text: 'ab', language: 'sql' },
      { type: 'codeBlock', text: 'ab' },
      { type: 'codeBlock', text: 'ab' },
      { type: 'codeBlock', text: 'ab' },
    ]);
  });

  it('reads expands as quotes and media groups as an attachment placeholder', () => {
    expect(
      read(
        { type: 'expand', content: [words('e')] },
        { type: 'nestedExpand', content: [words('n')] },
        { type: 'blockquote', content: [words('q')] },
        { type: 'mediaGroup', content: [{ type: 'media' }] },
      ),
    ).toEqual([
      { type: 'blockquote', content: [words('e')] },
      { type: 'blockquote', content: [words('n')] },
      { type: 'blockquote', content: [words('q')] },
      words('[attachment]'),
    ]);
  });

  it('reads a row as a header row only when every cell is a header cell', () => {
    const cell = (type: string, text: string) => ({ type, content: [words(text)] });
    expect(
      read({
        type: 'table',
        content: [
          { type: 'tableRow', content: [cell('tableHeader', 'h'), cell('tableCell', 'c')] },
          { type: 'tableRow', content: [] },
          { type: 'tableRow', content: [cell('tableHeader', 'h')] },
        ],
      }),
    ).toEqual([
      {
        type: 'table',
        rows: [
          { header: false, cells: [[words('h')], [words('c')]] },
          { header: false, cells: [] },
          { header: true, cells: [[words('h')]] },
        ],
      },
    ]);
  });

  it('reads mentions by account id, with or without a label, and asks for an email only for an id', () => {
    const asked: string[] = [];
    const options = { emailOfAccount: (accountId: string) => (asked.push(accountId), readOptions.emailOfAccount(accountId)) };
    const paragraphOf = (...content: unknown[]) => adfToRichText({ type: 'doc', content: [{ type: 'paragraph', content }] }, options).content[0];
    expect(
      paragraphOf(
        { type: 'mention', attrs: { id: people[0]!.accountId, text: '@Alex' } },
        { type: 'mention', attrs: { id: 'someone', text: 'Kim@home' } },
        { type: 'mention', attrs: { id: 'no-label' } },
        { type: 'mention', attrs: { text: '@Nobody' } },
        { type: 'mention' },
      ),
    ).toEqual({
      type: 'paragraph',
      content: [
        { type: 'mention', displayName: 'Alex', email: 'alex@acme.example' },
        { type: 'mention', displayName: 'Kim@home' },
        { type: 'mention', displayName: 'no-label' },
        { type: 'mention', displayName: 'Nobody' },
        { type: 'mention', displayName: '' },
      ],
    });
    expect(asked).toEqual([people[0]!.accountId, 'someone', 'no-label']);
  });

  it('reads inline nodes the model cannot hold as their text', () => {
    const paragraphOf = (...content: unknown[]) => adfToRichText({ type: 'doc', content: [{ type: 'paragraph', content }] }).content[0];
    expect(
      paragraphOf(
        { type: 'emoji', attrs: { shortName: ':ok:' } },
        { type: 'emoji', attrs: {} },
        { type: 'date', attrs: { timestamp: '1764000000000' } },
        { type: 'date', attrs: { timestamp: 'soon' } },
        { type: 'status', attrs: { text: 'DONE' } },
        { type: 'status' },
        { type: 'inlineCard', attrs: { url: 'javascript:alert(1)' } },
        { type: 'inlineCard', attrs: {} },
        { type: 'mediaInline' },
        { type: 'text', text: '' },
        { type: 'text' },
        { type: 'placeholder', content: [{ type: 'text', text: 'inside' }] },
      ),
    ).toEqual({
      type: 'paragraph',
      content: [
        { type: 'text', text: ':ok:' },
        { type: 'text', text: '' },
        { type: 'text', text: '2025-11-24' },
        { type: 'text', text: 'DONE' },
        { type: 'text', text: '' },
        { type: 'text', text: 'javascript:alert(1)' },
        { type: 'text', text: '[attachment]' },
        { type: 'text', text: 'inside' },
      ],
    });
  });

  it('reads marks once each, drops those the model cannot hold, and keeps only safe links', () => {
    const paragraphOf = (...content: unknown[]) => adfToRichText({ type: 'doc', content: [{ type: 'paragraph', content }] }).content[0];
    expect(
      paragraphOf(
        { type: 'text', text: 'a', marks: [{ type: 'strong' }, { type: 'strong' }, { type: 'textColor', attrs: { color: '#f00' } }, { type: 'em' }] },
        { type: 'text', text: 'b', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] },
        { type: 'text', text: 'c', marks: [{ type: 'link', attrs: { href: 7 } }, { type: 'link' }] },
        { type: 'text', text: 'd', marks: [{ type: 'link', attrs: { href: 'mailto:d@example.com' } }, { type: 'code' }] },
        { type: 'text', text: 'e', marks: [{ type: 'underline' }, { type: 'strike' }] },
      ),
    ).toEqual({
      type: 'paragraph',
      content: [
        { type: 'text', text: 'a', marks: ['bold', 'italic'] },
        { type: 'text', text: 'b' },
        { type: 'text', text: 'c' },
        { type: 'text', text: 'd', marks: ['code'], link: 'mailto:d@example.com' },
        { type: 'text', text: 'e', marks: ['underline', 'strike'] },
      ],
    });
  });

  it('reads a field Jira left out of its answer as an empty document', () => {
    expect(adfToRichText(undefined)).toEqual({ type: 'doc', content: [] });
  });

  it('keeps the empty paragraph Jira Cloud sends for a blank line', () => {
    expect(read(words('a'), { type: 'paragraph' }, words('b'))).toEqual([words('a'), { type: 'paragraph', content: [] }, words('b')]);
  });

  it('reads a list child that is a block but not a listItem as an item holding that block', () => {
    expect(read({ type: 'bulletList', content: [{ type: 'codeBlock', content: [{ type: 'text', text: 'run();' }] }] })).toEqual([
      { type: 'bulletList', items: [[{ type: 'codeBlock', text: 'run();' }]] },
    ]);
  });

  it('takes a link only from a link mark, not from another mark that carries an address', () => {
    expect(
      read({ type: 'paragraph', content: [{ type: 'text', text: 'a', marks: [{ type: 'annotation', attrs: { href: 'https://acme.example/' } }] }] }),
    ).toEqual([words('a')]);
  });

  it.each(['text', 'hardBreak', 'mention', 'emoji', 'date', 'status', 'inlineCard', 'mediaInline', 'placeholder'])(
    'keeps a %s at block level in the paragraph around it, even one that holds content',
    (type) => {
      const blocks = read({ type: 'text', text: 'before' }, { type, attrs: {}, content: [{ type: 'text', text: 'inside' }] }, { type: 'text', text: 'after' });

      expect(blocks).toHaveLength(1);
      expect(blocks[0]?.type).toBe('paragraph');
    },
  );
});

import type { RichText } from './rich-text';

/**
 * Documents every converter must carry through a round trip unchanged (neutral → format →
 * neutral), one per construct the issue names: headings, bold/italic, lists, links, code, tables,
 * mentions. Shared by the ADF, wiki markup and HTML converter tests.
 */
export const roundTripSamples: Readonly<Record<string, RichText>> = {
  headings: {
    type: 'doc',
    content: [
      { type: 'heading', level: 1, content: [{ type: 'text', text: 'Release notes' }] },
      { type: 'heading', level: 3, content: [{ type: 'text', text: 'Fixed in 2.4' }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'Body text.' }] },
    ],
  },
  'bold and italic': {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Checkout fails for ' },
          { type: 'text', text: 'every', marks: ['bold'] },
          { type: 'text', text: ' card, ' },
          { type: 'text', text: 'really', marks: ['italic'] },
          { type: 'text', text: ' and ' },
          { type: 'text', text: 'both', marks: ['bold', 'italic'] },
          { type: 'text', text: '.' },
          { type: 'hardBreak' },
          { type: 'text', text: 'Second line with ' },
          { type: 'text', text: 'gone', marks: ['strike'] },
          { type: 'text', text: ' and ' },
          { type: 'text', text: 'added', marks: ['underline'] },
          { type: 'text', text: '.' },
        ],
      },
    ],
  },
  lists: {
    type: 'doc',
    content: [
      {
        type: 'bulletList',
        items: [
          [{ type: 'paragraph', content: [{ type: 'text', text: 'Visa' }] }],
          [
            { type: 'paragraph', content: [{ type: 'text', text: 'Amex' }] },
            {
              type: 'orderedList',
              items: [
                [{ type: 'paragraph', content: [{ type: 'text', text: 'Gold' }] }],
                [{ type: 'paragraph', content: [{ type: 'text', text: 'Platinum' }] }],
              ],
            },
          ],
        ],
      },
      {
        type: 'orderedList',
        items: [
          [{ type: 'paragraph', content: [{ type: 'text', text: 'First step' }] }],
          [{ type: 'paragraph', content: [{ type: 'text', text: 'Second step' }] }],
        ],
      },
    ],
  },
  links: {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'See ' },
          { type: 'text', text: 'the runbook', link: 'https://wiki.acme.example/runbook?step=2' },
          { type: 'text', text: ' or ' },
          { type: 'text', text: 'this', marks: ['bold'], link: 'https://acme.example/' },
          { type: 'text', text: '.' },
        ],
      },
    ],
  },
  code: {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Run ' },
          { type: 'text', text: 'npm test', marks: ['code'] },
          { type: 'text', text: ' first.' },
        ],
      },
      { type: 'codeBlock', language: 'java', text: 'if (a < b) {\n  return "x";\n}' },
      { type: 'codeBlock', text: 'plain *not bold*' },
    ],
  },
  tables: {
    type: 'doc',
    content: [
      {
        type: 'table',
        rows: [
          {
            header: true,
            cells: [[{ type: 'paragraph', content: [{ type: 'text', text: 'Card' }] }], [{ type: 'paragraph', content: [{ type: 'text', text: 'Status' }] }]],
          },
          {
            header: false,
            cells: [
              [{ type: 'paragraph', content: [{ type: 'text', text: 'Visa' }] }],
              [{ type: 'paragraph', content: [{ type: 'text', text: 'broken', marks: ['bold'] }] }],
            ],
          },
        ],
      },
    ],
  },
  mentions: {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Thanks ' },
          { type: 'mention', displayName: 'Alex Admin', email: 'alex@acme.example' },
          { type: 'text', text: ' for the fix.' },
        ],
      },
    ],
  },
  'quotes and rules': {
    type: 'doc',
    content: [
      { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Quoted words.' }] }] },
      { type: 'rule' },
      { type: 'paragraph', content: [{ type: 'text', text: 'Prices: 5 * 3 - 2 = 13, a_b [c] {d} #1' }] },
    ],
  },
};

import type { RichBlock, RichInline, RichText, TextMark } from '../../core';

/**
 * Rich text for tests, written as what it shows rather than as nested literals:
 * `richTextDocument(heading(2, text('Steps')), orderedList([paragraph(text('Open '), text('checkout', 'bold'))]))`.
 */
export function richTextDocument(...content: RichBlock[]): RichText {
  return { type: 'doc', content };
}

export function heading(level: 1 | 2 | 3 | 4 | 5 | 6, ...content: RichInline[]): RichBlock {
  return { type: 'heading', level, content };
}

export function paragraph(...content: RichInline[]): RichBlock {
  return { type: 'paragraph', content };
}

/** One list item per argument, each item its own blocks. */
export function orderedList(...items: RichBlock[][]): RichBlock {
  return { type: 'orderedList', items };
}

/** Text with the given marks; with none, no `marks` key at all, as the converters read it back. */
export function text(value: string, ...marks: TextMark[]): RichInline {
  return marks.length === 0 ? { type: 'text', text: value } : { type: 'text', text: value, marks };
}

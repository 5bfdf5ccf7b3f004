/**
 * The neutral rich-text model every tracker's format converts to and from (Jira ADF, Jira wiki
 * markup, Azure DevOps HTML, Asana html_notes). It keeps what all four can express; what one
 * tracker cannot show degrades to the nearest thing it can (documented per converter).
 */
export type TextMark = 'bold' | 'italic' | 'underline' | 'strike' | 'code';

export type RichInline =
  | { readonly type: 'text'; readonly text: string; readonly marks?: readonly TextMark[]; readonly link?: string }
  | { readonly type: 'mention'; readonly displayName: string; readonly email?: string }
  | { readonly type: 'hardBreak' };

export type RichBlock =
  | { readonly type: 'paragraph'; readonly content: readonly RichInline[] }
  | { readonly type: 'heading'; readonly level: 1 | 2 | 3 | 4 | 5 | 6; readonly content: readonly RichInline[] }
  | { readonly type: 'bulletList' | 'orderedList'; readonly items: readonly (readonly RichBlock[])[] }
  | { readonly type: 'codeBlock'; readonly text: string; readonly language?: string }
  | { readonly type: 'blockquote'; readonly content: readonly RichBlock[] }
  | { readonly type: 'table'; readonly rows: readonly { readonly header: boolean; readonly cells: readonly (readonly RichBlock[])[] }[] }
  | { readonly type: 'rule' };

export interface RichText {
  readonly type: 'doc';
  readonly content: readonly RichBlock[];
}

export const emptyRichText: RichText = { type: 'doc', content: [] };

/** Plain paragraphs, one per line block separated by blank lines. */
export function richTextFromPlain(text: string): RichText {
  const paragraphs = text.split(/\n{2,}/).filter((paragraph) => paragraph.length > 0);
  return {
    type: 'doc',
    content: paragraphs.map((paragraph) => ({
      type: 'paragraph',
      content: paragraph
        .split('\n')
        .flatMap((line, index): RichInline[] => (index === 0 ? [{ type: 'text', text: line }] : [{ type: 'hardBreak' }, { type: 'text', text: line }])),
    })),
  };
}

/** The words of a document, for searching, comparing and trackers without formatting. */
export function plainTextOf(document: RichText): string {
  return document.content.map(plainTextOfBlock).join('\n\n');
}

function plainTextOfBlock(block: RichBlock): string {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return block.content.map(plainTextOfInline).join('');
    case 'bulletList':
    case 'orderedList':
      return block.items.map((item, index) => `${block.type === 'bulletList' ? '-' : `${index + 1}.`} ${item.map(plainTextOfBlock).join('\n')}`).join('\n');
    case 'codeBlock':
      return block.text;
    case 'blockquote':
      return block.content.map(plainTextOfBlock).join('\n');
    case 'table':
      return block.rows.map((row) => row.cells.map((cell) => cell.map(plainTextOfBlock).join(' ')).join(' | ')).join('\n');
    case 'rule':
      return '---';
  }
}

function plainTextOfInline(inline: RichInline): string {
  switch (inline.type) {
    case 'text':
      return inline.text;
    case 'mention':
      return `@${inline.displayName}`;
    case 'hardBreak':
      return '\n';
  }
}

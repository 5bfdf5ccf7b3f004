import type { RichBlock, RichText } from '../../core';

/** The distinct emails of the people a document mentions, so each is looked up once before writing. */
export function mentionedEmails(document: RichText): readonly string[] {
  const emails = new Set<string>();
  const visit = (blocks: readonly RichBlock[]): void => {
    for (const block of blocks) {
      switch (block.type) {
        case 'paragraph':
        case 'heading':
          for (const inline of block.content) if (inline.type === 'mention' && inline.email !== undefined) emails.add(inline.email.toLowerCase());
          break;
        case 'bulletList':
        case 'orderedList':
          block.items.forEach(visit);
          break;
        case 'blockquote':
          visit(block.content);
          break;
        case 'table':
          block.rows.forEach((row) => row.cells.forEach(visit));
          break;
        default:
          break;
      }
    }
  };
  visit(document.content);
  return [...emails];
}

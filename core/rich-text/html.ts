import type { RichText } from './rich-text';
import { readHtml } from './html-reader';
import { writeHtml } from './html-writer';

/**
 * HTML ↔ RichText for the two trackers that store rich text as HTML.
 *
 * Azure DevOps (System.Description, comments, other HTML fields): any HTML is read tolerantly
 * (unclosed tags, optional end tags, entities, `<div>` or `<p>` paragraphs, `data-vss-mention`
 * mentions). What is lost reading it: images (their alt text stays), colours, fonts and other
 * styling, runs of spaces (they collapse as a browser shows them), empty lines. Writing: mentions
 * without an email become `<span data-mention>@Name</span>`; with one, a mailto link (Azure DevOps
 * only notifies for mentions made in its own editor, which carry an identity id we do not have).
 *
 * Asana html_notes / html_text (developers.asana.com/docs/rich-text): the root is `<body>`, there
 * is no paragraph element (a newline starts a new line), and the tag set is restricted. Lossy
 * there: a hard line break becomes a new paragraph; headings below level 2 become level 2; code
 * blocks lose their language; table header rows become ordinary rows; mentions without an email
 * become plain "@Name" text.
 *
 * Both flavours, both ways: a link whose scheme is not on the allow-list (link-target.ts), after the
 * attribute's character references are decoded as a browser decodes them, keeps its words only.
 */
export function richTextFromHtml(html: string): RichText {
  return readHtml(html, 'html');
}

export function richTextToHtml(document: RichText): string {
  return writeHtml(document, 'html');
}

/** Reads Asana's `html_notes` and `html_text` (a `<body>` root is optional). */
export function richTextFromAsanaHtml(html: string): RichText {
  return readHtml(html, 'asana');
}

/** Writes Asana's `html_notes` and `html_text`, always inside `<body>` as Asana requires. */
export function richTextToAsanaHtml(document: RichText): string {
  return writeHtml(document, 'asana');
}

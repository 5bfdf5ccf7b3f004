import type { RichBlock, RichInline, RichText } from './rich-text';
import { escapeHtmlAttribute, escapeHtmlText } from './html-tokenizer';
import type { HtmlFlavour } from './html-reader';
import { markOrder } from './html-reader';
import { safeLinkTarget } from './link-target';

const markTags = { bold: 'strong', italic: 'em', underline: 'u', strike: 's', code: 'code' } as const;

/**
 * RichText as HTML. `html` writes what the Azure DevOps editor writes (`<div>` paragraphs, full
 * tables); `asana` keeps to html_notes' tag set inside `<body>`: no paragraph element (lines are
 * separated by newlines), headings h1 and h2 only, tables of `tr`/`td` only, `pre` without a language.
 */
export function writeHtml(document: RichText, flavour: HtmlFlavour): string {
  if (flavour === 'html') return document.content.map(writeHtmlBlock).join('');
  return `<body>${writeAsanaBlocks(document.content)}</body>`;
}

function writeHtmlBlock(block: RichBlock): string {
  switch (block.type) {
    case 'paragraph':
      return `<div>${writeInlines(block.content, 'html')}</div>`;
    case 'heading':
      return `<h${block.level}>${writeInlines(block.content, 'html')}</h${block.level}>`;
    case 'bulletList':
    case 'orderedList': {
      const tag = block.type === 'bulletList' ? 'ul' : 'ol';
      return `<${tag}>${block.items.map((item) => `<li>${writeCell(item)}</li>`).join('')}</${tag}>`;
    }
    case 'codeBlock': {
      const language = block.language === undefined ? '' : ` class="language-${escapeHtmlAttribute(block.language)}"`;
      return `<pre><code${language}>${escapeHtmlText(block.text)}</code></pre>`;
    }
    case 'blockquote':
      return `<blockquote>${block.content.map(writeHtmlBlock).join('')}</blockquote>`;
    case 'table': {
      const rows = block.rows.map((row) => {
        const tag = row.header ? 'th' : 'td';
        return `<tr>${row.cells.map((cell) => `<${tag}>${writeCell(cell)}</${tag}>`).join('')}</tr>`;
      });
      return `<table><tbody>${rows.join('')}</tbody></table>`;
    }
    case 'rule':
      return '<hr>';
  }
}

/** A cell or list item holding one paragraph is written inline, as editors do. */
function writeCell(blocks: readonly RichBlock[]): string {
  const only = blocks[0];
  if (blocks.length === 1 && only?.type === 'paragraph') return writeInlines(only.content, 'html');
  return blocks.map(writeHtmlBlock).join('');
}

/** Paragraphs follow each other with a newline; other blocks are elements of their own. */
function writeAsanaBlocks(blocks: readonly RichBlock[]): string {
  let html = '';
  blocks.forEach((block, index) => {
    if (block.type === 'paragraph' && blocks[index - 1]?.type === 'paragraph') html += '\n';
    html += writeAsanaBlock(block);
  });
  return html;
}

function writeAsanaBlock(block: RichBlock): string {
  switch (block.type) {
    case 'paragraph':
      return writeInlines(block.content, 'asana');
    case 'heading': {
      // html_notes knows h1 and h2 only; smaller headings become h2 (lossy).
      const tag = block.level === 1 ? 'h1' : 'h2';
      return `<${tag}>${writeInlines(block.content, 'asana')}</${tag}>`;
    }
    case 'bulletList':
    case 'orderedList': {
      const tag = block.type === 'bulletList' ? 'ul' : 'ol';
      return `<${tag}>${block.items.map((item) => `<li>${writeAsanaBlocks(item)}</li>`).join('')}</${tag}>`;
    }
    case 'codeBlock':
      return `<pre>${escapeHtmlText(block.text)}</pre>`;
    case 'blockquote':
      return `<blockquote>${writeAsanaBlocks(block.content)}</blockquote>`;
    case 'table':
      // No header cells in html_notes: a header row becomes an ordinary row (lossy).
      return `<table>${block.rows.map((row) => `<tr>${row.cells.map((cell) => `<td>${writeAsanaBlocks(cell)}</td>`).join('')}</tr>`).join('')}</table>`;
    case 'rule':
      return '<hr/>';
  }
}

function writeInlines(inlines: readonly RichInline[], flavour: HtmlFlavour): string {
  return inlines.map((inline) => writeInline(inline, flavour)).join('');
}

function writeInline(inline: RichInline, flavour: HtmlFlavour): string {
  switch (inline.type) {
    case 'hardBreak':
      // Asana has no <br>: a line break is a newline, which reads back as a new paragraph (lossy).
      return flavour === 'asana' ? '\n' : '<br>';
    case 'mention': {
      const name = `@${escapeHtmlText(inline.displayName)}`;
      const address = inline.email === undefined ? undefined : mailtoAddress(inline.email);
      if (address !== undefined) return `<a href="mailto:${escapeHtmlAttribute(address)}">${name}</a>`;
      // Without an email there is nothing to link to; html_notes keeps no spans, so Asana shows the text.
      return flavour === 'asana' ? name : `<span data-mention="">${name}</span>`;
    }
    case 'text': {
      let html = escapeHtmlText(inline.text);
      const marks = markOrder.filter((mark) => inline.marks?.includes(mark));
      for (const mark of [...marks].reverse()) html = `<${markTags[mark]}>${html}</${markTags[mark]}>`;
      // A replica comes from another node and its scripts, so the link is checked again here.
      const href = inline.link === undefined ? undefined : safeLinkTarget(inline.link);
      if (href !== undefined) html = `<a href="${escapeHtmlAttribute(href)}">${html}</a>`;
      return html;
    }
  }
}

/**
 * The address percent-encoded (RFC 6068: `%`, `?`, `#` and spaces are not literal in a mailto URI),
 * so the reader's decoding gives back the same address; `@` stays readable. An address that is not
 * well-formed text (a lone surrogate) gets no link, and the mention is written as its name.
 */
function mailtoAddress(email: string): string | undefined {
  try {
    return encodeURIComponent(email).replace(/%40/g, '@');
  } catch {
    return undefined;
  }
}

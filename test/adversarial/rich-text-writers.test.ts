import fc from 'fast-check';
import { richTextFromAsanaHtml, richTextFromHtml, richTextToAsanaHtml, richTextToHtml, type RichText } from '../../core';

/**
 * What the HTML writers put into Azure DevOps' and Asana's HTML fields is markup the tracker's
 * page renders. A code block or a text run written without escaping lets a synced description
 * close its element and open a script, so the writers are attacked with markup in every place
 * text goes. (The converters' own tests and properties live beside them in core/rich-text.)
 */
const hostile = '</code></pre><img src=x onerror="alert(1)"><script>alert(2)</script>&amp;';
const writers = [
  ['Azure DevOps HTML', richTextToHtml, richTextFromHtml],
  ['Asana html_notes', richTextToAsanaHtml, richTextFromAsanaHtml],
] as const;

/** Elements in written HTML: only the writer's own may appear, never one from the text. */
function elementNames(html: string): string[] {
  return [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)/g)].map((match) => match[1]!.toLowerCase());
}

describe.each(writers)('%s writer', (_name, write, read) => {
  it.each<[string, RichText]>([
    ['a code block', { type: 'doc', content: [{ type: 'codeBlock', text: hostile }] }],
    ['a code block with a language', { type: 'doc', content: [{ type: 'codeBlock', text: hostile, language: 'html' }] }],
    ['a paragraph', { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: hostile }] }] }],
    ['inline code', { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: hostile, marks: ['code'] }] }] }],
    ['a heading', { type: 'doc', content: [{ type: 'heading', level: 1, content: [{ type: 'text', text: hostile }] }] }],
  ])('escapes markup in %s, and reads the same text back', (_where, document) => {
    const html = write(document);
    expect(elementNames(html)).not.toEqual(expect.arrayContaining(['img', 'script']));
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(JSON.stringify(read(html))).toContain(JSON.stringify(hostile).slice(1, -1));
  });

  it('writes any code block text as text: it reads back unchanged and opens no element', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'<>&"\'/ab =\n'), minLength: 1, maxLength: 40 }).filter((text) => text.trim() !== ''),
        (text) => {
          const html = write({ type: 'doc', content: [{ type: 'codeBlock', text }] });
          expect(elementNames(html).filter((name) => !['pre', 'code', 'body'].includes(name))).toEqual([]);
          const back = read(html).content[0];
          expect(back).toMatchObject({ type: 'codeBlock' });
          expect((back as { text: string }).text.trim()).toBe(text.trim());
        },
      ),
      { numRuns: 200 },
    );
  });
});

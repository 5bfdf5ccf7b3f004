import fc from 'fast-check';
import { adfToRichText, richTextToAdf, type AdfNode } from './adf';
import { safeLinkTarget } from './link-target';
import {
  documentArbitrary,
  everyShape,
  hostileFragments,
  hostileSafeLinkArbitrary,
  safeLinkArbitrary,
  textArbitrary,
  type DocumentShape,
} from './rich-text-arbitraries';

const runs = { numRuns: 150 };
/** ADF lets `code` combine with `link` only, and a mention needs an account id (here: every email has one). */
const adfShape: DocumentShape = { ...everyShape, mentionsWithoutEmail: false, codeCombinesWithMarks: false };
const accountIdOf = (mention: { readonly email?: string }): string | undefined => (mention.email === undefined ? undefined : `account:${mention.email}`);
const emailOfAccount = (accountId: string): string | undefined => (accountId.startsWith('account:') ? accountId.slice('account:'.length) : undefined);

function linkTargetsOf(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(linkTargetsOf);
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  const own = record['type'] === 'link' ? [String((record['attrs'] as Record<string, unknown> | undefined)?.['href'])] : [];
  return [...own, ...Object.values(record).flatMap(linkTargetsOf)];
}

const anyTarget = fc.oneof(
  safeLinkArbitrary,
  hostileSafeLinkArbitrary,
  textArbitrary(everyShape),
  fc.string(),
  fc.constantFrom('javascript:alert(1)', '\u0000 JAVA\nSCRIPT:x', 'data:text/html,<script>'),
);

describe('Jira Cloud ADF, for any document', () => {
  it('survives a round trip (writer, then reader) unchanged', () => {
    fc.assert(
      fc.property(documentArbitrary(adfShape), (document) => {
        expect(adfToRichText(richTextToAdf(document, { accountIdOf }), { emailOfAccount })).toEqual(document);
      }),
      runs,
    );
  });

  it('writes a link mark only for a target on the allow-list', () => {
    fc.assert(
      fc.property(fc.constantFrom(...hostileFragments), anyTarget, (words, target) => {
        const adf = richTextToAdf({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: words, link: target }] }] });

        expect(linkTargetsOf(adf)).toEqual(safeLinkTarget(target) === undefined ? [] : [safeLinkTarget(target)]);
        expect(adf.content[0]?.content?.[0]?.text).toBe(words);
      }),
      runs,
    );
  });

  it('reads a link or inline card only for a target on the allow-list, and keeps the words', () => {
    fc.assert(
      fc.property(fc.constantFrom(...hostileFragments), anyTarget, (words, target) => {
        const jiraSent: AdfNode = {
          type: 'doc',
          content: [
            {
              type: 'paragraph',
              content: [
                { type: 'text', text: words, marks: [{ type: 'strong' }, { type: 'link', attrs: { href: target } }] },
                { type: 'inlineCard', attrs: { url: target } },
              ],
            },
          ],
        };
        const read = adfToRichText(jiraSent).content[0];
        const expectedLink = safeLinkTarget(target);
        const link = expectedLink === undefined ? {} : { link: expectedLink };

        expect(read).toEqual({
          type: 'paragraph',
          content: [{ type: 'text', text: words, marks: ['bold'], ...link }, ...(target === '' ? [] : [{ type: 'text', text: target, ...link }])],
        });
      }),
      runs,
    );
  });
});

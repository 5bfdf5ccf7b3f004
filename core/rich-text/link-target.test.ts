import fc from 'fast-check';
import { allowedLinkSchemes, safeLinkTarget } from './link-target';
import { hostileFragments, safeLinkArbitrary } from './rich-text-arbitraries';

const runs = { numRuns: 200 };
/** What the WHATWG URL parser skips or drops before the scheme, and scheme-like words to build from. */
const ignoredByUrlParsers = ['\t', '\n', '\r', ' ', '\u0000', '\u0001', '\u001f', '\u000c'];
const schemeWords = [
  'javascript',
  'JavaScript',
  'vbscript',
  'data',
  'http',
  'https',
  'mailto',
  'file',
  'ftp',
  'java',
  'script',
  'jav',
  'ascript',
  '&#106;',
  '%6a',
  ':',
  '//',
  '/',
  '#',
];
const schemeLikeTarget = fc
  .array(fc.oneof(fc.constantFrom(...schemeWords), fc.constantFrom(...ignoredByUrlParsers), fc.constantFrom(...hostileFragments)), { maxLength: 8 })
  .map((parts) => parts.join(''));

/** The protocol a browser gives the link, by the WHATWG URL parser itself; undefined for a relative or broken one. */
function protocolInBrowser(target: string): string | undefined {
  try {
    return new URL(target).protocol;
  } catch {
    return undefined;
  }
}

describe('the link allow-list', () => {
  it('keeps a link only when a browser would read an allowed scheme from it', () => {
    fc.assert(
      fc.property(fc.oneof(schemeLikeTarget, fc.string(), safeLinkArbitrary), (target) => {
        const kept = safeLinkTarget(target);
        const protocol = protocolInBrowser(target);

        if (kept !== undefined) {
          // A kept link the URL parser cannot read (`https:` without a host) is one no browser follows;
          // any other is read with an allowed scheme.
          if (protocol === undefined) expect(allowedLinkSchemes).toContain(kept.slice(0, kept.indexOf(':')).toLowerCase());
          else expect(allowedLinkSchemes.map((scheme) => `${scheme}:`)).toContain(protocol);
        }
        if (protocol === 'javascript:' || protocol === 'data:' || protocol === 'vbscript:') expect(kept).toBeUndefined();
      }),
      runs,
    );
  });

  it('keeps a link with an allowed scheme and nothing after it, which no browser follows', () => {
    expect([safeLinkTarget('https:'), protocolInBrowser('https:')]).toEqual(['https:', undefined]);
  });

  it('keeps what it keeps unchanged on a second pass, and to a browser the same address', () => {
    fc.assert(
      fc.property(fc.oneof(schemeLikeTarget, safeLinkArbitrary), (target) => {
        const kept = safeLinkTarget(target);
        if (kept === undefined) return;

        expect(safeLinkTarget(kept)).toBe(kept);
        // A kept link the URL parser cannot read (`https://` without a host) is one no browser follows.
        if (protocolInBrowser(target) !== undefined) expect(new URL(kept).href).toBe(new URL(target).href);
      }),
      runs,
    );
  });

  it('keeps every http, https and mailto link as it is', () => {
    fc.assert(
      fc.property(safeLinkArbitrary, (target) => {
        expect(safeLinkTarget(target)).toBe(target);
      }),
      runs,
    );
  });

  it('reads the scheme in ASCII letters, in any case', () => {
    expect(safeLinkTarget('HTTP\u212A://x')).toBeUndefined();
    expect(safeLinkTarget('ma\u0130lto:x@example.com')).toBeUndefined();
    expect(safeLinkTarget('MAILTO:ops@acme.example')).toBe('MAILTO:ops@acme.example');
  });

  it('cleans a kept link as the URL parser does: edges trimmed, tabs and newlines removed', () => {
    expect(safeLinkTarget(' \u0000https://acme.example/a\tb\nc \u001f')).toBe('https://acme.example/abc');
  });
});

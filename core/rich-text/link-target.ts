/**
 * The one check every link passes before it enters or leaves the neutral model, in every converter
 * and both directions: a link reaches the other tracker only when it names one of these schemes.
 *
 * Why these three: they are what all four trackers link to and what a reader can follow from any
 * machine. Each tracker allows more on its own (Jira Cloud's editor also ftp, file, tel, ssh and app
 * schemes, `@atlaskit/adf-schema` `isSafeUrl`; Jira's wiki notation help shows ftp and file), but
 * browsers dropped ftp (Chrome 95, Firefox 90) and file points at the reader's own disk, so neither
 * means anything on the other side. `javascript:`, `vbscript:` and `data:` run code or show content
 * of the link's choosing in the reader's browser; an allow-list refuses them and any scheme made up
 * tomorrow.
 *
 * Relative links (`/browse/ABC-1`, `#section`, `//host/path`, `page.html`) are refused too: they
 * resolve against the tracker they were written in, which the converters do not know, and in the
 * other tracker would point at a page of its own site. Their words stay.
 *
 * A refused link keeps its text: the converters drop only the target, never what the user wrote.
 */
export const allowedLinkSchemes: readonly string[] = ['http', 'https', 'mailto'];

/**
 * What the WHATWG URL parser ignores before it reads a scheme (url.spec.whatwg.org, "basic URL
 * parser"): it strips leading and trailing C0 controls and spaces, and removes every ASCII tab and
 * newline anywhere. So `\u0001 java\tscript:` is a `javascript:` URL to a browser, and so to us.
 */
const edgeControlsAndSpaces = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g;
const tabsAndNewlines = /[\t\n\r]/g;
/**
 * A scheme is a letter followed by letters, digits, `+`, `-` and `.` (RFC 3986 section 3.1). No
 * encoded character can be part of one: `&#106;avascript:`, `%6Aavascript:` and `javascript&colon;`
 * have no scheme at all, so they read as relative links and are refused with them, and no later
 * decoding (a renderer's, a browser's) can turn a kept link's scheme into another.
 */
const schemePrefix = /^([A-Za-z][A-Za-z0-9+.-]*):/;
/**
 * The link to keep, cleaned as a browser would read it, or `undefined` when it must not cross.
 * Idempotent: a kept link passes again unchanged.
 */
export function safeLinkTarget(href: string): string | undefined {
  const cleaned = cleanLikeUrlParser(href);
  const scheme = schemeOf(cleaned);
  return scheme !== undefined && allowedLinkSchemes.includes(scheme) ? cleaned : undefined;
}

function cleanLikeUrlParser(href: string): string {
  return href.replace(tabsAndNewlines, '').replace(edgeControlsAndSpaces, '');
}

function schemeOf(url: string): string | undefined {
  // ASCII letters only, then lower-cased (schemes are case-insensitive): a look-alike such as the
  // Kelvin sign, which String#toLowerCase turns into "k", is not a scheme character to a browser.
  return schemePrefix.exec(url)?.[1]?.toLowerCase();
}

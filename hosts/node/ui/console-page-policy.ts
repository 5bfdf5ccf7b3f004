import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';

export interface ConsolePagePolicy {
  /** Inline scripts the page carries, by their exact text (allowed by hash, nothing else inline). */
  readonly inlineScripts?: readonly string[];
  /** Origins besides the page's own that its scripts call (an admin API on another origin). */
  readonly connectOrigins?: readonly string[];
  /**
   * Who may show the page in a frame: empty for nobody. A console holds the admin's session (and in
   * the sandbox its token), so a page of another origin framing it could trick clicks (clickjacking).
   */
  readonly frameAncestors: readonly string[];
}

/** `'sha256-…'` of an inline script, as CSP Level 2 hashes it (the UTF-8 bytes of the element's text). */
export function inlineScriptHash(script: string): string {
  return `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;
}

/**
 * The Content-Security-Policy of a console page (W3C CSP Level 3): its own scripts only, calls to
 * its own origin and the admin API's, no plugins, no <base>, forms only to itself, and framing only
 * by the listed ancestors. Styles may be inline: Atlaskit's compiled styles and CodeMirror add
 * <style> elements at run time, and a style cannot run code.
 */
export function consolePagePolicy(policy: ConsolePagePolicy): string {
  const scripts = ["'self'", ...(policy.inlineScripts ?? []).map(inlineScriptHash)];
  const connect = ["'self'", ...new Set(policy.connectOrigins ?? [])];
  return [
    "default-src 'none'",
    `script-src ${scripts.join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${connect.join(' ')}`,
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
    `frame-ancestors ${policy.frameAncestors.length === 0 ? "'none'" : policy.frameAncestors.join(' ')}`,
  ].join('; ');
}

/**
 * Sets the policy on a page's answer, with X-Frame-Options for browsers that predate
 * frame-ancestors (it can only say DENY or SAMEORIGIN, so it is left out for other ancestors).
 */
export function applyConsolePagePolicy(reply: FastifyReply, policy: ConsolePagePolicy): FastifyReply {
  const ancestors = policy.frameAncestors;
  const legacyFrameOptions = ancestors.length === 0 ? 'DENY' : ancestors.length === 1 && ancestors[0] === "'self'" ? 'SAMEORIGIN' : undefined;
  if (legacyFrameOptions) void reply.header('x-frame-options', legacyFrameOptions);
  return reply
    .header('content-security-policy', consolePagePolicy(policy))
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin');
}

/** The origin of an absolute URL, or nothing for a path on the page's own origin. */
export function originOf(address: string): string[] {
  try {
    return [new URL(address).origin];
  } catch {
    return [];
  }
}

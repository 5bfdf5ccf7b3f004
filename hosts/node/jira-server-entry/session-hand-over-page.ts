import { escapeHtml } from '../ui/console-routes';
import { sessionHandOverMessageType } from '../ui/session-hand-over-message';

export interface SessionHandOverOptions {
  /** The console session Jira's entry just issued (`jds1.…`). */
  readonly session: string;
  readonly issueKey: string;
  /** The node's own origin: the only origin the session is posted to. */
  readonly nodeOrigin: string;
}

/**
 * The end of Jira's entry begun in an issue's Exalate panel. The panel is a frame inside Jira, where
 * browsers keep or drop third-party cookies as they please, so the entry ran in a top-level window the
 * panel opened. This page gives the session back to that panel with `window.opener.postMessage`,
 * addressed to the node's own origin (HTML Standard, "posting messages": the browser delivers it only
 * if the opener's document has that origin, so a page of another site that opened the entry gets
 * nothing), then closes itself. The panel keeps it for its tab, as the console does.
 */
export function renderSessionHandOverPage(options: SessionHandOverOptions): { readonly html: string; readonly script: string } {
  const json = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
  const signedIn = `You are signed in to Exalate. Go back to ${options.issueKey} in Jira; this window closes by itself.`;
  const orphaned = `You are signed in to Exalate, but the Jira issue that asked for it is no longer open. Open ${options.issueKey} in Jira again and choose "Sign in to Exalate" in its Exalate panel.`;
  const script = `(function () {
  var status = document.getElementById('hand-over-status');
  if (!window.opener || window.opener.closed) { status.textContent = ${json(orphaned)}; return; }
  window.opener.postMessage({ type: ${json(sessionHandOverMessageType)}, issueKey: ${json(options.issueKey)}, session: ${json(options.session)} }, ${json(options.nodeOrigin)});
  status.textContent = ${json(signedIn)};
  window.close();
})();`;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Exalate · signed in</title>
<style>body{font:14px/1.5 system-ui,sans-serif;margin:40px auto;max-width:520px;color:#172b4d}h1{font-size:20px;font-weight:500}</style></head>
<body><main><h1>Exalate</h1><p id="hand-over-status" role="status">${escapeHtml(signedIn)}</p></main>
<script>${script}</script></body></html>`;
  return { html, script };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

export interface SignInPage {
  readonly title: string;
  readonly message: string;
  /** The console page to go back to, when it is known. */
  readonly returnTo?: string | undefined;
  readonly isError: boolean;
}

/**
 * The small page the node answers the way back from Asana with when it cannot simply return the
 * browser to the console: a refused, reused or expired sign-in, or a denial. No script, nothing
 * from outside the page, and nothing of the request echoed but our own words.
 */
export function renderSignInPage(page: SignInPage): string {
  const link =
    page.returnTo === undefined
      ? '<p class="hint">Close this tab and go back to the Exalate console.</p>'
      : `<p><a class="button" href="${escapeHtml(page.returnTo)}">Back to the Exalate console</a></p>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(page.title)} · Exalate</title>
<style>
  body { margin: 0; font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Arial, sans-serif; color: #1e1f21; background: #f9f8f8; }
  main { max-width: 480px; margin: 80px auto; padding: 24px; background: #fff; border-radius: 8px; box-shadow: 0 1px 3px rgb(109 110 111 / 15%); }
  h1 { font-size: 20px; font-weight: 500; margin: 0 0 12px; }
  .message { padding: 8px 12px; border-radius: 6px; border: 1px solid #edeae9; background: #f9f8f8; }
  .message.error { border-color: #f9c6c6; background: #fde2e2; }
  .button { display: inline-block; margin-top: 8px; padding: 8px 12px; border-radius: 6px; background: #f06a6a; color: #1e1f21; font-weight: 500; text-decoration: none; }
  .button:focus-visible { outline: 2px solid #4573d2; outline-offset: 2px; }
  .hint { color: #6d6e6f; }
</style></head>
<body><main>
<h1>${escapeHtml(page.title)}</h1>
<p class="message${page.isError ? ' error' : ''}" role="${page.isError ? 'alert' : 'status'}">${escapeHtml(page.message)}</p>
${link}
</main></body></html>`;
}

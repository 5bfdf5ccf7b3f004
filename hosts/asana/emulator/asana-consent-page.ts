const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

export interface ConsentPage {
  readonly appName: string;
  readonly user: { readonly name: string; readonly email: string };
  /** Echoed back in hidden fields, so the form posts what the app asked for. */
  readonly request: Readonly<Record<'client_id' | 'redirect_uri' | 'response_type' | 'state', string>>;
  /** The form's target: `<prefix>/-/oauth_authorize`. */
  readonly action: string;
}

const asanaLogo =
  '<svg aria-hidden="true" width="40" height="40" viewBox="0 0 40 40"><circle cx="20" cy="11" r="7" fill="#f06a6a"/><circle cx="10" cy="27" r="7" fill="#f06a6a"/><circle cx="30" cy="27" r="7" fill="#f06a6a"/></svg>';

/** Asana's "Grant permission" page, small: the app, the signed-in user, Allow and Deny. */
export function renderConsentPage(page: ConsentPage): string {
  const hidden = Object.entries(page.request)
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`)
    .join('');
  const initials = page.user.name
    .split(/\s+/)
    .map((part) => part[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Asana - Grant permission</title>
<style>
  body { margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center; background: #f9f8f8;
    font: 14px/1.5 "TT Commons Pro", "Helvetica Neue", -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Arial, sans-serif; color: #1e1f21; }
  main { width: 100%; max-width: 440px; padding: 32px; background: #fff; border: 1px solid #edeae9; border-radius: 8px; box-shadow: 0 5px 20px rgb(109 110 111 / 15%); }
  .brand { display: flex; align-items: center; gap: 10px; font-size: 20px; font-weight: 500; margin-bottom: 24px; }
  h1 { font-size: 20px; font-weight: 500; margin: 0 0 16px; }
  .account { display: flex; align-items: center; gap: 12px; padding: 12px; border: 1px solid #edeae9; border-radius: 6px; margin-bottom: 16px; }
  .avatar { width: 32px; height: 32px; border-radius: 50%; background: #4573d2; color: #fff; display: grid; place-items: center; font-weight: 600; font-size: 12px; }
  .email { color: #6d6e6f; font-size: 12px; }
  ul { margin: 0 0 24px; padding-left: 20px; color: #1e1f21; }
  .actions { display: flex; justify-content: flex-end; gap: 8px; }
  button { min-height: 36px; padding: 0 16px; border-radius: 6px; font: inherit; font-weight: 500; cursor: pointer; }
  .deny { background: #fff; border: 1px solid #cfcbcb; color: #1e1f21; }
  .deny:hover { background: #f5f3f3; }
  .allow { background: #4573d2; border: 1px solid #4573d2; color: #fff; }
  .allow:hover { background: #3a64bd; }
  button:focus-visible { outline: 2px solid #4573d2; outline-offset: 2px; }
  .note { margin-top: 16px; color: #6d6e6f; font-size: 12px; }
</style></head>
<body><main>
<div class="brand">${asanaLogo}<span>asana</span></div>
<h1>${escapeHtml(page.appName)} would like to access your Asana account</h1>
<div class="account"><span class="avatar" aria-hidden="true">${escapeHtml(initials)}</span><div><div>${escapeHtml(page.user.name)}</div><div class="email">${escapeHtml(page.user.email)}</div></div></div>
<p>This app will be able to:</p>
<ul><li>See your name and email address</li><li>Read and change the tasks, projects and workspaces you can reach</li></ul>
<form method="post" action="${escapeHtml(page.action)}">${hidden}
<div class="actions"><button type="submit" name="decision" value="deny" class="deny">Deny</button><button type="submit" name="decision" value="allow" class="allow">Allow</button></div>
</form>
<p class="note">You can remove this app's access at any time in My settings → Apps.</p>
</main></body></html>`;
}

/** Asana's own error page for a request it cannot send back to the app (unknown client, bad redirect). */
export function renderOAuthErrorPage(message: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Asana - Error</title>
<style>body { font: 14px/1.5 "Helvetica Neue", Arial, sans-serif; color: #1e1f21; max-width: 480px; margin: 80px auto; } h1 { font-size: 20px; font-weight: 500; }</style>
</head><body><h1>Something went wrong</h1><p role="alert">${escapeHtml(message)}</p></body></html>`;
}

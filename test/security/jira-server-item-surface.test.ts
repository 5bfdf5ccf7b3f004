import { runInNewContext } from 'node:vm';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { inlineScriptHash } from '../../hosts/node/ui/console-page-policy';
import { JiraServerItemSignIn } from '../../hosts/node/ui/jira-server-item-sign-in';
import type { JiraServerEmulator } from '../../hosts/jira-server/emulator';
import { startJiraServerNodeWithEntry, type JiraServerNodeWithEntry } from '../support/jira-server-node-with-entry';

/**
 * The page the Jira DC plugin's issue panel frames (`{node}/jira-server/item?issueKey=…`): only the
 * Jira site the node serves may frame it, it carries no session and no data of the issue, and the
 * session a Jira administrator gets through the entry from that panel is handed only to a page of
 * the node's own origin.
 */
let running: JiraServerNodeWithEntry;
let emulator: JiraServerEmulator;
let origin = '';

beforeAll(async () => {
  running = await startJiraServerNodeWithEntry();
  ({ emulator, origin } = running);
});
afterAll(() => running?.close());

const directive = (policy: string, name: string) =>
  policy
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${name} `)) ?? '';

/** Follows the entry from the issue panel through Jira, in one browser signed in to Jira, up to the callback's answer. */
async function enterFromPanel(issueKey: string, jiraSession: string): Promise<Response> {
  const cookies = [`JSESSIONID=${jiraSession}`];
  const open = async (url: string) => {
    const answer = await fetch(url, { redirect: 'manual', headers: { cookie: cookies.join('; ') } });
    for (const set of answer.headers.getSetCookie()) cookies.push((set.split(';')[0] ?? '').trim());
    return answer;
  };
  const entry = await open(`${origin}/jira-server/enter?page=item&issueKey=${encodeURIComponent(issueKey)}`);
  expect(entry.status).toBe(302);
  const authorized = await open(entry.headers.get('location') ?? '');
  expect(authorized.status).toBe(302);
  return open(authorized.headers.get('location') ?? '');
}

/** Runs the callback page's script as a browser would, with the window that opened it recorded. */
function runHandOver(
  html: string,
  opener: { closed: boolean; postMessage: (message: unknown, targetOrigin: string) => void } | null,
): { closed: boolean; status: string } {
  const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
  const status = { textContent: '' };
  const window = {
    opener,
    closed: false,
    close() {
      this.closed = true;
    },
  };
  runInNewContext(script, { window, document: { getElementById: (id: string) => (id === 'hand-over-status' ? status : null) } });
  return { closed: window.closed, status: status.textContent };
}

describe('the issue panel page', () => {
  it('answers 200 and lets only the Jira site the node serves frame it', async () => {
    const answer = await fetch(`${origin}/jira-server/item?issueKey=SUP-1`);
    expect(answer.status).toBe(200);
    const policy = answer.headers.get('content-security-policy') ?? '';
    expect(directive(policy, 'frame-ancestors')).toBe(`frame-ancestors ${new URL(running.jiraUrl).origin}`);
    expect(policy).not.toContain('*');
    // X-Frame-Options cannot name another origin; DENY would stop Jira from showing the panel.
    expect(answer.headers.get('x-frame-options')).toBeNull();
    // Its own scripts only: the configuration by hash, the bundle from the node.
    expect(directive(policy, 'script-src')).toMatch(/^script-src 'self' 'sha256-[\w+/=]+'$/);
  });

  it('carries no session and no data of the issue; the admin API gives nothing without a session', async () => {
    const html = await (await fetch(`${origin}/jira-server/item?issueKey=SUP-1`)).text();
    expect(html).not.toMatch(/Bearer|jds1\.|adminToken|summary/i);
    expect(html).toContain('/jira-server/enter?page=item&issueKey=SUP-1');
    const withoutSession = await fetch(`${origin}/api/v1/items/SUP-1`);
    expect(withoutSession.status).toBe(401);
    // What the panel shows without a session: one way in, and who it is for.
    const markup = renderToStaticMarkup(
      createElement(JiraServerItemSignIn, {
        issueKey: 'SUP-1',
        entryUrl: '/jira-server/enter?page=item&issueKey=SUP-1',
        message: null,
        onSession: () => undefined,
      }),
    );
    expect(markup.match(/<button[^>]*>[^<]*<\/button>/g)).toEqual(['<button type="button" class="button button-primary">Sign in to Exalate</button>']);
    expect(markup).toContain('Only Jira administrators');
    expect(markup).not.toMatch(/Synchronized|Unexalate|Sync now/);
  });

  it('refuses an address without a well-formed issue key, clearly', async () => {
    for (const query of ['', '?issueKey=', '?issueKey=%3Cscript%3E', '?issueKey=sup-1', '?issueKey=SUP-1%22']) {
      const answer = await fetch(`${origin}/jira-server/item${query}`);
      expect(answer.status).toBe(400);
      expect(await answer.text()).toContain('Open an issue in Jira');
    }
    const entry = await fetch(`${origin}/jira-server/enter?page=item&issueKey=%3Cx%3E`, { redirect: 'manual' });
    expect(entry.status).toBe(400);
    expect(entry.headers.get('location')).toBeNull();
  });
});

describe('the entry from the issue panel', () => {
  it("hands the session to the panel that opened it, addressed to the node's own origin only", async () => {
    const callback = await enterFromPanel('SUP-1', emulator.state.oauth.signIn(emulator.state.account.name));
    expect(callback.status).toBe(200);
    const html = await callback.text();
    const policy = callback.headers.get('content-security-policy') ?? '';
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(directive(policy, 'script-src')).toBe(`script-src 'self' ${inlineScriptHash(script)}`);
    expect(directive(policy, 'frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(callback.headers.get('cache-control')).toBe('no-store');

    const posted: { message: unknown; targetOrigin: string }[] = [];
    const outcome = runHandOver(html, { closed: false, postMessage: (message, targetOrigin) => posted.push({ message, targetOrigin }) });
    expect(posted).toHaveLength(1);
    expect(posted[0]?.targetOrigin).toBe(origin);
    expect(outcome.closed).toBe(true);
    const message = posted[0]?.message as { type: string; issueKey: string; session: string };
    expect(message).toMatchObject({ type: 'exalate-jira-server-session', issueKey: 'SUP-1' });
    // The session handed over is one the admin API accepts.
    expect((await fetch(`${origin}/api/v1/items/SUP-1`, { headers: { authorization: `Bearer ${message.session}` } })).status).not.toBe(401);
  });

  it('says what to do when the panel that asked is gone, and posts nothing', async () => {
    const callback = await enterFromPanel('SUP-2', emulator.state.oauth.signIn(emulator.state.account.name));
    const outcome = runHandOver(await callback.text(), null);
    expect(outcome.closed).toBe(false);
    expect(outcome.status).toContain('Open SUP-2 in Jira again');
  });
});

import { entriesPerAddress } from '../../hosts/node/jira-server-entry/entry-routes';
import { entrySessionLifetimeMs } from '../../hosts/node/jira-server-entry/entry-sessions';
import { ManualClock } from '../fakes/manual-clock';
import type { JiraServerEmulator } from '../../hosts/jira-server/emulator';
import { startJiraServerNodeWithEntry, type JiraServerNodeWithEntry } from '../support/jira-server-node-with-entry';

/**
 * A Jira administrator opening Exalate from Jira's Manage apps gets into the console without a
 * pasted token, because Jira's OAuth 2.0 provider tells the node who is coming
 * (hosts/node/jira-server-entry/). An attacker may forge each part the browser carries (the code,
 * the state, the session token), replay a used answer, finish an entry in another browser, or be
 * a Jira user who is not an administrator: each is refused and opens nothing.
 */
const clock = new ManualClock(Date.now());
let running: JiraServerNodeWithEntry;
let emulator: JiraServerEmulator;
let origin = '';

beforeAll(async () => {
  running = await startJiraServerNodeWithEntry({ clock });
  ({ emulator, origin } = running);
});
afterAll(() => running?.close());

/** One browser: it keeps the cookies each site set, and follows nothing by itself. */
class Browser {
  readonly #cookies = new Map<string, string>();
  constructor(jiraSession?: string) {
    if (jiraSession !== undefined) this.#cookies.set('JSESSIONID', jiraSession);
  }
  async open(url: string): Promise<{ status: number; location: string; text: string }> {
    const cookie = [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const answer = await fetch(url, { redirect: 'manual', headers: cookie === '' ? {} : { cookie } });
    for (const set of answer.headers.getSetCookie()) {
      const [pair] = set.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (name) this.#cookies.set(name, value.join('='));
    }
    return { status: answer.status, location: answer.headers.get('location') ?? '', text: await answer.text() };
  }
}

/** Opens Exalate → Connections from Jira and follows the redirects to the node's callback, which it returns unopened. */
async function throughJira(browser: Browser): Promise<string> {
  const entry = await browser.open(`${origin}/jira-server/enter?page=connections`);
  expect(entry.status).toBe(302);
  expect(entry.location.startsWith(`${running.jiraUrl}/rest/oauth2/latest/authorize?`)).toBe(true);
  const authorized = await browser.open(entry.location);
  expect(authorized.status).toBe(302);
  return authorized.location;
}

const sessionOf = (location: string) => decodeURIComponent(/#exalate-session=([^&]+)/.exec(location)?.[1] ?? '');
const connections = (token: string) => fetch(`${origin}/api/v1/connections`, { headers: { authorization: `Bearer ${token}` } });

describe("entry from Jira's Manage apps", () => {
  it('lets a Jira administrator in: the console opens on the page chosen, and its session calls the admin API', async () => {
    const browser = new Browser(emulator.state.oauth.signIn('admin'));
    const landed = await browser.open(await throughJira(browser));
    expect(landed.status).toBe(302);
    expect(landed.location).toMatch(new RegExp(`^${origin}/console/#exalate-session=jds1\\.[^&]+&page=connections$`));
    expect((await connections(sessionOf(landed.location))).status).toBe(200);
  });

  it('refuses a replayed answer from Jira, even in the browser that used it', async () => {
    const browser = new Browser(emulator.state.oauth.signIn('admin'));
    const callback = await throughJira(browser);
    expect((await browser.open(callback)).status).toBe(302);
    const replayed = await browser.open(callback);
    expect(replayed.status).toBe(400);
    expect(replayed.text).toContain('used already');
    expect(replayed.location).toBe('');
  });

  it('refuses a forged code: Jira does not know it, and nothing opens', async () => {
    const browser = new Browser(emulator.state.oauth.signIn('admin'));
    const callback = new URL(await throughJira(browser));
    callback.searchParams.set('code', 'a-code-an-attacker-made-up');
    const forged = await browser.open(callback.toString());
    expect(forged.status).toBe(400);
    expect(forged.text).toContain('Jira did not accept the answer');
  });

  it('refuses a forged state, and an answer finished in another browser (login CSRF)', async () => {
    const victim = new Browser(emulator.state.oauth.signIn('admin'));
    const callback = new URL(await throughJira(victim));
    const madeUp = new URL(callback);
    madeUp.searchParams.set('state', 'a-state-the-node-never-made');
    expect((await victim.open(madeUp.toString())).status).toBe(400);
    // The attacker's own browser, with the victim's answer but not the victim's cookie.
    const attacker = new Browser();
    const stolen = await attacker.open(callback.toString());
    expect(stolen.status).toBe(400);
    expect(stolen.text).toContain('started in another browser');
  });

  it('refuses a Jira user who is not a Jira administrator, saying which permission is missing', async () => {
    const browser = new Browser(emulator.state.oauth.signIn('ssupport'));
    const refused = await browser.open(await throughJira(browser));
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('Exalate is for Jira administrators');
    expect(refused.text).toContain('(ssupport)');
    expect(refused.location).toBe('');
  });

  it('refuses forged, altered and expired session tokens at the admin API', async () => {
    const browser = new Browser(emulator.state.oauth.signIn('admin'));
    const token = sessionOf((await browser.open(await throughJira(browser))).location);
    const [, claims = '', mac = ''] = token.split('.');
    const forgedClaims = Buffer.from(JSON.stringify({ user: 'admin', displayName: 'Admin', expiresAt: Date.now() + 3_600_000 })).toString('base64url');
    const altered = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as Record<string, unknown>;
    const alteredClaims = Buffer.from(JSON.stringify({ ...altered, user: 'someone-else' })).toString('base64url');
    for (const presented of [`jds1.${forgedClaims}.${mac}`, `jds1.${alteredClaims}.${mac}`, `jds1.${claims}.${mac.slice(1)}x`, 'jds1.garbage']) {
      const refused = await connections(presented);
      expect([presented, refused.status]).toEqual([presented, 401]);
    }
    clock.advance(entrySessionLifetimeMs + 1);
    const expired = await connections(token);
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { error: { message: string } }).error.message).toContain('Open Exalate again from Jira');
  });
});

describe('what anyone can make the node spend by opening the entry', () => {
  it('asks Jira for its address once a minute at most, and slows an address down after ten entries at once', async () => {
    const jiraCalls: string[] = [];
    const ownClock = new ManualClock(Date.now());
    const own = await startJiraServerNodeWithEntry({ clock: ownClock, trackerFetch: (input, init) => (jiraCalls.push(String(input)), fetch(input, init)) });
    try {
      const open = () => fetch(`${own.origin}/jira-server/enter?page=connections`, { redirect: 'manual' });
      expect((await open()).status).toBe(302);
      const callsForFirstEntry = jiraCalls.length;
      expect(callsForFirstEntry).toBeGreaterThan(0);
      for (let entry = 2; entry <= entriesPerAddress.capacity; entry++) expect((await open()).status).toBe(302);
      expect(jiraCalls).toHaveLength(callsForFirstEntry);

      const refused = await open();
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await refused.text()).toContain('open it again from Jira');
      expect(jiraCalls).toHaveLength(callsForFirstEntry);

      ownClock.advance(60_000);
      expect((await open()).status).toBe(302);
      expect(jiraCalls.length).toBeGreaterThan(callsForFirstEntry);
    } finally {
      await own.close();
    }
  });
});

import type { RunningSandbox } from '../scripts/sandbox/create-sandbox';
import type { SandboxDescription, SandboxInstanceDescription } from '../scripts/sandbox/sandbox-description';
import { adminClient, instanceOf } from './support/sandbox-client';
import { startTestSandbox } from './support/test-sandbox';
import { waitFor } from './support/wait-for';

jest.setTimeout(60_000);

/** A newcomer tries sync in the browser alone: project pages that list and create items, item pages that edit them. */
describe('the sandbox: project pages and item pages', () => {
  let sandbox: RunningSandbox;
  let description: SandboxDescription;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    description = (await (await fetch(`${sandbox.baseUrl}/sandbox.json`)).json()) as SandboxDescription;
  });
  afterAll(() => sandbox.close());

  /** Posts a form as a browser on the sandbox's own page does, and follows nothing. */
  const post = (url: string, fields: Record<string, string>, origin = sandbox.baseUrl) =>
    fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
      body: new URLSearchParams(fields).toString(),
    });
  const itemPageOf = (instance: SandboxInstanceDescription, key: string) => instance.itemPage.replace('{key}', encodeURIComponent(key));

  it("publishes an item page with {key} for every instance, and links each instance's projects from the home page", async () => {
    const home = await (await fetch(sandbox.baseUrl)).text();
    for (const instance of description.instances) {
      expect(instance.itemPage).toBe(`${sandbox.baseUrl}/${instance.id}/items/{key}`);
      expect(home).toContain(`href="/${instance.id}/projects"`);
    }
  });

  it.each(['jira-cloud', 'azure-devops', 'asana'])(
    'creates an item from the %s project page, then changes its summary and comments on it through the tracker',
    async (id) => {
      const instance = instanceOf(description, id);
      const projects = await (await fetch(`${sandbox.baseUrl}/${id}/projects`)).text();
      const projectPage = /href="([^"]*\/projects\/[^"]+)"/.exec(projects)?.[1]?.replace(/&#38;/g, '&');
      expect(projectPage).toBeDefined();

      const created = await post(`${projectPage}/items`, { summary: 'Tried in the browser' });
      expect(created.status).toBe(303);
      const itemUrl = created.headers.get('location') ?? '';
      const key = decodeURIComponent(itemUrl.split('/items/')[1] ?? '');
      expect(itemUrl).toBe(itemPageOf(instance, key));
      expect(await (await fetch(projectPage!)).text()).toContain('Tried in the browser');

      expect((await post(`${itemUrl}/summary`, { summary: 'Renamed in the browser' })).status).toBe(303);
      expect((await post(`${itemUrl}/comments`, { comment: 'A first comment' })).status).toBe(303);
      const page = await (await fetch(itemUrl)).text();
      expect(page).toContain('Renamed in the browser');
      expect(page).toContain('A first comment');
      // The writes went through the tracker's REST API: the instance's node reads them there.
      const surface = await adminClient(instance)('GET', `/items/${encodeURIComponent(key)}`);
      expect(surface.body).toEqual({ itemKey: key, twins: [] });
    },
  );

  it("changes a Jira issue's status through its workflow, and says so when the workflow has no way there", async () => {
    const instance = instanceOf(description, 'jira-cloud');
    const created = await post(`${sandbox.baseUrl}/jira-cloud/projects/SUP/items`, { summary: 'Status walk' });
    const itemUrl = created.headers.get('location') ?? '';

    const moved = await post(`${itemUrl}/status`, { status: 'Done' });
    const refused = await post(`${itemUrl}/status`, { status: 'Nowhere' });

    expect(decodeURIComponent(moved.headers.get('location') ?? '')).toContain('notice=Status changed.');
    expect(decodeURIComponent(refused.headers.get('location') ?? '')).toContain('cannot move');
    const key = decodeURIComponent(itemUrl.split('/items/')[1] ?? '');
    await waitFor('the status to read Done', async () => (await fetch(itemPageOf(instance, key))).text().then((page) => page.includes('Done')));
  });

  it('refuses a form posted from another site, and an empty summary changes nothing', async () => {
    const created = await post(`${sandbox.baseUrl}/jira-cloud/projects/SUP/items`, { summary: 'Guarded' });
    const itemUrl = created.headers.get('location') ?? '';

    const foreign = await post(`${itemUrl}/summary`, { summary: 'Hijacked' }, 'https://evil.example');
    const empty = await post(`${itemUrl}/summary`, { summary: '   ' });

    expect(foreign.status).toBe(403);
    expect(decodeURIComponent(empty.headers.get('location') ?? '')).toContain('Enter a summary first.');
    const page = await (await fetch(itemUrl)).text();
    expect(page).toContain('Guarded');
    expect(page).not.toContain('Hijacked');
  });

  it("leads a remote item's address in its tracker (the item surface's link) to the item page", async () => {
    for (const [id, path] of [
      ['jira-cloud', '/browse/SUP-1'],
      ['azure-devops', '/_workitems/edit/7'],
      ['asana', '/0/0/1200000000000001'],
    ] as const) {
      const instance = instanceOf(description, id);
      const followed = await fetch(`${instance.trackerApi}${path}`, { redirect: 'manual' });
      expect([id, followed.status, followed.headers.get('location')]).toEqual([id, 302, itemPageOf(instance, path.split('/').pop() ?? '')]);
    }
  });

  it('answers 404 with a way back for an item the tracker does not have', async () => {
    const missing = await fetch(itemPageOf(instanceOf(description, 'jira-cloud'), 'SUP-99999'));
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('See the projects');
  });
});

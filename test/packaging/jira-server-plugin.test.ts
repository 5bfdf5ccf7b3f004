import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { readDeployConfiguration } from '../../scripts/deploy-configuration';
import { packageJiraServer } from '../../scripts/package-jira-server';

/**
 * dist/jira-server: the jar Jira's Manage apps → Upload app takes, read back with unzip as Jira
 * reads it (a zip with atlassian-plugin.xml at its root), and its descriptor checked for what Jira
 * administrators and issue viewers will meet: the plugin key, the admin section and who sees it, and
 * the issue panel framing the node.
 */
const nodeUrl = 'https://exalate.acme.example/node';
let scratch = '';
let jar = '';

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'exalate-jira-server-package-'));
  const configuration = readDeployConfiguration({ JIRA_SERVER_NODE_URL: `${nodeUrl}/` }, '0.1.0');
  jar = packageJiraServer(join(scratch, 'jira-server'), configuration, '0.1.0');
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const entry = (name: string) => execFileSync('unzip', ['-p', jar, name], { encoding: 'utf8' });
/** Each element `<tag …>…</tag>` (or self-closed) of the descriptor, with its attributes and body. */
function elements(xml: string, tag: string): { attributes: Record<string, string>; body: string }[] {
  return [...xml.matchAll(new RegExp(`<${tag}\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${tag}>)`, 'g'))].map((match) => ({
    attributes: Object.fromEntries([...(match[1] ?? '').matchAll(/([\w-]+)="([^"]*)"/g)].map((pair) => [pair[1] ?? '', pair[2] ?? ''])),
    body: match[2] ?? '',
  }));
}

describe('the Jira Server/DC plugin jar', () => {
  it('is a zip that unzip reads, with the descriptor at its root and every file the descriptor names', () => {
    expect(basename(jar)).toBe('exalate-jira-server-0.1.0.jar');
    execFileSync('unzip', ['-tq', jar]);
    const listing = execFileSync('unzip', ['-Z1', jar], { encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(listing).toEqual(['META-INF/MANIFEST.MF', 'atlassian-plugin.xml', 'templates/exalate-issue-panel.vm', 'exalate-node.json']);
    const named = [...entry('atlassian-plugin.xml').matchAll(/location="([^"]+\.(?:vm|json))"/g)].map((match) => match[1]);
    for (const file of named) expect(listing).toContain(file);
  });

  it("is this product's own plugin (org.exalate.open.jira), never another vendor's key, with the version packaged", () => {
    const descriptor = entry('atlassian-plugin.xml');
    const [plugin] = elements(descriptor, 'atlassian-plugin');
    expect(plugin?.attributes).toMatchObject({ key: 'org.exalate.open.jira', 'plugins-version': '2' });
    expect(elements(descriptor, 'version')[0]?.body).toBe('0.1.0');
    expect(descriptor).not.toMatch(/com\.exalate/);
  });

  it("adds an Exalate section to the Manage apps sidebar with the console's five pages, for Jira administrators only, each opening the node", () => {
    const descriptor = entry('atlassian-plugin.xml');
    const [section] = elements(descriptor, 'web-section');
    expect(section?.attributes).toMatchObject({ key: 'exalate-admin-section', location: 'admin_plugins_menu' });
    expect(section?.body).toContain('<label>Exalate</label>');
    expect(section?.body).toContain('<condition class="com.atlassian.jira.plugin.webfragment.conditions.UserIsAdminCondition"/>');
    const items = elements(descriptor, 'web-item');
    expect(items.map((item) => elements(item.body, 'label')[0]?.body)).toEqual(['Connections', 'Triggers', 'Sync queue', 'Errors', 'General settings']);
    for (const item of items) {
      expect(item.attributes['section']).toBe('admin_plugins_menu/exalate-admin-section');
      expect(item.body).toContain('<condition class="com.atlassian.jira.plugin.webfragment.conditions.UserIsAdminCondition"/>');
      expect(elements(item.body, 'link')[0]?.body).toMatch(new RegExp(`^${nodeUrl}/jira-server/enter\\?page=[a-z-]+$`));
    }
  });

  it("puts an Exalate panel on the issue view that frames the node's item surface for that issue", () => {
    const descriptor = entry('atlassian-plugin.xml');
    const [panel] = elements(descriptor, 'web-panel');
    expect(panel?.attributes).toMatchObject({ key: 'exalate-issue-panel', location: 'atl.jira.view.issue.right.context' });
    expect(elements(panel?.body ?? '', 'resource')[0]?.attributes).toEqual({ name: 'view', type: 'velocity', location: 'templates/exalate-issue-panel.vm' });
    expect(entry('templates/exalate-issue-panel.vm')).toContain(`<iframe title="Exalate" src="${nodeUrl}/jira-server/item?issueKey=$!{issue.key}"`);
  });

  it('says where its node is, in a downloadable web-resource a node can read from the Jira site', () => {
    const [resource] = elements(entry('atlassian-plugin.xml'), 'web-resource');
    expect(resource?.attributes['key']).toBe('exalate-node-location');
    expect(JSON.parse(entry('exalate-node.json'))).toEqual({ product: 'exalate-open', nodeUrl });
  });
});

describe('JIRA_SERVER_NODE_URL in the deploy configuration', () => {
  it.each([
    ['a query', 'https://exalate.acme.example/?x=1'],
    ['a user name', 'https://admin@exalate.acme.example'],
    ['another scheme', 'ftp://exalate.acme.example'],
    ['no scheme', 'exalate.acme.example'],
  ])('refuses a node URL with %s, naming what to fix', (_case, url) => {
    expect(() => readDeployConfiguration({ JIRA_SERVER_NODE_URL: url }, '0.1.0')).toThrow(
      /jiraServerNodeUrl: the Jira Server node URL is the node's public address/,
    );
  });
});

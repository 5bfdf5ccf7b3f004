import { ExalateError } from '../core';
import { notANodeError, siteNodeLocationPaths } from '../core/exchange/node-behind-site';
import { startEmulatorServer, type RunningEmulatorServer } from '../hosts/emulator-kit';
import { JiraServerAdapter } from '../hosts/jira-server/adapter';
import { createJiraServerEmulator, type JiraServerEmulator } from '../hosts/jira-server/emulator';
import { nodeLocationPath } from '../hosts/jira-server/plugin-addresses';
import { FakeTracker } from './fakes/fake-tracker';
import { startTestNode, type TestNode } from './support/test-node';

/**
 * "You can directly enter the link of that instance or the Exalate URL from the General Settings
 * tab": an admin who types a Jira Data Center's own address is taken to the node behind it (the
 * plugin says where it is); an address that says nothing gets what to type and where to find it,
 * never a bare "answered HTTP 404".
 */
let emulator: JiraServerEmulator;
let jira: RunningEmulatorServer;
let jiraNode: TestNode;
let initiator: TestNode;

beforeAll(async () => {
  emulator = createJiraServerEmulator();
  jira = await startEmulatorServer(emulator.routes, { prefix: '/jira' });
  jiraNode = await startTestNode({
    name: 'jira-dc-node',
    isPublic: true,
    tracker: new JiraServerAdapter({ baseUrl: jira.mountUrl, authorization: emulator.authorization }),
  });
  initiator = await startTestNode({ name: 'cloud-node', isPublic: true, tracker: new FakeTracker('jira-cloud') });
});
afterAll(async () => {
  await initiator?.close();
  await jiraNode?.close();
  await jira?.close();
});

describe("Destination Instance URL: a tracker's site rather than its node", () => {
  it('finds the node behind a Jira Data Center site where the plugin is installed, and initiates with it', async () => {
    emulator.state.installPlugin(jiraNode.nodeUrl ?? '');
    const inspected = await initiator.admin('POST', '/destinations/inspect', { url: jira.mountUrl });
    expect(inspected).toMatchObject({ status: 200, body: { nodeUrl: jiraNode.nodeUrl, tracker: 'jira-server' } });
    const initiated = await initiator.admin('POST', '/connections/initiate', {
      destinationUrl: jira.mountUrl,
      mode: 'script',
      localName: 'cloud',
      remoteName: 'dc',
      name: 'cloud_to_dc',
      projectKey: 'SUP',
    });
    expect(initiated.status).toBe(201);
    expect(initiated.body.connection.destination).toBe(jiraNode.nodeUrl);
  });

  it('says what to type and where to find it when the site does not say where its node is, and initiates nothing', async () => {
    const bare = createJiraServerEmulator();
    const site = await startEmulatorServer(bare.routes, { prefix: '/jira' });
    try {
      const refused = await initiator.admin('POST', '/destinations/inspect', { url: site.mountUrl });
      expect(refused).toMatchObject({ status: 400, body: { error: { code: 'destination_invalid' } } });
      expect(refused.body.error.message).toContain('does not answer as an Exalate node');
      expect(refused.body.error.message).toContain('General settings → "Exalate node URL"');
      expect(refused.body.error.message).not.toMatch(/answered HTTP \d+/);
    } finally {
      await site.close();
    }
  });

  it.each([
    ['a Jira Cloud site', 'https://acme.atlassian.net', 'Settings → Apps → Exalate → General settings'],
    ['an Azure DevOps organization', 'https://dev.azure.com/acme', 'Organization settings → Extensions → Exalate → General settings'],
    ['Asana', 'https://app.asana.com', 'Exalate console, General settings'],
  ])('tells an admin who typed %s where that tracker shows its Exalate URL', (_case, typed, where) => {
    const refusal = notANodeError(typed, new ExalateError('peer_invalid_response', 'answered HTTP 404'));
    expect(refusal.code).toBe('destination_invalid');
    expect(refusal.message).toContain(`${typed} is `);
    expect(refusal.message).toContain(where);
  });

  it("asks the site at the path the plugin's web-resource is served from", () => {
    expect(siteNodeLocationPaths).toContain(nodeLocationPath());
  });
});

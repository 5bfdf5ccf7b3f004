import { listModeNotices, listModeOptions, type LocalInstance } from '../core';
import { startEmulatorServer, type RunningEmulatorServer } from '../hosts/emulator-kit';
import { JiraServerAdapter } from '../hosts/jira-server/adapter';
import { createJiraServerEmulator, type JiraServerEmulator } from '../hosts/jira-server/emulator';
import { startTestNode, type TestNode } from './support/test-node';

/**
 * The fourth guide's mode step on a node whose Jira Data Center holds no licence of any kind for
 * Exalate: the mode step is fed by the node's own `GET /instance`, as every console feeds it, and
 * Script mode must be offered (this open edition needs none). Initiating in Script mode then works.
 */
describe.each([
  ["this product's plugin installed without a licence", 'org.exalate.open.jira', 'the app is installed with no licence'],
  ['no plugin of this product installed at all (UPM answers 404)', 'com.example.some-other-app', 'the app is not installed there'],
])('Jira DC with %s', (_case, installedAppKey, found) => {
  let emulator: JiraServerEmulator;
  let server: RunningEmulatorServer;
  let node: TestNode;

  beforeAll(async () => {
    emulator = createJiraServerEmulator({ seed: { appKey: installedAppKey, licence: 'none' } });
    server = await startEmulatorServer(emulator.routes, { prefix: '/jira' });
    node = await startTestNode({
      name: 'jira-dc-no-licence',
      isPublic: true,
      tracker: new JiraServerAdapter({ baseUrl: server.mountUrl, authorization: emulator.authorization }),
    });
  });
  afterAll(async () => {
    await node?.close();
    await server?.close();
  });

  it('offers Script mode on the mode step, and says what it asked Jira and what it found', async () => {
    const instance = await node.admin('GET', '/instance');
    expect(instance.body).toMatchObject({ tracker: 'jira-server', isPublic: true, licence: 'none' });
    const local: LocalInstance = {
      tracker: 'jira-server',
      isPublic: true,
      licence: instance.body.licence,
      licenceCheck: instance.body.licenceCheck,
      modes: instance.body.modes,
    };
    const options = listModeOptions(local, { tracker: 'jira-cloud', isPublic: true, modes: ['script'] });
    expect(options.find((option) => option.mode === 'script')).toEqual({ mode: 'script', label: 'Script', available: true });
    const notices = listModeNotices(local, { tracker: 'jira-cloud', isPublic: true, modes: ['script'] }, options);
    expect(notices).toContainEqual(expect.stringContaining("asked Jira's Manage apps (UPM) about org.exalate.open.jira"));
    expect(notices).toContainEqual(expect.stringContaining(found));
  });

  it('initiates a Script connection', async () => {
    const initiated = await node.admin('POST', '/connections/initiate', {
      destinationUrl: null,
      mode: 'script',
      localName: 'acme-dc',
      remoteName: 'partner',
      name: 'acme-dc_to_partner',
      projectKey: 'ENG',
    });
    expect(initiated.status).toBe(201);
    expect(initiated.body.invitationCode).toMatch(/^exa1\./);
  });
});

describe("Jira DC where Jira holds an expired licence for this product's plugin", () => {
  it("refuses Script mode with the guide's words and the way out", async () => {
    const emulator = createJiraServerEmulator({ seed: { licence: 'expired' } });
    const server = await startEmulatorServer(emulator.routes, { prefix: '/jira' });
    const node = await startTestNode({
      name: 'jira-dc-expired',
      isPublic: true,
      tracker: new JiraServerAdapter({ baseUrl: server.mountUrl, authorization: emulator.authorization }),
    });
    try {
      const refused = await node.admin('POST', '/connections/initiate', {
        destinationUrl: null,
        mode: 'script',
        localName: 'acme-dc',
        remoteName: 'partner',
        name: 'acme-dc_to_partner',
        projectKey: 'ENG',
      });
      expect(refused).toMatchObject({ status: 403, body: { error: { code: 'licence_required' } } });
      expect(refused.body.error.message).toMatch(/evaluation \(trial\) or paid licence.*has expired.*Renew it, or remove it in Manage apps/);
      expect((await node.admin('GET', '/connections')).body).toEqual([]);
    } finally {
      await node.close();
      await server.close();
    }
  });
});

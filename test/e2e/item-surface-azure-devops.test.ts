import type { FrameLocator, Page } from 'playwright-core';
import type { TrackerItemOperations } from '../../core';
import { AzureDevOpsAdapter } from '../../hosts/azure-devops/adapter';
import { itemSurfaceWords } from '../../hosts/console-kit/item-surface-words';
import { JiraCloudAdapter } from '../../hosts/jira-cloud/adapter';
import type { SandboxInstanceDescription } from '../../scripts/sandbox/sandbox-description';
import { adminClient } from '../support/sandbox-client';
import { waitFor } from '../support/wait-for';
import { expectAccessible } from './support/accessibility';
import { startBrowserSession, type BrowserSession } from './support/browser-session';
import { chooseRadioWithKeyboard, pressWithKeyboard, tabTo, typeWithKeyboard } from './support/keyboard';

/**
 * Exalate on the Azure DevOps work item, in Chromium, on the sandbox's work item form, for
 * Azure DevOps Services and the private Azure DevOps Server: the form group "Exalate" and the ⋯
 * menu's "Exalate" action run the unmodified bundles the vsix ships. A person with no mouse
 * exalates an unsynced work item, sees its twin's id as a link and Synchronized, sees a change
 * made on the twin arrive, unexalates it (later edits stop travelling, checked on both nodes'
 * state), and connects two existing work items. Every page is scanned by axe-core.
 */
jest.setTimeout(180_000);

/** The item surface's words, as the work item's group and dialog show them: controls are found by these names. */
const words = itemSurfaceWords('azure-devops');

/**
 * Each journey's other side: Azure DevOps Services syncs with Jira Cloud (a public peer), the
 * private Azure DevOps Server with Azure DevOps Services (it accepted Services' invitation).
 */
const journeys = [
  {
    title: 'Azure DevOps Services',
    localId: 'azure-devops',
    shots: 'azure-devops-item',
    remoteId: 'jira-cloud',
    remoteProject: 'SUP',
    connectionName: 'acme-ado_to_acme-jira',
  },
  {
    title: 'Azure DevOps Server',
    localId: 'azure-devops-private',
    shots: 'azure-devops-server-item',
    remoteId: 'azure-devops',
    remoteProject: 'Fabrikam Fiber',
    connectionName: 'acme-ado_to_partner-server',
  },
] as const;
let session: BrowserSession;

beforeAll(async () => {
  session = await startBrowserSession();
  // The connections are made through the admin API: the wizards have journeys of their own.
  const services = adminClient(session.instance('azure-devops'));
  const connect = async (
    name: string,
    destination: SandboxInstanceDescription | null,
    remoteName: string,
    remoteProject: string,
    acceptor: SandboxInstanceDescription,
  ) => {
    const initiated = await services('POST', '/connections/initiate', {
      destinationUrl: destination?.url ?? null,
      mode: 'script',
      localName: 'acme-ado',
      remoteName,
      name,
      projectKey: 'Fabrikam Fiber',
    });
    expect(initiated.status).toBe(201);
    expect(
      (await adminClient(acceptor)('POST', '/connections/accept', { invitationCode: initiated.body.invitationCode, projectKey: remoteProject })).status,
    ).toBe(201);
  };
  await connect('acme-ado_to_acme-jira', session.instance('jira-cloud'), 'acme-jira', 'SUP', session.instance('jira-cloud'));
  await connect('acme-ado_to_partner-server', null, 'partner-server', 'Fabrikam Fiber', session.instance('azure-devops-private'));
  await waitFor(
    'both connections Active',
    async () => (await services('GET', '/connections')).body.filter((connection: { status: string }) => connection.status === 'active').length === 2,
  );
});
afterAll(async () => {
  await session?.close();
});

/** The tracker as its users reach it (REST, with the sandbox's credentials), and the node's admin API. */
function sideOf(instance: SandboxInstanceDescription) {
  const options = { baseUrl: instance.trackerApi, authorization: instance.trackerAuth };
  const tracker: TrackerItemOperations = instance.tracker === 'jira-cloud' ? new JiraCloudAdapter(options) : new AzureDevOpsAdapter(options);
  return { instance, tracker, admin: adminClient(instance) };
}
type Side = ReturnType<typeof sideOf>;

/** The sandbox's work item form of one work item: `itemPage` with the work item id for `{key}`. */
function workItemPage(instance: SandboxInstanceDescription, key: string): string {
  return instance.itemPage.replace('{key}', encodeURIComponent(key));
}

const group = (page: Page): FrameLocator => page.frameLocator('iframe#work-item-group-frame');
const dialogFrame = (page: Page): FrameLocator => page.frameLocator('[role=dialog] iframe');

/** The work item's twins as the node answers `GET /items/{key}` (ARCHITECTURE §8). */
async function twinsOf(side: Side, key: string): Promise<{ connectionId: string; remoteKey: string | null; remoteUrl: string | null; status: string }[]> {
  const answer = await side.admin('GET', `/items/${encodeURIComponent(key)}`);
  expect(answer.status).toBe(200);
  return answer.body.twins;
}

/**
 * "Later edits no longer travel", without waiting for an absence: an edit of the unexalated item
 * is made first, then one of an item still in sync on the same connection; once that second edit
 * has crossed, the first had every chance to, and did not.
 */
async function expectEditStaysHome(
  from: Side,
  to: Side,
  unexalatedKey: string,
  formerTwinKey: string,
  marker: { readonly local: string; readonly remote: string },
  label: string,
): Promise<void> {
  const before = (await to.tracker.getItem(formerTwinKey))?.summary;
  await from.tracker.updateItem(unexalatedKey, { summary: `${label}: edited after Unexalate` });
  await from.tracker.updateItem(marker.local, { summary: `${label}: marker edited after it` });
  await waitFor(
    `the marker's edit on the other side (${label})`,
    async () => (await to.tracker.getItem(marker.remote))?.summary === `${label}: marker edited after it`,
    30_000,
  );
  expect((await to.tracker.getItem(formerTwinKey))?.summary).toBe(before);
  expect(await twinsOf(from, unexalatedKey)).toEqual([]);
  expect(await twinsOf(to, formerTwinKey)).toEqual([]);
}

/** An item synced through the API, whose edits show that the connection carries changes. */
async function syncedMarker(local: Side, remote: Side, connectionId: string, summary: string): Promise<{ local: string; remote: string }> {
  const { key } = await local.tracker.createItem({ projectKey: 'Fabrikam Fiber', type: 'Task', summary });
  expect((await local.admin('POST', `/connections/${connectionId}/sync`, { issueKey: key })).status).toBe(202);
  const remoteKey = await waitFor(
    `the twin of the marker ${key}`,
    async () => (await twinsOf(local, key)).find((twin) => twin.connectionId === connectionId && twin.status === 'synchronized')?.remoteKey ?? undefined,
    30_000,
  );
  expect((await remote.tracker.getItem(remoteKey))?.summary).toBe(summary);
  return { local: key, remote: remoteKey };
}

describe.each(journeys)('$title: Exalate on the work item form', ({ title, localId, shots, remoteId, remoteProject, connectionName }) => {
  const shot = (name: string) => `${shots}-${name}`;
  let local: Side;
  let remote: Side;
  /** The connection's id on this side's node. */
  let connectionId: string;
  let page: Page;
  beforeAll(async () => {
    local = sideOf(session.instance(localId));
    remote = sideOf(session.instance(remoteId));
    const connections: { id: string; name: string }[] = (await local.admin('GET', '/connections')).body;
    connectionId = connections.find((connection) => connection.name === connectionName)?.id ?? '';
    expect(connectionId).not.toBe('');
    page = await session.newPage();
  });

  it('exalates an unsynced work item by keyboard alone: Synchronized, the twin’s id as a link, the twin’s change shows here, and Unexalate stops later edits both ways', async () => {
    const marker = await syncedMarker(local, remote, connectionId, `${title}: marker`);
    const { key } = await local.tracker.createItem({ projectKey: 'Fabrikam Fiber', type: 'Bug', summary: `${title}: badge reader rejects new cards` });
    expect(await twinsOf(local, key)).toEqual([]);

    await page.goto(workItemPage(local.instance, key));
    await page.getByRole('heading', { name: `${title}: badge reader rejects new cards` }).waitFor();
    const surface = group(page);
    await surface.getByText(words.noTwins).first().waitFor();
    await session.shoot(page, shot('not-synced'));
    await expectAccessible(page);

    // The group's own Exalate opens "Exalate this work item" in the host's dialog.
    await pressWithKeyboard(page, surface.getByRole('button', { name: words.actionLabel, exact: true }));
    const dialog = dialogFrame(page);
    await page.getByRole('dialog', { name: words.dialogTitle }).waitFor();
    await chooseRadioWithKeyboard(page, dialog.getByRole('radiogroup'), dialog.getByRole('radio', { name: connectionName }));
    await session.shoot(page, shot('exalate-dialog'));
    await expectAccessible(page);
    await pressWithKeyboard(page, dialog.getByRole('button', { name: words.exalateButton, exact: true }));
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    const remoteKey = await waitFor(
      'the twin of the exalated work item',
      async () => (await twinsOf(local, key)).find((twin) => twin.connectionId === connectionId && twin.status === 'synchronized')?.remoteKey ?? undefined,
      30_000,
    );
    const link = surface.getByRole('link', { name: remoteKey, exact: true });
    await waitFor(
      'the group showing Synchronized',
      async () => (await surface.getByText(words.status.synchronized, { exact: true }).count()) > 0 && (await link.count()) > 0,
      30_000,
    );
    // The link opens the twin in the other tracker: its address there, ending with its key.
    const href = (await link.getAttribute('href')) ?? '';
    expect(href.startsWith(remote.instance.trackerApi)).toBe(true);
    expect(href.endsWith(`/${encodeURIComponent(remoteKey)}`)).toBe(true);
    await surface.getByText(connectionName).first().waitFor();
    expect((await remote.tracker.getItem(remoteKey))?.summary).toBe(`${title}: badge reader rejects new cards`);
    await session.shoot(page, shot('synchronized'));
    await expectAccessible(page);

    // A change made on the twin shows on this work item.
    await remote.tracker.updateItem(remoteKey, { summary: `${title}: badge reader rejects cards issued after May` });
    await waitFor(
      'the twin’s rename on this work item',
      async () => (await local.tracker.getItem(key))?.summary === `${title}: badge reader rejects cards issued after May`,
      30_000,
    );
    await page.reload();
    await page.getByRole('heading', { name: `${title}: badge reader rejects cards issued after May` }).waitFor();
    await group(page).getByText(words.status.synchronized, { exact: true }).first().waitFor();

    // Show local replica: what this side sends of the work item now.
    await pressWithKeyboard(page, group(page).getByRole('button', { name: words.showLocalReplica }));
    await group(page)
      .getByText(/badge reader rejects cards issued after May/)
      .first()
      .waitFor();
    await session.shoot(page, shot('local-replica'));
    await expectAccessible(page);

    await pressWithKeyboard(page, group(page).getByRole('button', { name: words.unexalate }));
    await group(page).getByText(words.noTwins).first().waitFor();
    // The replica of a sync that stopped is not left on show.
    expect(await group(page).getByText(words.replicaTitle('local', connectionName)).count()).toBe(0);
    await session.shoot(page, shot('unexalated'));
    await waitFor('the other side unlinking its twin', async () => (await twinsOf(remote, remoteKey)).length === 0, 30_000);
    await expectEditStaysHome(local, remote, key, remoteKey, marker, `${title} here`);
    await expectEditStaysHome(remote, local, remoteKey, key, { local: marker.remote, remote: marker.local }, `${title} there`);
  });

  it('connects two existing work items from the ⋯ menu by keyboard alone, and refuses a remote id that already has a twin', async () => {
    const { key } = await local.tracker.createItem({ projectKey: 'Fabrikam Fiber', type: 'Task', summary: `${title}: replace the lobby reader` });
    const { key: remoteKey } = await remote.tracker.createItem({ projectKey: remoteProject, type: 'Task', summary: `${title}: lobby reader replacement` });
    await page.goto(workItemPage(local.instance, key));
    await group(page).getByText(words.noTwins).first().waitFor();

    await pressWithKeyboard(page, page.getByRole('button', { name: 'More actions' }));
    await pressWithKeyboard(page, page.getByRole('menuitem', { name: 'Exalate' }));
    const dialog = dialogFrame(page);
    await page.getByRole('dialog', { name: words.dialogTitle }).waitFor();
    await chooseRadioWithKeyboard(page, dialog.getByRole('radiogroup'), dialog.getByRole('radio', { name: connectionName }));
    await typeWithKeyboard(page, dialog.getByRole('textbox', { name: words.remoteKeyLabel }), remoteKey);
    await session.shoot(page, shot('connect-dialog'));
    await expectAccessible(page);
    await pressWithKeyboard(page, dialog.getByRole('button', { name: words.connectButton, exact: true }));
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    await waitFor(
      'the two work items twinned on this side',
      async () => (await twinsOf(local, key)).some((twin) => twin.remoteKey === remoteKey && twin.status === 'synchronized'),
      30_000,
    );
    await waitFor(
      'the two work items twinned on the other side',
      async () => (await twinsOf(remote, remoteKey)).some((twin) => twin.remoteKey === key),
      30_000,
    );
    await group(page).getByRole('link', { name: remoteKey, exact: true }).waitFor();
    // The group follows a twin that is on its way until it settles, with no reload.
    await group(page).getByText(words.status.synchronized, { exact: true }).first().waitFor();
    await session.shoot(page, shot('connected'));
    await expectAccessible(page);

    // Another work item cannot take the same remote id: 409, in the node's words, and nothing changes.
    const { key: other } = await local.tracker.createItem({ projectKey: 'Fabrikam Fiber', type: 'Task', summary: `${title}: a second lobby reader` });
    await page.goto(workItemPage(local.instance, other));
    await group(page).getByText(words.noTwins).first().waitFor();
    await pressWithKeyboard(page, page.getByRole('button', { name: 'More actions' }));
    await pressWithKeyboard(page, page.getByRole('menuitem', { name: 'Exalate' }));
    await chooseRadioWithKeyboard(page, dialog.getByRole('radiogroup'), dialog.getByRole('radio', { name: connectionName }));
    await typeWithKeyboard(page, dialog.getByRole('textbox', { name: words.remoteKeyLabel }), remoteKey);
    await pressWithKeyboard(page, dialog.getByRole('button', { name: words.connectButton, exact: true }));
    await dialog
      .getByText(new RegExp(`"${remoteKey}" is already connected`))
      .first()
      .waitFor();
    await expectAccessible(page);
    await tabTo(page, dialog.getByRole('button', { name: words.close, exact: true }));
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await twinsOf(local, other)).toEqual([]);
    expect((await twinsOf(remote, remoteKey)).map((twin) => twin.remoteKey)).toEqual([key]);
  });
});

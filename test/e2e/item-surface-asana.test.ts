import type { Page } from 'playwright-core';
import { AsanaAdapter } from '../../hosts/asana/adapter';
import { JiraCloudAdapter } from '../../hosts/jira-cloud/adapter';
import type { SandboxInstanceDescription } from '../../scripts/sandbox/sandbox-description';
import { adminClient } from '../support/sandbox-client';
import { waitFor } from '../support/wait-for';
import { expectAccessible } from './support/accessibility';
import { startBrowserSession, type BrowserSession } from './support/browser-session';
import { chooseRadioWithKeyboard, pressWithKeyboard, tabTo, typeWithKeyboard } from './support/keyboard';

/**
 * Exalate on an Asana task, in Chromium, on the sandbox's task pane: the page plays Asana's web app
 * and calls the Asana node as its app server, every request signed as Asana signs it. A person with
 * no mouse opens the Exalate entry point, exalates an unsynced task through a connection (the
 * widget shows the twin's key as a link and Synchronized), sees a change made on the twin arrive,
 * unexalates it (later edits stop travelling, checked on both nodes' state), and connects two
 * existing items. Every page is scanned by axe-core.
 */
jest.setTimeout(180_000);

const connectionName = 'acme-asana_to_acme-jira';
let session: BrowserSession;
let asanaProject: string;

beforeAll(async () => {
  session = await startBrowserSession();
  // The connection is made through the admin API: its wizard has journeys of its own.
  const asana = sideOf(session.instance('asana'), 'asana');
  const jira = sideOf(session.instance('jira-cloud'), 'jira-cloud');
  asanaProject = (await asana.tracker.listProjects())[0]?.key ?? '';
  const initiated = await asana.admin('POST', '/connections/initiate', {
    destinationUrl: session.instance('jira-cloud').url,
    mode: 'script',
    localName: 'acme-asana',
    remoteName: 'acme-jira',
    name: connectionName,
    projectKey: asanaProject,
  });
  expect(initiated.status).toBe(201);
  expect((await jira.admin('POST', '/connections/accept', { invitationCode: initiated.body.invitationCode, projectKey: 'SUP' })).status).toBe(201);
  await waitFor('the connection Active on both sides', async () =>
    (await asana.admin('GET', '/connections')).body.every((connection: { status: string }) => connection.status === 'active'),
  );
});
afterAll(async () => {
  await session?.close();
});

/** The tracker as its users reach it (REST, with the sandbox's credentials), and the node's admin API. */
function sideOf(instance: SandboxInstanceDescription, kind: 'asana' | 'jira-cloud') {
  const tracker =
    kind === 'asana'
      ? new AsanaAdapter({ baseUrl: instance.trackerApi, authorization: instance.trackerAuth })
      : new JiraCloudAdapter({ baseUrl: instance.trackerApi, authorization: instance.trackerAuth });
  return { instance, tracker, admin: adminClient(instance) };
}
type Side = ReturnType<typeof sideOf>;

function taskPage(instance: SandboxInstanceDescription, key: string): string {
  const template = (instance as SandboxInstanceDescription & { itemPage?: string }).itemPage ?? '';
  return template.replace('{key}', encodeURIComponent(key));
}

async function twinsOf(side: Side, key: string): Promise<{ remoteKey: string | null; status: string }[]> {
  const answer = await side.admin('GET', `/items/${encodeURIComponent(key)}`);
  expect(answer.status).toBe(200);
  return answer.body.twins;
}

const dialog = (page: Page) => page.getByRole('dialog', { name: 'Exalate this task' });

/** Opens the Exalate entry point by keyboard and waits for the form Asana draws from the node's answer. */
async function openExalateForm(page: Page): Promise<void> {
  await pressWithKeyboard(page, page.getByRole('button', { name: 'Exalate', exact: true }));
  await dialog(page).getByRole('group', { name: 'What to do' }).waitFor();
}

/** Chooses an action by keyboard and waits until the form the node answered for it is drawn. */
async function chooseAction(page: Page, option: RegExp): Promise<void> {
  const radio = dialog(page).getByRole('radio', { name: option });
  await chooseRadioWithKeyboard(page, dialog(page).getByRole('group', { name: 'What to do' }), radio);
  await waitFor('the form for the chosen action', async () => (await page.locator('#form-fields[aria-busy]').count()) === 0 && (await radio.isChecked()));
}

const widget = (page: Page) => page.getByRole('article', { name: 'Exalate widget' });

/** The widget until it says Synchronized (the page's Refresh asks the app server again, as reopening the task in Asana does). */
async function waitForSynchronized(page: Page): Promise<string> {
  return waitFor(
    'the widget to say Synchronized',
    async () => {
      await pressWithKeyboard(page, page.getByRole('button', { name: 'Refresh' }));
      const text =
        (await widget(page)
          .first()
          .textContent()
          .catch(() => '')) ?? '';
      return text.includes('Synchronized') ? text : undefined;
    },
    60_000,
  );
}

it('exalates an unsynced task through a connection, shows its twin and Synchronized, takes a change from the twin, and unexalates it', async () => {
  const asana = sideOf(session.instance('asana'), 'asana');
  const jira = sideOf(session.instance('jira-cloud'), 'jira-cloud');
  const { key: task } = await asana.tracker.createItem({ projectKey: asanaProject, type: 'Task', summary: 'Badge printer on floor 3 jams' });
  const page = await session.newPage();
  await page.goto(taskPage(asana.instance, task));
  await page.getByText('This task is not synced').waitFor();
  await session.shoot(page, 'asana-task-not-synced');
  await expectAccessible(page);

  await openExalateForm(page);
  await dialog(page).getByRole('combobox', { name: 'Connection' }).waitFor();
  await session.shoot(page, 'asana-exalate-this-task');
  await expectAccessible(page);
  await pressWithKeyboard(page, dialog(page).getByRole('button', { name: 'Submit' }));
  await page.getByRole('status').filter({ hasText: connectionName }).waitFor();

  const card = await waitForSynchronized(page);
  const [twin] = await twinsOf(asana, task);
  expect(twin).toMatchObject({ status: 'synchronized', remoteKey: expect.any(String) });
  const remoteKey = String(twin?.remoteKey);
  expect(card).toContain(remoteKey);
  const link = widget(page).getByRole('link', { name: remoteKey });
  expect(await link.getAttribute('href')).toContain('/asana/app-components/twins/');
  expect((await jira.tracker.getItem(remoteKey))?.summary).toBe('Badge printer on floor 3 jams');
  await session.shoot(page, 'asana-task-synchronized');
  await expectAccessible(page);

  // A change made on the twin shows here.
  await jira.tracker.updateItem(remoteKey, { summary: 'Badge printer on floor 3 jams (paper tray)' });
  await waitFor(
    'the twin’s rename on the Asana task',
    async () => {
      await page.reload();
      return (await page.getByRole('heading', { level: 1 }).textContent()) === 'Badge printer on floor 3 jams (paper tray)';
    },
    60_000,
  );

  // Unexalate, from the same form.
  await openExalateForm(page);
  await chooseAction(page, /Unexalate/);
  await dialog(page).getByRole('combobox', { name: 'Connection' }).waitFor();
  await session.shoot(page, 'asana-unexalate');
  await pressWithKeyboard(page, dialog(page).getByRole('button', { name: 'Submit' }));
  await widget(page).filter({ hasText: 'Not synced' }).waitFor();
  await expectAccessible(page);
  expect(await twinsOf(asana, task)).toEqual([]);
  await waitFor('the other side to unlink too', async () => (await twinsOf(jira, remoteKey)).length === 0, 30_000);

  // Later edits no longer travel: an edit of the unexalated task, then one of a task still in sync; once the second crossed, the first had every chance.
  const { key: marker } = await asana.tracker.createItem({ projectKey: asanaProject, type: 'Task', summary: 'Marker task' });
  const connectionId = (await asana.admin('GET', '/connections')).body[0].id as string;
  expect((await asana.admin('POST', `/connections/${connectionId}/sync`, { issueKey: marker })).status).toBe(202);
  const markerTwin = await waitFor(
    'the marker synced',
    async () => (await twinsOf(asana, marker)).find((each) => each.status === 'synchronized')?.remoteKey ?? undefined,
    60_000,
  );
  await asana.tracker.updateItem(task, { summary: 'Edited after Unexalate' });
  await asana.tracker.updateItem(marker, { summary: 'Marker edited after it' });
  await waitFor('the marker’s edit on Jira', async () => (await jira.tracker.getItem(markerTwin))?.summary === 'Marker edited after it', 60_000);
  expect((await jira.tracker.getItem(remoteKey))?.summary).toBe('Badge printer on floor 3 jams (paper tray)');
  expect(await twinsOf(asana, task)).toEqual([]);
  expect(await twinsOf(jira, remoteKey)).toEqual([]);
  await page.close();
});

it('connects two existing items by the remote key, and they are twins', async () => {
  const asana = sideOf(session.instance('asana'), 'asana');
  const jira = sideOf(session.instance('jira-cloud'), 'jira-cloud');
  const { key: task } = await asana.tracker.createItem({ projectKey: asanaProject, type: 'Task', summary: 'Replace the lobby door card reader' });
  const { key: issue } = await jira.tracker.createItem({ projectKey: 'SUP', type: 'Task', summary: 'Lobby door card reader (Jira)' });
  const page = await session.newPage();
  await page.goto(taskPage(asana.instance, task));

  await openExalateForm(page);
  await chooseAction(page, /^Connect/);
  const remoteKeyField = dialog(page).getByRole('textbox', { name: 'Key of the item on the other side' });
  await typeWithKeyboard(page, remoteKeyField, issue);
  await session.shoot(page, 'asana-connect');
  await expectAccessible(page);
  await tabTo(page, dialog(page).getByRole('button', { name: 'Submit' }));
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: issue }).waitFor();

  await waitFor(
    'the twins on both sides',
    async () => (await twinsOf(asana, task)).some((twin) => twin.remoteKey === issue) && (await twinsOf(jira, issue)).some((twin) => twin.remoteKey === task),
    60_000,
  );
  const card = await waitForSynchronized(page);
  expect(card).toContain(issue);
  await session.shoot(page, 'asana-connected');
  await page.close();
});

import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describeControls } from './accessible-markup';
import { AsanaSignIn, type AsanaSignInProps } from './asana-sign-in';
import { JiraServerConnectionForm, type JiraServerConnectionFormProps } from './jira-server-connection-form';
import { resolveFromNodeRoot, type TrackerConnectionAnswer } from './tracker-connection-client';

// "Tracker connection" in General settings as the console draws it: every control named, the
// node's refusals in an alert.

const signedOutAsana: TrackerConnectionAnswer = { tracker: 'asana', baseUrl: 'https://app.asana.com', signedIn: false, method: 'oauth' };
const signedInAsana: TrackerConnectionAnswer = { ...signedOutAsana, signedIn: true, account: { name: 'Sam Asana', email: 'sam@acme.example' } };
const workspaces = [
  { gid: '1', name: 'Acme Corp' },
  { gid: '2', name: 'Partner Workspace' },
];

const asana = (props: Partial<AsanaSignInProps>) =>
  renderToStaticMarkup(
    createElement(AsanaSignIn, {
      connection: signedOutAsana,
      workspaces: { status: 'idle' },
      busy: null,
      problem: null,
      notice: null,
      onSignIn: () => undefined,
      onChooseWorkspace: () => undefined,
      ...props,
    }),
  );
const jira = (props: Partial<JiraServerConnectionFormProps>) =>
  renderToStaticMarkup(
    createElement(JiraServerConnectionForm, {
      connection: { tracker: 'jira-server', baseUrl: null, signedIn: false, method: 'token' },
      saving: false,
      problem: null,
      notice: null,
      onSave: () => undefined,
      ...props,
    }),
  );

test('Asana, signed out: one button to sign in, no workspace yet', () => {
  const html = asana({});
  expect(html).toContain('Not signed in');
  expect(describeControls(html)).toEqual(['button "Sign in with Asana"']);
});

test('Asana, signed in: the account, signing in again, and the Workspace picker with its choices', () => {
  const html = asana({ connection: { ...signedInAsana, workspace: { gid: '2', name: 'Partner Workspace' } }, workspaces: { status: 'loaded', workspaces } });
  expect(html).toContain('Signed in as Sam Asana (sam@acme.example)');
  expect(html).toContain('Signed in with Asana (OAuth), at https://app.asana.com.');
  expect(describeControls(html)).toEqual(['button "Sign in with Asana again"', 'combobox "Workspace"']);
  expect(html).toMatch(/<option value="2" selected="">Partner Workspace<\/option>/);
});

test('Asana, no workspace chosen yet: the picker asks for one and says what is offered meanwhile', () => {
  const html = asana({ connection: signedInAsana, workspaces: { status: 'loaded', workspaces } });
  expect(html).toContain('<option value="" disabled="" selected="">Choose a workspace</option>');
  expect(html).toContain('lists the projects of every workspace');
});

test('Asana: the node’s refusal is an alert, and nothing can be clicked twice while it works', () => {
  const html = asana({
    connection: signedInAsana,
    workspaces: { status: 'loaded', workspaces },
    busy: 'workspace',
    problem: 'This node has no Asana OAuth app yet.',
  });
  expect(html).toContain('<p class="message message-error" role="alert">This node has no Asana OAuth app yet.</p>');
  expect(describeControls(html)).toEqual(['button "Sign in with Asana again" (disabled)', 'combobox "Workspace" (disabled)']);
});

test('Jira Server: Jira base URL, Personal access token and Save, with the node’s error in an alert', () => {
  const html = jira({ problem: 'Jira at https://jira.example.com refused this personal access token.' });
  expect(describeControls(html)).toEqual(['textbox "Jira base URL"', 'textbox "Personal access token"', 'button "Save"']);
  expect(html).toContain('type="password"');
  expect(html).toContain('role="alert">Jira at https://jira.example.com refused this personal access token.</p>');
  expect(html).toContain('Not connected');
});

test('Jira Server, connected: the account and address, the token never filled in', () => {
  const html = jira({
    connection: { tracker: 'jira-server', baseUrl: 'https://jira.example.com', signedIn: true, method: 'token', account: { name: 'Jira Administrator' } },
  });
  expect(html).toContain('Connected as Jira Administrator');
  expect(html).toContain('value="https://jira.example.com"');
  expect(html).toMatch(/type="password"[^>]*value=""/);
  expect(html).toContain('Saved (paste a new one to change it)');
});

test('the sign-in start of a private node is resolved against the node’s root, wherever the console is', () => {
  expect(resolveFromNodeRoot('/api/v1', '/oauth/asana/start?ticket=t', 'https://node.example/console/#general-settings')).toBe(
    'https://node.example/oauth/asana/start?ticket=t',
  );
  expect(resolveFromNodeRoot('http://localhost:8080/asana/node/api/v1', '/oauth/asana/start?ticket=t', 'http://localhost:8080/asana/console')).toBe(
    'http://localhost:8080/asana/node/oauth/asana/start?ticket=t',
  );
  expect(resolveFromNodeRoot('/api/v1', 'https://public.example/oauth/asana/start?ticket=t', 'https://node.example/console/')).toBe(
    'https://public.example/oauth/asana/start?ticket=t',
  );
});

import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describeControls } from './accessible-markup';
import { ConnectionsTable } from './connections-table';
import { sampleConnection } from '../../console-kit/fake-wizard-client';
import { isWaitingForPeer } from '../../console-kit/use-connections';

const render = (connections: Parameters<typeof ConnectionsTable>[0]['connections'], working: string | null = null) =>
  renderToStaticMarkup(createElement(ConnectionsTable, { connections, working, onAction: () => undefined }));

test('a Pending connection to a private side: "unknown", a Pending lozenge; its code can be shown again and its scripts edited meanwhile', () => {
  const html = render([sampleConnection()]);
  expect(html).toContain('<span class="lozenge lozenge-pending">Pending</span>');
  expect(html).toContain('>unknown</span>');
  expect(html).toContain('<td>Script</td>');
  expect(html).toContain('You can edit scripts and triggers meanwhile.');
  expect(describeControls(html)).toEqual([
    'button "Show invitation code acme-jira_to_partner-ado"',
    'button "Edit scripts acme-jira_to_partner-ado"',
    'button "Delete acme-jira_to_partner-ado"',
  ]);
});

test('the accepting side of a Pending connection has no code to show', () => {
  expect(describeControls(render([sampleConnection({ role: 'acceptor' })]))).toEqual([
    'button "Edit scripts acme-jira_to_partner-ado"',
    'button "Delete acme-jira_to_partner-ado"',
  ]);
});

test('an Active connection with a public peer: Start synchronization, Deactivate, Edit scripts, Check (signed ping), Delete', () => {
  const html = render([sampleConnection({ status: 'active', destination: 'https://partner.example/node', remoteTracker: 'azure-devops' })]);
  expect(html).toContain('Azure DevOps');
  expect(describeControls(html)).toEqual([
    'button "Start synchronization acme-jira_to_partner-ado"',
    'button "Deactivate acme-jira_to_partner-ado"',
    'button "Edit scripts acme-jira_to_partner-ado"',
    'button "Check acme-jira_to_partner-ado"',
    'button "Delete acme-jira_to_partner-ado"',
  ]);
});

test('a Deactivated connection offers Activate; a private peer is never pinged', () => {
  expect(describeControls(render([sampleConnection({ status: 'deactivated' })]))).toEqual([
    'button "Activate acme-jira_to_partner-ado"',
    'button "Edit scripts acme-jira_to_partner-ado"',
    'button "Delete acme-jira_to_partner-ado"',
  ]);
});

test('an Error shows its reason', () => {
  const html = render([sampleConnection({ status: 'error', statusReason: 'The other side refused the signature.' })]);
  expect(html).toContain('lozenge-error">Error</span>');
  expect(html).toContain('The other side refused the signature.');
});

test("a row's buttons wait while its request is in flight", () => {
  const html = render([sampleConnection({ status: 'active' }), sampleConnection({ id: 'c2', name: 'other', status: 'active' })], 'connection-1');
  expect(describeControls(html)).toEqual([
    'button "Start synchronization acme-jira_to_partner-ado" (disabled)',
    'button "Deactivate acme-jira_to_partner-ado" (disabled)',
    'button "Edit scripts acme-jira_to_partner-ado" (disabled)',
    'button "Delete acme-jira_to_partner-ado" (disabled)',
    'button "Start synchronization other"',
    'button "Deactivate other"',
    'button "Edit scripts other"',
    'button "Delete other"',
  ]);
});

test('the list is polled only while a connection waits for the other side', () => {
  expect(isWaitingForPeer(null)).toBe(false);
  expect(isWaitingForPeer([sampleConnection({ status: 'active' })])).toBe(false);
  expect(isWaitingForPeer([sampleConnection({ status: 'active' }), sampleConnection({ status: 'pending' })])).toBe(true);
});

test('a Basic connection shows its mode and offers What syncs instead of Edit scripts', () => {
  const html = render([sampleConnection({ mode: 'basic' }), sampleConnection({ id: 'c2', name: 'basic-active', mode: 'basic', status: 'active' })]);
  expect(html).toContain('<td>Basic</td>');
  expect(html).toContain('You can add triggers meanwhile.');
  expect(html).not.toContain('You can edit scripts');
  expect(describeControls(html)).toEqual([
    'button "Show invitation code acme-jira_to_partner-ado"',
    'button "What syncs acme-jira_to_partner-ado"',
    'button "Delete acme-jira_to_partner-ado"',
    'button "Start synchronization basic-active"',
    'button "Deactivate basic-active"',
    'button "What syncs basic-active"',
    'button "Delete basic-active"',
  ]);
});

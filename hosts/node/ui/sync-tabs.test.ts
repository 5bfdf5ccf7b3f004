import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { createConsoleClient } from '../../console-kit/operation-client';
import { describeControls } from './accessible-markup';
import { describeBulkSync } from './bulk-sync-section';
import { defaultConnection, selectableConnections } from './connection-select';
import { describeErrorSubject } from './errors-tab';
import { sampleConnection } from '../../console-kit/fake-wizard-client';
import { ScriptsDialog } from './scripts-dialog';
import { describeQueueCounts } from './sync-queue-tab';

const pending = sampleConnection({ id: 'c-pending', name: 'waiting', status: 'pending' });
const active = sampleConnection({ id: 'c-active', name: 'acme_to_partner', status: 'active' });
const deleted = sampleConnection({ id: 'c-deleted', name: 'gone', status: 'deleted' });

test('per-connection tabs open on the chosen connection, else the first active one; deleted ones are not offered', () => {
  const usable = selectableConnections([pending, deleted, active]);
  expect(usable.map((connection) => connection.id)).toEqual(['c-pending', 'c-active']);
  expect(defaultConnection(usable, null)?.id).toBe('c-active');
  expect(defaultConnection(usable, 'c-pending')?.id).toBe('c-pending');
  // A connection chosen on another tab that has since been deleted.
  expect(defaultConnection(usable, 'c-deleted')?.id).toBe('c-active');
  expect(defaultConnection([], null)).toBeUndefined();
});

test('an error says what it holds up: an item on a connection, a connection, or the node', () => {
  const error = {
    id: 'e1',
    scope: 'item' as const,
    connectionId: 'c-active',
    itemKey: 'SUP-7',
    code: 'script_failed',
    message: 'm',
    line: 3,
    occurrences: 2,
    updatedAt: 0,
  };
  expect(describeErrorSubject(error, [active])).toBe('SUP-7 on acme_to_partner');
  expect(describeErrorSubject({ ...error, scope: 'connection', itemKey: null }, [active])).toBe('acme_to_partner');
  // Before the connections arrive, the id stands in for the name.
  expect(describeErrorSubject({ ...error, scope: 'connection', itemKey: null }, null)).toBe('c-active');
  expect(describeErrorSubject({ ...error, scope: 'node', connectionId: null, itemKey: null }, [active])).toBe('this node');
});

test('counts read as the Jira Cloud and Azure DevOps consoles show them', () => {
  expect(describeQueueCounts({ queued: 3, in_flight: 1, done: 120, failed: 0 })).toBe('3 queued · 1 in flight · 120 done · 0 failed');
  expect(describeBulkSync({ query: 'project = SUP', state: 'running', found: 120, queued: 100, unchanged: 18, failed: 2, message: null })).toBe(
    '120 found · 100 queued · 18 unchanged · 2 failed',
  );
});

test('the scripts dialog is a named dialog whose controls all have names', () => {
  const client = createConsoleClient(async () => ({ ok: true, value: {} }));
  const html = renderToStaticMarkup(createElement(ScriptsDialog, { client, connection: active, tracker: 'jira-server', onClose: () => undefined }));
  expect(html).toMatch(/role="dialog" aria-modal="true" aria-labelledby="([^"]+)"/);
  expect(html).toContain('>Scripts: acme_to_partner</h2>');
  expect(html).toContain('Outgoing sync script</label>');
  expect(html).toContain('Incoming sync script</label>');
  // Until the scripts arrive there is nothing to test or save.
  expect(describeControls(html)).toEqual([
    'button "Close"',
    'textbox "Issue key for a test run"',
    'button "Test run" (disabled)',
    'button "Close"',
    'button "Save" (disabled)',
  ]);
});

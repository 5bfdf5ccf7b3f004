import { err } from './browser-core';
import type { WizardEffect } from './browser-core';
import { createFakeWizardClient } from './fake-wizard-client';
import { runWizardEffect, type WizardEffectHost } from './wizard-effect-runner';

const refused = (message: string) => async () => err({ status: 400, code: 'invalid_request', message });

function hostWith(overrides: Partial<WizardEffectHost> = {}): WizardEffectHost & { closed: number; refreshed: number } {
  const host = {
    client: createFakeWizardClient(),
    clipboard: { writeText: async () => undefined },
    closed: 0,
    refreshed: 0,
    close: () => void (host.closed += 1),
    refreshConnections: () => void (host.refreshed += 1),
    ...overrides,
  };
  return host;
}

const initiateRequest = {
  destinationUrl: null,
  mode: 'script',
  localName: 'acme-jira',
  remoteName: 'partner-ado',
  name: 'acme-jira_to_partner-ado',
  projectKey: 'SUP',
} as const;
const acceptRequest = { invitationCode: 'exa1.code.crc', projectKey: 'SUP' } as const;

describe('each effect answers with the event the wizard expects', () => {
  test.each<[string, WizardEffect, unknown]>([
    [
      'inspect_destination',
      { type: 'inspect_destination', url: 'https://partner.test' },
      { type: 'destination_inspected', destination: { tracker: 'azure-devops', isPublic: true, modes: ['script'] } },
    ],
    ['load_projects', { type: 'load_projects' }, { type: 'projects_loaded', projects: [{ key: 'SUP', name: 'Customer Support' }] }],
    [
      'initiate',
      { type: 'initiate', request: initiateRequest },
      { type: 'initiated', invitationCode: 'exa1.code.crc', connectionId: 'connection-1', expiresAt: '2026-11-26T20:00:00.000Z' },
    ],
    [
      'preview_invitation',
      { type: 'preview_invitation', invitationCode: 'exa1.code.crc' },
      { type: 'invitation_previewed', preview: expect.objectContaining({ inviterName: 'acme-jira', mode: 'script' }) },
    ],
    ['accept', { type: 'accept', request: acceptRequest }, { type: 'accepted', connectionId: 'connection-1' }],
    ['copy_to_clipboard', { type: 'copy_to_clipboard', text: 'exa1.code.crc' }, null],
  ])('%s', async (_name, effect, expected) => {
    expect(await runWizardEffect(effect, hostWith())).toEqual(expected);
  });
});

describe("a refusal carries the node's message, for the wizard to show", () => {
  const message = 'The invitation code expired on 2026-11-25; ask the initiator for a new one.';
  test.each<[string, WizardEffect, Parameters<typeof createFakeWizardClient>[0], string]>([
    [
      'inspect_destination',
      { type: 'inspect_destination', url: 'https://partner.test' },
      { inspectDestination: refused(message) },
      'destination_inspection_failed',
    ],
    ['load_projects', { type: 'load_projects' }, { listProjects: refused(message) }, 'projects_failed'],
    ['initiate', { type: 'initiate', request: initiateRequest }, { initiateConnection: refused(message) }, 'initiate_failed'],
    ['preview_invitation', { type: 'preview_invitation', invitationCode: 'x' }, { previewInvitation: refused(message) }, 'invitation_invalid'],
    ['accept', { type: 'accept', request: acceptRequest }, { acceptInvitation: refused(message) }, 'accept_failed'],
  ])('%s', async (_name, effect, client, type) => {
    expect(await runWizardEffect(effect, hostWith({ client: createFakeWizardClient(client) }))).toEqual({ type, message });
  });
});

describe('copy_to_clipboard', () => {
  test('writes the invitation code', async () => {
    const written: string[] = [];
    await runWizardEffect(
      { type: 'copy_to_clipboard', text: 'exa1.code.crc' },
      hostWith({ clipboard: { writeText: async (text) => void written.push(text) } }),
    );
    expect(written).toEqual(['exa1.code.crc']);
  });

  test('without a Clipboard API (plain http) it reports copy_failed, so the code is selected for copying by hand', async () => {
    expect(await runWizardEffect({ type: 'copy_to_clipboard', text: 'x' }, hostWith({ clipboard: undefined }))).toEqual({ type: 'copy_failed' });
  });

  test('when the browser refuses (no permission, no focus) it reports copy_failed', async () => {
    const clipboard = { writeText: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')) };
    expect(await runWizardEffect({ type: 'copy_to_clipboard', text: 'x' }, hostWith({ clipboard }))).toEqual({ type: 'copy_failed' });
  });
});

test('close and refresh_connections act on the console and answer nothing', async () => {
  const host = hostWith();
  expect(await runWizardEffect({ type: 'close' }, host)).toBeNull();
  expect(await runWizardEffect({ type: 'refresh_connections' }, host)).toBeNull();
  expect([host.closed, host.refreshed]).toEqual([1, 1]);
});

import type { WizardEffect, WizardEvent } from './browser-core';
import type { ConsoleClient } from './operation-client';

/** The admin calls a wizard's effects make: all any console needs to hand the wizard. */
export type WizardClient = Pick<ConsoleClient, 'inspectDestination' | 'listProjects' | 'initiateConnection' | 'previewInvitation' | 'acceptInvitation'>;

/** What the wizard's effects need from the console; the admin API does the rest. */
export interface WizardEffectHost {
  readonly client: WizardClient;
  /** navigator.clipboard where the browser offers it (only on https or localhost). */
  readonly clipboard: Pick<Clipboard, 'writeText'> | undefined;
  /** Takes the wizard's dialog off the screen. */
  close(): void;
  /** Reloads the Connections list. */
  refreshConnections(): void;
}

/**
 * The one place where the console performs what a wizard transition asks for. Each effect is run
 * and its outcome turned into the event the wizard expects back (core/wizard/wizard-effect.ts);
 * failures carry the node's message, and the wizard puts its own in place of a blank one. Returns
 * null when the effect has no answer.
 */
export async function runWizardEffect(effect: WizardEffect, host: WizardEffectHost): Promise<WizardEvent | null> {
  switch (effect.type) {
    case 'inspect_destination': {
      const answer = await host.client.inspectDestination(effect.url);
      return answer.ok
        ? { type: 'destination_inspected', destination: answer.value }
        : { type: 'destination_inspection_failed', message: answer.error.message };
    }
    case 'load_projects': {
      const answer = await host.client.listProjects();
      return answer.ok ? { type: 'projects_loaded', projects: answer.value } : { type: 'projects_failed', message: answer.error.message };
    }
    case 'initiate': {
      const answer = await host.client.initiateConnection(effect.request);
      return answer.ok
        ? {
            type: 'initiated',
            invitationCode: answer.value.invitationCode,
            connectionId: answer.value.connection.id,
            expiresAt: answer.value.connection.invitationExpiresAt,
          }
        : { type: 'initiate_failed', message: answer.error.message };
    }
    case 'preview_invitation': {
      const answer = await host.client.previewInvitation(effect.invitationCode);
      return answer.ok ? { type: 'invitation_previewed', preview: answer.value } : { type: 'invitation_invalid', message: answer.error.message };
    }
    case 'accept': {
      const answer = await host.client.acceptInvitation(effect.request);
      return answer.ok ? { type: 'accepted', connectionId: answer.value.connection.id } : { type: 'accept_failed', message: answer.error.message };
    }
    case 'copy_to_clipboard':
      // The Clipboard API is missing outside secure contexts and may be refused by the browser.
      if (host.clipboard === undefined) return { type: 'copy_failed' };
      try {
        await host.clipboard.writeText(effect.text);
        return null;
      } catch {
        return { type: 'copy_failed' };
      }
    case 'close':
      host.close();
      return null;
    case 'refresh_connections':
      host.refreshConnections();
      return null;
  }
}

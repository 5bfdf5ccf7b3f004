import type { ConsoleConnection, InstanceAnswer } from './admin-answers';
import { trackerDisplayNames, trackerKinds, unknownDestination, wizardModeLabels, type TrackerKind, type WizardContext } from './browser-core';

/** What the wizards know about this instance when they open (core's LocalInstance). */
export function wizardContextOf(instance: InstanceAnswer): WizardContext {
  return {
    local: {
      tracker: instance.tracker,
      isPublic: instance.isPublic,
      licence: instance.licence,
      licenceCheck: instance.licenceCheck ?? null,
      modes: instance.modes,
    },
  };
}

export const statusWords: Readonly<Record<ConsoleConnection['status'], string>> = {
  pending: 'Pending',
  active: 'Active',
  deactivated: 'Deactivated',
  error: 'Error',
  deleted: 'Deleted',
};

export function modeWord(mode: ConsoleConnection['mode']): string {
  return wizardModeLabels[mode];
}

/** "ado (Azure DevOps) · unknown": the other side as the Connections list shows it. */
export function describeRemoteSide(connection: ConsoleConnection): string {
  const known = (trackerKinds as readonly string[]).includes(connection.remoteTracker);
  const tracker = known ? ` (${trackerDisplayNames[connection.remoteTracker as TrackerKind]})` : '';
  return `${connection.remoteName}${tracker} · ${connection.destination}`;
}

/** Which status changes the list offers for a connection. */
export function statusActions(connection: ConsoleConnection): readonly ('activate' | 'deactivate')[] {
  if (connection.status === 'active') return ['deactivate'];
  if (connection.status === 'deactivated') return ['activate'];
  return [];
}

/**
 * The initiator can show a Pending connection's invitation code again (GET
 * /connections/{id}/invitation); the accepting side never had one to show.
 */
export function canShowInvitation(connection: ConsoleConnection): boolean {
  return connection.status === 'pending' && connection.role === 'initiator';
}

/**
 * Scripts can be written and saved from the moment the connection exists: the guides tell the
 * initiator of a Pending connection "you can continue to configure on your end", and the admin
 * API saves them in any live status. Only a Script connection has scripts to edit (a Basic one
 * shows what it syncs instead: what-syncs.ts).
 */
export function canEditScripts(connection: Pick<ConsoleConnection, 'mode' | 'status'>): boolean {
  return connection.mode === 'script' && connection.status !== 'deleted';
}

/** "Once your partner accepts the invitation, you can start synchronization": an Active row offers how. */
export function canStartSync(connection: ConsoleConnection): boolean {
  return connection.status === 'active';
}

/** Under a Pending status: what is awaited, and that configuring need not wait. */
export const pendingExplained = 'Waiting for the other side to accept the invitation. You can edit scripts and triggers meanwhile.';

/** The same, for a connection whose fields are fixed (Basic): only triggers are there to set. */
export function pendingExplanationOf(connection: Pick<ConsoleConnection, 'mode'>): string {
  return connection.mode === 'script' ? pendingExplained : 'Waiting for the other side to accept the invitation. You can add triggers meanwhile.';
}

/**
 * Check sends a signed ping to the other side, which only works when this side may call it: an
 * Active connection whose other side is public (a private side's destination reads "unknown").
 */
export function canCheck(connection: ConsoleConnection): boolean {
  return connection.status === 'active' && connection.destination !== unknownDestination;
}

export function describeCheck(connection: ConsoleConnection, roundTripMs: number, remoteStatus: string | null): string {
  const there = remoteStatus === null ? '' : ` There, the connection is ${remoteStatus}.`;
  return `"${connection.name}": the other side answered a signed ping in ${Math.round(roundTripMs)} ms.${there}`;
}

export function describeStatusChange(connection: ConsoleConnection, change: 'activate' | 'deactivate'): string {
  return `"${connection.name}" is ${change === 'activate' ? 'active again' : 'deactivated: changes keep queueing and resume in order when you activate it'}.`;
}

export function describeDeleted(connection: ConsoleConnection): string {
  return `"${connection.name}" is deleted. Its twins are unlinked; the items stay.`;
}

/** The console's tabs (Forge: the admin page's sub-pages), in the order the seeds show them. */
export const consolePages = [
  { route: 'connections', title: 'Connections' },
  { route: 'triggers', title: 'Triggers' },
  { route: 'sync-queue', title: 'Sync queue' },
  { route: 'errors', title: 'Errors' },
  { route: 'general-settings', title: 'General settings' },
] as const;
export type ConsolePage = (typeof consolePages)[number]['route'];

export function pageOf(path: string): ConsolePage {
  const route = path.replace(/^\/+|\/+$/g, '').split('/')[0] ?? '';
  return consolePages.find((page) => page.route === route)?.route ?? 'connections';
}
